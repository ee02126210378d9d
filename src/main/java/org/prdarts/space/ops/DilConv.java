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

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training) {
        return consume(bn, ps, consume(pw, ps, call(dw, ps, relu, training), training), training);
    }
}
