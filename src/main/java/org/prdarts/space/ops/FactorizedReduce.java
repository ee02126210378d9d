package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * ReLU, two stride-2 1x1 convolutions offset by one pixel and concatenated, BN: halves the
 * resolution without discarding every other pixel (DARTS FactorizedReduce).
 *
 * <p>Unlike DARTS, odd sizes work: the shifted path is padded by one row and column at the far
 * edge, so both paths yield ceil(H/2) x ceil(W/2), the size every other stride-2 op produces.
 */
public final class FactorizedReduce extends PreActivated {
    /** The fewest input channels for which the engine's strided 1x1 weight gradient is safe (see above). */
    public static final int MIN_STRIDED_INPUT_CHANNELS = 16;

    private final Block conv1;
    private final Block conv2;
    private final Block bn;

    public FactorizedReduce(int outChannels, boolean affine) {
        if (outChannels % 2 != 0) {
            throw new IllegalArgumentException(
                    "FactorizedReduce needs an even channel count, found " + outChannels);
        }
        conv1 = addChildBlock("conv1", Layers.conv(outChannels / 2, 1, 2, 0, 1, 1));
        conv2 = addChildBlock("conv2", Layers.conv(outChannels / 2, 1, 2, 0, 1, 1));
        bn = addChildBlock("bn", Layers.bn(affine));
    }

    /**
     * Two 1x1 convolutions to half the output channels and a BN, at the output size. Tensors: in
     * search mode the concatenation and the output; in the derived network also the two halves.
     */
    public static Cost cost(int inChannels, int outChannels, long inPixels, long outPixels, boolean searchMode) {
        Cost half = Cost.conv(inChannels, outChannels / 2, 1, 1, outPixels);
        return half.plus(half).plus(Cost.bn(outChannels))
                .withElements((double) inChannels * inPixels, (searchMode ? 2.0 : 3.0) * outChannels * outPixels);
    }

    @Override
    public NDArray forwardActivated(ParameterStore ps, NDArray r, boolean training) {
        long h = r.getShape().get(2);
        long w = r.getShape().get(3);
        NDArray padded = r;
        if (h % 2 != 0 || w % 2 != 0) {
            padded = r.pad(new Shape(0, w % 2, 0, h % 2), 0);
        }
        NDArray a;
        NDArray b;
        if (r.getShape().get(1) >= MIN_STRIDED_INPUT_CHANNELS) {
            NDArray shifted = padded.get(new NDIndex(":, :, 1:, 1:"));
            release(padded, r);
            a = call(conv1, ps, r, training);
            b = consume(conv2, ps, shifted, training);
        } else {
            NDArray even = r.get(new NDIndex(":, :, ::2, ::2"));
            NDArray odd = padded.get(new NDIndex(":, :, 1::2, 1::2"));
            release(padded, r);
            a = pointwise(conv1, ps, even, training);
            release(even, a);
            b = pointwise(conv2, ps, odd, training);
            release(odd, b);
        }
        NDArray both = NDArrays.concat(new ai.djl.ndarray.NDList(a, b), 1);
        release(a, both);
        release(b, both);
        return consume(bn, ps, both, training);
    }

    /**
     * The 1x1 convolution of {@code conv}'s weights at stride 1 (the block itself has stride 2), as
     * a matrix product over the channels of the pixels seen as [N, H, W, C]: its backward pass is two
     * matrix products, with none of the engine's convolution kernels. The result is laid out channels
     * last, as the rest of the network.
     */
    private static NDArray pointwise(Block conv, ParameterStore ps, NDArray x, boolean training) {
        if (!conv.isInitialized()) {
            conv.initialize(ps.getManager(), DataType.FLOAT32, x.getShape());
        }
        NDArray weight = ps.getValue(conv.getParameters().get("weight"), x.getDevice(), training);
        Shape w = weight.getShape();
        NDArray matrix = weight.reshape(w.get(0), w.get(1)).transpose();
        NDArray pixels = x.transpose(0, 2, 3, 1);
        NDArray product = pixels.matMul(matrix);
        return product.transpose(0, 3, 1, 2);
    }
}
