package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of trainable arrays (those with gradients), updated by one optimizer. The order
 * is the block's parameter order, which is deterministic, so optimizer state can be saved by index.
 */
public final class ParameterGroup {
    private final List<String> names;
    private final List<NDArray> arrays;

    public ParameterGroup(List<String> names, List<NDArray> arrays) {
        if (names.size() != arrays.size()) {
            throw new IllegalArgumentException("names and arrays differ in length");
        }
        this.names = List.copyOf(names);
        this.arrays = List.copyOf(arrays);
    }

    /** The trainable parameters of an initialised block. */
    public static ParameterGroup of(Block block) {
        List<String> names = new ArrayList<>();
        List<NDArray> arrays = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && param.isInitialized()) {
                names.add(p.getKey());
                arrays.add(param.getArray());
            }
        }
        return new ParameterGroup(names, arrays);
    }

    public List<NDArray> arrays() {
        return arrays;
    }

    public List<String> names() {
        return names;
    }

    public int size() {
        return arrays.size();
    }

    /** Gradients of every array, attached to the scratch manager so they are freed with it. */
    public List<NDArray> gradients(NDManager scratch) {
        List<NDArray> grads = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            NDArray g = a.getGradient();
            g.attach(scratch);
            grads.add(g);
        }
        return grads;
    }

    /** Zeroes every gradient in place (the engine accumulates gradients across backward passes). */
    public void zeroGradients(NDManager scratch) {
        for (NDArray g : gradients(scratch)) {
            g.subi(g);
        }
    }

    /** Includes or excludes every array from autograd (their gradients are kept). */
    public void setRequiresGradient(boolean requires) {
        for (NDArray a : arrays) {
            a.setRequiresGradient(requires);
        }
    }

    /** Total number of scalars. */
    public long scalarCount() {
        long n = 0;
        for (NDArray a : arrays) {
            n += a.size();
        }
        return n;
    }
}
