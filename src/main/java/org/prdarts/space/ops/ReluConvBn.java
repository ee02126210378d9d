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

    /** The convolution and its BN at the output size; the convolution's output and the output stay. */
    public static Cost cost(int inChannels, int outChannels, int kernel, long inPixels, long outPixels) {
        return Cost.conv(inChannels, outChannels, kernel, 1, outPixels).plus(Cost.bn(outChannels))
                .withElements((double) inChannels * inPixels, 2.0 * outChannels * outPixels);
    }

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training) {
        return consume(bn, ps, call(conv, ps, relu, training), training);
    }
}
