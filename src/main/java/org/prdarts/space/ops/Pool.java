package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * 3x3 max or average pooling, padding 1. Average pooling leaves the padding out of the mean
 * (count_include_pad = false, as DARTS). The search network follows pooling with a non-affine
 * BatchNorm, as DARTS' MixedOp does; the derived network does not.
 *
 * <p>Average pooling is computed here as a sum of nine shifted slices divided by the number of
 * real pixels under each window: the engine's avg_pool2d binding (DJL 0.36, PyTorch CPU) ignores
 * its count_include_pad argument.
 */
public final class Pool extends LazyBlock {
    private final boolean max;
    private final int stride;
    private final Block bn;

    public Pool(boolean max, int stride, boolean withBn) {
        this.max = max;
        this.stride = stride;
        this.bn = withBn ? addChildBlock("bn", Layers.bn(false)) : null;
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = max
                ? ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(3, 3), new Shape(stride, stride), new Shape(1, 1), false)
                : averagePool(x, stride);
        return bn == null ? y : call(bn, ps, y, training);
    }

    /** x with one row and column of zeros on every side, by concatenation. */
    static NDArray zeroBorder(NDArray x) {
        long b = x.getShape().get(0);
        long c = x.getShape().get(1);
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray row = x.getManager().zeros(new Shape(b, c, 1, w), x.getDataType());
        NDArray tall = NDArrays.concat(new NDList(row, x, row), 2);
        NDArray col = x.getManager().zeros(new Shape(b, c, h + 2, 1), x.getDataType());
        return NDArrays.concat(new NDList(col, tall, col), 3);
    }

    /** 3x3 average pooling, padding 1, padding excluded from the mean. */
    static NDArray averagePool(NDArray x, int stride) {
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        int ho = (h - 1) / stride + 1;
        int wo = (w - 1) / stride + 1;
        NDArray padded = zeroBorder(x);
        NDArray sum = null;
        for (int di = 0; di < 3; di++) {
            for (int dj = 0; dj < 3; dj++) {
                NDArray part = padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}",
                        di, di + (ho - 1) * stride + 1, stride, dj, dj + (wo - 1) * stride + 1, stride));
                sum = sum == null ? part : sum.add(part);
            }
        }
        float[] counts = new float[ho * wo];
        for (int i = 0; i < ho; i++) {
            int rows = Math.min(i * stride + 1, h - 1) - Math.max(i * stride - 1, 0) + 1;
            for (int j = 0; j < wo; j++) {
                int cols = Math.min(j * stride + 1, w - 1) - Math.max(j * stride - 1, 0) + 1;
                counts[i * wo + j] = rows * cols;
            }
        }
        NDArray n = x.getManager().create(counts, new Shape(1, 1, ho, wo));
        return sum.div(n);
    }
}
