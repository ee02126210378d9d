package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.util.Arrays;

/**
 * Constants for arithmetic inside an autograd graph, held by the manager of the array they combine
 * with.
 *
 * <p>DJL 0.36's PyTorch binding turns a Number operand (x.mul(0.4)) into a temporary array over a
 * direct buffer and closes it right after the operation; the autograd graph keeps the tensor for
 * the backward pass, which then reads memory the garbage collector may have freed (seen as
 * intermittent NaN gradients). A constant made here stays attached to the operand's manager until
 * that manager closes, after the backward pass.
 */
public final class Constants {
    private Constants() {
    }

    /** A 0-d array holding value, in like's manager and data type. */
    public static NDArray scalar(NDArray like, double value) {
        NDArray s = like.getManager().create((float) value);
        return like.getDataType() == s.getDataType() ? s : s.toType(like.getDataType(), false);
    }

    /** A gradient-free array of like's shape with every entry equal to value. */
    public static NDArray filled(NDArray like, double value) {
        double[] v = new double[Math.toIntExact(like.size())];
        Arrays.fill(v, value);
        return like(like, v);
    }

    /**
     * A gradient-free array of the shape, type and manager of {@code like}, holding {@code values}
     * in row-major order; built directly in single precision when {@code like} is, so no
     * intermediate copy is left on the manager.
     */
    public static NDArray like(NDArray like, double[] values) {
        if (like.getDataType() == DataType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            return like.getManager().create(f, like.getShape());
        }
        NDArray d = like.getManager().create(values, like.getShape());
        if (like.getDataType() == DataType.FLOAT64) {
            return d;
        }
        NDArray converted = d.toType(like.getDataType(), true);
        d.close();
        return converted;
    }
}
