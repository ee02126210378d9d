package org.prdarts.repro;

/**
 * A run ended early for a reason the user can act on (a diverging loss, a signal); the message is
 * one line, and {@link #outcome()} is what the run's manifest records.
 */
public abstract class RunStoppedException extends RuntimeException {

    protected RunStoppedException(String message) {
        super(message);
    }

    /** The manifest's outcome, e.g. "diverged: the training loss is NaN at epoch 2, step 9". */
    public abstract String outcome();
}
