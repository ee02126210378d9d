package org.prdarts.repro;

import org.prdarts.repro.Manifest;
import org.prdarts.repro.RunStoppedException;

/** A loss became NaN or infinite; the message names the epoch and step. */
public final class DivergenceException extends RunStoppedException {
    public DivergenceException(String message) {
        super(message);
    }

    @Override
    public String outcome() {
        return Manifest.DIVERGED + ": " + getMessage();
    }
}
