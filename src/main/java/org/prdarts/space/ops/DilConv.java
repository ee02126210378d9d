package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;

/** DARTS dilated separable convolution: ReLU, depthwise kxk with dilation 2, pointwise 1x1, BN. */
public final class DilConv extends PreActivated {
    private final Block dw;
    private final Block pw;
    private final Block bn;
    private final int channels;
    private final int kernel;
    private final boolean evenPixels;

    public DilConv(int channels, int kernel, int stride, int dilation, boolean affine) {
        int pad = dilation * (kernel - 1) / 2;
        this.channels = channels;
        this.kernel = kernel;
        this.evenPixels = stride == 2 && dilation == 2 && kernel % 2 == 1;
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
        NDArray d = evenPixels ? depthwiseOnEvenPixels(ps, relu, training) : call(dw, ps, relu, training);
        return consume(bn, ps, consume(pw, ps, d, training), training);
    }

    /**
     * The stride-2 depthwise convolution, dilation 2, padding k-1: it reads input pixel 2i + 2j - (k-1)
     * for output i and tap j, always an even one, so it is the undilated stride-1 convolution, padding
     * (k-1)/2, of the even pixels, with the same weights, products and output size. oneDNN (PyTorch
     * 2.7.1 CPU) has no depthwise kernel for the backward pass of the strided dilated form and fell back
     * to a matrix product per channel; the undilated form gets its depthwise kernel.
     */
    private NDArray depthwiseOnEvenPixels(ParameterStore ps, NDArray relu, boolean training) {
        if (!dw.isInitialized()) {
            dw.initialize(ps.getManager(), DataType.FLOAT32, relu.getShape());
        }
        NDArray weight = ps.getValue(dw.getParameters().get("weight"), relu.getDevice(), training);
        NDArray even = relu.get(new NDIndex(":, :, ::2, ::2"));
        int pad = (kernel - 1) / 2;
        NDArray y = Conv2d.conv2d(even, weight, null, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1),
                channels).singletonOrThrow();
        release(even, y);
        return y;
    }
}
