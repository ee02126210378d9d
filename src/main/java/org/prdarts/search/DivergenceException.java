package org.prdarts.search;

/** A loss became NaN or infinite; the message names the epoch and step. */
public final class DivergenceException extends RuntimeException {
    public DivergenceException(String message) {
        super(message);
    }
}
