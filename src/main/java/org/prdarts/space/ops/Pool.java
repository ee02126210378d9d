package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * 3x3 max or average pooling, padding 1. Average pooling leaves the padding out of the mean
 * (count_include_pad = false, as DARTS). The search network follows pooling with a non-affine
 * BatchNorm, as DARTS' MixedOp does; the derived network does not.
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
        Shape k = new Shape(3, 3);
        Shape s = new Shape(stride, stride);
        Shape p = new Shape(1, 1);
        NDArray y = max
                ? ai.djl.nn.pooling.Pool.maxPool2d(x, k, s, p, false)
                : averageWithoutPadding(x, k, s, p);
        return bn == null ? y : call(bn, ps, y, training);
    }

    /**
     * DJL's PyTorch engine ignores the countIncludePad flag and always divides by the full window;
     * dividing by the same pooling of a ones map (the share of each window inside the image)
     * turns that into the mean over the pixels actually covered.
     */
    private static NDArray averageWithoutPadding(NDArray x, Shape k, Shape s, Shape p) {
        NDArray padded = ai.djl.nn.pooling.Pool.avgPool2d(x, k, s, p, false, false);
        NDArray ones = x.getManager().ones(new Shape(1, 1, x.getShape().get(2), x.getShape().get(3)),
                x.getDataType(), x.getDevice());
        NDArray coverage = ai.djl.nn.pooling.Pool.avgPool2d(ones, k, s, p, false, false);
        return padded.div(coverage);
    }
}
