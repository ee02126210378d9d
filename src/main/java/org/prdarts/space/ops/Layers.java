package org.prdarts.space.ops;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;

/** Factories for the DJL leaf blocks, with PyTorch's conventions made explicit. */
public final class Layers {
    /**
     * PyTorch's BatchNorm2d default, running = 0.9 * running + 0.1 * batch, in DJL's spelling: DJL
     * keeps MXNet's convention (momentum = weight of the old running value) and its PyTorch
     * engine passes 1 - momentum to torch, so PyTorch's momentum 0.1 is DJL's 0.9.
     */
    public static final float BN_MOMENTUM = 0.9f;
    /** PyTorch's BatchNorm2d default epsilon. */
    public static final float BN_EPSILON = 1e-5f;

    private Layers() {
    }

    public static Conv2d conv(int outChannels, int kernel, int stride, int padding, int dilation,
                              int groups) {
        return Conv2d.builder()
                .setFilters(outChannels)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optDilation(new Shape(dilation, dilation))
                .optGroups(groups)
                .optBias(false)
                .build();
    }

    public static BatchNorm bn(boolean affine) {
        return BatchNorm.builder()
                .optCenter(affine)
                .optScale(affine)
                .optMomentum(BN_MOMENTUM)
                .optEpsilon(BN_EPSILON)
                .build();
    }
}
