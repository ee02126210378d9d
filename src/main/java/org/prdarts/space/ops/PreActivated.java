package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * An operation whose first step is a ReLU of its input. The search cell computes that ReLU once
 * per state and hands it to every such operation reading the state, instead of each operation
 * computing (and autograd saving) its own copy.
 */
public interface PreActivated {

    /** The operation's output for an input whose ReLU is {@code relu}; never closes {@code relu}. */
    NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training);

    /** ReLU of x, the operation on it, and the ReLU released once consumed. */
    static NDArray forward(PreActivated op, ParameterStore ps, NDArray x, boolean training) {
        NDArray r = ai.djl.nn.Activation.relu(x);
        try {
            return op.forwardActivated(ps, r, training);
        } finally {
            r.close();
        }
    }
}
