package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * An image batch [N, C, H, W] laid out channels last in memory (NHWC strides), with the same shape
 * and values. DJL has no memory-format API; a permute to NHWC, a reshape that must copy, and the
 * inverse permute give the layout. Convolutions, BatchNorm, pooling and element-wise operations of
 * the engine keep the layout of their input, so one conversion at the input of a network carries
 * through it; oneDNN then runs its convolutions on the data directly instead of reordering every
 * input and output to a blocked format and back.
 */
public final class ChannelsLast {
    private ChannelsLast() {
    }

    /** x [N, C, H, W] as a new array in channels-last layout (x is not closed). */
    public static NDArray of(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        NDArray nhwc = x.transpose(0, 2, 3, 1);
        NDArray flat = nhwc.reshape(n, h * w * c);
        nhwc.close();
        NDArray dense = flat.reshape(n, h, w, c);
        flat.close();
        NDArray result = dense.transpose(0, 3, 1, 2);
        dense.close();
        return result;
    }

    /** x [N, C, H, W] in channels-last layout, closing x's handle (autograd keeps what it needs of x). */
    public static NDArray replacing(NDArray x) {
        NDArray result = of(x);
        x.close();
        return result;
    }
}
