package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** DARTS dilated separable convolution: ReLU, depthwise kxk with dilation 2, pointwise 1x1, BN. */
public final class DilConv extends PreActivated {
    private final Block dw;
    private final Block pw;
    private final Block bn;

    public DilConv(int channels, int kernel, int stride, int dilation, boolean affine) {
        int pad = dilation * (kernel - 1) / 2;
        dw = addChildBlock("dw", Layers.conv(channels, kernel, stride, pad, dilation, channels));
        pw = addChildBlock("pw", Layers.conv(channels, 1, 1, 0, 1, 1));
        bn = addChildBlock("bn", Layers.bn(affine));
    }

    /** A depthwise and a pointwise convolution and a BN at the output size; their outputs stay. */
    public static Cost cost(int channels, int kernel, long inPixels, long outPixels) {
        return Cost.conv(channels, channels, kernel, channels, outPixels)
                .plus(Cost.conv(channels, channels, 1, 1, outPixels)).plus(Cost.bn(channels))
                .withElements(channels * inPixels, 3.0 * channels * outPixels);
    }

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training) {
        return consume(bn, ps, consume(pw, ps, call(dw, ps, relu, training), training), training);
    }
}
