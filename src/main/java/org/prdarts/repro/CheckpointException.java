package org.prdarts.repro;

/** A checkpoint cannot be read or does not fit the run; the message is one line. */
public final class CheckpointException extends IllegalArgumentException {
    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
