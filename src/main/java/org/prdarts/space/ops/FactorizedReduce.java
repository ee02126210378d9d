package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.prdarts.engine.ChannelsLast;

/**
 * ReLU, two stride-2 1x1 convolutions offset by one pixel and concatenated, BN: halves the
 * resolution without discarding every other pixel (DARTS FactorizedReduce).
 *
 * <p>Unlike DARTS, odd sizes work: the shifted path is padded by one row and column at the far
 * edge, so both paths yield ceil(H/2) x ceil(W/2), the size every other stride-2 op produces.
 */
public final class FactorizedReduce extends PreActivated {
    /** The fewest input channels whose channels-last weight gradient the engine computes safely. */
    public static final int MIN_CHANNELS_LAST_INPUT = 16;

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
        if (r.getShape().get(1) >= MIN_CHANNELS_LAST_INPUT) {
            return reduce(ps, r, training);
        }
        NDArray nchw = ChannelsLast.toNchw(r);
        NDArray y = reduce(ps, nchw, training);
        release(nchw, y);
        NDArray result = ChannelsLast.of(y);
        release(y, result);
        return result;
    }

    private NDArray reduce(ParameterStore ps, NDArray r, boolean training) {
        long h = r.getShape().get(2);
        long w = r.getShape().get(3);
        NDArray padded = r;
        if (h % 2 != 0 || w % 2 != 0) {
            padded = r.pad(
                    new ai.djl.ndarray.types.Shape(0, w % 2, 0, h % 2), 0);
        }
        NDArray shifted = padded.get(new NDIndex(":, :, 1:, 1:"));
        release(padded, r);
        NDArray a = call(conv1, ps, r, training);
        NDArray b = consume(conv2, ps, shifted, training);
        NDArray both = NDArrays.concat(new ai.djl.ndarray.NDList(a, b), 1);
        release(a, both);
        release(b, both);
        return consume(bn, ps, both, training);
    }
}
