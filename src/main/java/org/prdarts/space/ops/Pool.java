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
                : ai.djl.nn.pooling.Pool.avgPool2d(x, k, s, p, false, false);
        return bn == null ? y : call(bn, ps, y, training);
    }
}
