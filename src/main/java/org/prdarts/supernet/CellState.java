package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;

/**
 * One state of a search cell and, made on first request, its ReLU, shared by every operation of
 * every edge that reads the state and starts with a ReLU. {@link #close} releases both handles;
 * autograd keeps whatever the backward pass still needs.
 */
final class CellState implements AutoCloseable {
    private final NDArray value;
    private NDArray relu;

    CellState(NDArray value) {
        this.value = value;
    }

    NDArray value() {
        return value;
    }

    NDArray relu() {
        if (relu == null) {
            relu = ai.djl.nn.Activation.relu(value);
        }
        return relu;
    }

    /** Releases the ReLU only, for a state whose value lives on (a cell's output). */
    void closeRelu() {
        if (relu != null) {
            relu.close();
            relu = null;
        }
    }

    @Override
    public void close() {
        closeRelu();
        value.close();
    }
}
