package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** ReLU, kxk convolution, BatchNorm (DARTS ReLUConvBN; the cell preprocessing uses k = 1). */
public final class ReluConvBn extends PreActivated {
    private final Block conv;
    private final Block bn;

    public ReluConvBn(int outChannels, int kernel, int stride, int padding, boolean affine) {
        conv = addChildBlock("conv", Layers.conv(outChannels, kernel, stride, padding, 1, 1));
        bn = addChildBlock("bn", Layers.bn(affine));
    }

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training) {
        return consume(bn, ps, call(conv, ps, relu, training), training);
    }
}
