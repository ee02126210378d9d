package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import org.prdarts.engine.ChannelsLast;

/** DARTS dilated separable convolution: ReLU, depthwise kxk with dilation 2, pointwise 1x1, BN. */
public final class DilConv extends PreActivated {
    private final Block dw;
    private final Block pw;
    private final Block bn;
    private final int channels;
    private final int kernel;
    private final int dilation;
    private final boolean evenPixels;
    private final boolean phasesPossible;

    public DilConv(int channels, int kernel, int stride, int dilation, boolean affine) {
        int pad = dilation * (kernel - 1) / 2;
        this.channels = channels;
        this.kernel = kernel;
        this.dilation = dilation;
        this.evenPixels = stride == 2 && dilation == 2 && kernel % 2 == 1;
        this.phasesPossible = stride == 1 && dilation == 2 && kernel % 2 == 1;
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
        NDArray d;
        if (evenPixels) {
            d = depthwiseOnEvenPixels(ps, relu, training);
        } else if (phasesPossible && spansInput(relu.getShape())) {
            d = depthwiseByPhases(ps, relu, training);
        } else {
            d = call(dw, ps, relu, training);
        }
        return consume(bn, ps, consume(pw, ps, d, training), training);
    }

    /** The dilated kernel covers more pixels than the input's shorter side (7x7 and 8x8 maps for 5x5). */
    private boolean spansInput(Shape input) {
        long extent = (long) dilation * (kernel - 1) + 1;
        return extent > Math.min(input.get(2), input.get(3));
    }

    private NDArray depthwiseWeight(ParameterStore ps, NDArray relu, boolean training) {
        if (!dw.isInitialized()) {
            dw.initialize(ps.getManager(), DataType.FLOAT32, relu.getShape());
        }
        return ps.getValue(dw.getParameters().get("weight"), relu.getDevice(), training);
    }

    /**
     * The stride-2 depthwise convolution, dilation 2, padding k-1: it reads input pixel 2i + 2j - (k-1)
     * for output i and tap j, always an even one, so it is the undilated stride-1 convolution, padding
     * (k-1)/2, of the even pixels, with the same weights, products and output size. oneDNN (PyTorch
     * 2.7.1 CPU) has no depthwise kernel for the backward pass of the strided dilated form and fell back
     * to a matrix product per channel; the undilated form gets its depthwise kernel.
     */
    private NDArray depthwiseOnEvenPixels(ParameterStore ps, NDArray relu, boolean training) {
        NDArray weight = depthwiseWeight(ps, relu, training);
        NDArray even = relu.get(new NDIndex(":, :, ::2, ::2"));
        int pad = (kernel - 1) / 2;
        NDArray y = Conv2d.conv2d(even, weight, null, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1),
                channels).singletonOrThrow();
        release(even, y);
        return y;
    }

    /**
     * The stride-1 depthwise convolution, dilation 2, padding k-1, on a map smaller than its dilated
     * kernel. Output pixel (i, j) reads input pixels (i + 2a - (k-1), j + 2b - (k-1)), all of the same
     * parity as (i, j), so the output is the four parity phases of the input (each (H/2) x (W/2),
     * after a zero row and column for odd sizes, which the convolution's own zero padding would
     * read) convolved undilated, padding (k-1)/2, and interleaved back. The four phases go through
     * one convolution as four batches. oneDNN (PyTorch 2.7.1 CPU) has no depthwise kernel for the
     * weight gradient of the dilated form when the dilated kernel spans the map, and fell back to a
     * matrix product per channel: 6.1 ms against 1.0 ms for the undilated kernel (5x5, 32 channels,
     * 7x7, batch 64, one thread). The arrays stay channels last: the phases are cut from the
     * channels-last memory seen as [N, H, W, C].
     */
    private NDArray depthwiseByPhases(ParameterStore ps, NDArray relu, boolean training) {
        NDArray weight = depthwiseWeight(ps, relu, training);
        Shape s = relu.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        long hEven = h + h % 2;
        long wEven = w + w % 2;
        NDArray nhwc = relu.transpose(0, 2, 3, 1);
        NDArray padded = hEven == h && wEven == w ? nhwc
                : nhwc.pad(new Shape(0, 0, 0, wEven - w, 0, hEven - h), 0);
        NDArray split = padded.reshape(n, hEven / 2, 2, wEven / 2, 2, channels);
        NDArray phaseMajor = split.transpose(2, 4, 0, 1, 3, 5);
        NDArray phases = phaseMajor.reshape(4 * n, hEven / 2, wEven / 2, channels);
        NDArray input = phases.transpose(0, 3, 1, 2);
        int pad = (kernel - 1) / 2;
        NDArray y = Conv2d.conv2d(input, weight, null, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1),
                channels).singletonOrThrow();
        NDArray yNhwc = y.transpose(0, 2, 3, 1);
        NDArray yPhases = yNhwc.reshape(2, 2, n, hEven / 2, wEven / 2, channels);
        NDArray interleaved = yPhases.transpose(2, 3, 0, 4, 1, 5);
        NDArray full = interleaved.reshape(n, hEven, wEven, channels);
        NDArray cropped = hEven == h && wEven == w ? full : full.get(new NDIndex(":, :" + h + ", :" + w + ", :"));
        NDArray nchw = cropped.transpose(0, 3, 1, 2);
        NDArray result = ChannelsLast.of(nchw);
        // the reorderings are this op's own: closed in either network (autograd keeps the phases
        // the convolution's backward pass reads)
        for (NDArray a : new NDArray[] {nhwc, padded, split, phaseMajor, phases, input, y, yNhwc, yPhases,
            interleaved, full, cropped, nchw}) {
            a.close();
        }
        return result;
    }
}
