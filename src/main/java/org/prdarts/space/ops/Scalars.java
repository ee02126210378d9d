package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;

/**
 * Scalars for arithmetic inside an autograd graph.
 *
 * <p>DJL 0.36's PyTorch binding turns a Number operand (x.mul(0.4)) into a temporary array over a
 * direct buffer and closes it right after the operation; the autograd graph keeps the tensor for
 * the backward pass, which then reads memory the garbage collector may have freed (seen as
 * intermittent NaN gradients). A scalar made here stays attached to the operand's manager until
 * that manager closes, after the backward pass.
 */
public final class Scalars {
    private Scalars() {
    }

    /** A 0-d array holding value, in like's manager and data type. */
    public static NDArray like(NDArray like, double value) {
        NDArray s = like.getManager().create((float) value);
        return like.getDataType() == s.getDataType() ? s : s.toType(like.getDataType(), false);
    }
}
