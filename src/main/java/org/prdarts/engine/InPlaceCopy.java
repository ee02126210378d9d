package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Copies an array's values into another in place (a parameter keeps its identity and gradient).
 * {@code NDArray.copyTo} would do, but with PyTorch 2.7 it prints a deprecation warning
 * (AutoNonVariableTypeMode) that a user cannot act on; an indexed assignment does not.
 */
public final class InPlaceCopy {
    private InPlaceCopy() {
    }

    /** target := source, same shape; call outside a gradient collector. */
    public static void copy(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("cannot copy shape " + source.getShape() + " into " + target.getShape());
        }
        if (target.getShape().dimension() > 0) {
            target.set(new NDIndex(":"), source);
        } else {
            source.copyTo(target);
        }
    }
}
