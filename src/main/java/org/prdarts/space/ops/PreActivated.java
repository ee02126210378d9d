package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * An operation whose first step is a ReLU of its input. The search cell computes that ReLU once
 * per state and hands it to every such operation reading the state, instead of each operation
 * computing (and autograd saving) its own copy.
 */
public abstract class PreActivated extends LazyBlock {

    /** The operation's output for an input whose ReLU is {@code relu}; never closes {@code relu}. */
    public abstract NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training);

    /** ReLU of x and the operation on it. */
    @Override
    public final NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray r = ai.djl.nn.Activation.relu(x);
        NDArray y = forwardActivated(ps, r, training);
        release(r, y);
        return y;
    }
}
