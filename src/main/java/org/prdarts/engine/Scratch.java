package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The engine attaches a result to the manager of its first operand; a temporary computed from a
 * long-lived array (a parameter, an optimizer buffer) must be moved to the step's scratch manager,
 * or it lives as long as the model.
 */
public final class Scratch {
    private Scratch() {
    }

    /** Attaches temporary to scratch and returns it. */
    public static NDArray on(NDManager scratch, NDArray temporary) {
        temporary.attach(scratch);
        return temporary;
    }
}
