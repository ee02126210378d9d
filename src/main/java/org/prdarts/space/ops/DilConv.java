package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** DARTS dilated separable convolution: ReLU, depthwise kxk with dilation 2, pointwise 1x1, BN. */
public final class DilConv extends LazyBlock {
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
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = call(dw, ps, ai.djl.nn.Activation.relu(x), training);
        return call(bn, ps, call(pw, ps, y, training), training);
    }
}
