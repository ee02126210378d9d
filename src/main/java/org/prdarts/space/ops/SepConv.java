package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * DARTS separable convolution: (ReLU, depthwise kxk, pointwise 1x1, BN) twice, the stride on the
 * first depthwise convolution.
 */
public final class SepConv extends PreActivated {
    private final Block dw1;
    private final Block pw1;
    private final Block bn1;
    private final Block dw2;
    private final Block pw2;
    private final Block bn2;

    public SepConv(int channels, int kernel, int stride, boolean affine) {
        int pad = kernel / 2;
        dw1 = addChildBlock("dw1", Layers.conv(channels, kernel, stride, pad, 1, channels));
        pw1 = addChildBlock("pw1", Layers.conv(channels, 1, 1, 0, 1, 1));
        bn1 = addChildBlock("bn1", Layers.bn(affine));
        dw2 = addChildBlock("dw2", Layers.conv(channels, kernel, 1, pad, 1, channels));
        pw2 = addChildBlock("pw2", Layers.conv(channels, 1, 1, 0, 1, 1));
        bn2 = addChildBlock("bn2", Layers.bn(affine));
    }

    /**
     * Two depthwise kxk and two pointwise convolutions, two BNs, all at the output size. Tensors:
     * in search mode the depthwise and pointwise outputs twice, the inner ReLU and the output;
     * in the derived network also the first BN's output.
     */
    public static Cost cost(int channels, int kernel, long inPixels, long outPixels, boolean searchMode) {
        Cost half = Cost.conv(channels, channels, kernel, channels, outPixels)
                .plus(Cost.conv(channels, channels, 1, 1, outPixels)).plus(Cost.bn(channels));
        long out = channels * outPixels;
        return half.plus(half).withElements(channels * inPixels, (searchMode ? 6.0 : 7.0) * out);
    }

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray relu, boolean training) {
        NDArray y = consume(bn1, ps, consume(pw1, ps, call(dw1, ps, relu, training), training), training);
        NDArray r = ai.djl.nn.Activation.relu(y);
        release(y, r);
        return consume(bn2, ps, consume(pw2, ps, consume(dw2, ps, r, training), training), training);
    }
}
