package org.prdarts.space;

import ai.djl.nn.convolutional.Conv2d;
import org.prdarts.space.ops.Layers;

import java.util.List;

/**
 * The stem of a network plan: 3x3 convolutions (padding 1), each followed by a BatchNorm.
 *
 * <p>CIFAR stem (search and derived networks): one stride-1 convolution to multiplier * C; its
 * output is both inputs of the first cell. ImageNet stem (DARTS NetworkImageNet): stem0 is a
 * stride-2 convolution to C/2, BN, ReLU, a stride-2 convolution to C, BN, and gives s0; stem1 is a
 * ReLU, a stride-2 convolution to C, BN, and gives s1.
 *
 * @param imagenet      the two-stage ImageNet stem
 * @param convs         the convolutions in the order they run
 * @param outChannels   channels of s0 and s1
 * @param s0            resolution of the first cell's input s0
 * @param s1            resolution of the first cell's input s1
 */
public record StemPlan(boolean imagenet, List<Conv> convs, int outChannels, Resolution s0, Resolution s1) {

    /**
     * One 3x3 convolution of the stem, followed by a BatchNorm; every one after the first reads
     * the ReLU of the previous one's output.
     */
    public record Conv(int inChannels, int outChannels, int stride, Resolution output) {
        public static final int KERNEL = 3;

        /** The convolution this entry plans: KERNEL x KERNEL, padded to keep the size at stride 1. */
        public Conv2d block() {
            return Layers.conv(outChannels, KERNEL, stride, KERNEL / 2, 1, 1);
        }
    }

    public StemPlan {
        convs = List.copyOf(convs);
    }

    /** The CIFAR stem: one 3x3 convolution to multiplier * channels, at the image's resolution. */
    static StemPlan cifar(int inputChannels, Resolution image, int channels, int multiplier) {
        int out = multiplier * channels;
        return new StemPlan(false, List.of(new Conv(inputChannels, out, 1, image)), out, image, image);
    }

    /** The ImageNet stem: three stride-2 convolutions, s0 after the second, s1 after the third. */
    static StemPlan imagenet(int inputChannels, Resolution image, int channels) {
        Resolution half = image.halved();
        Resolution s0 = half.halved();
        Resolution s1 = s0.halved();
        return new StemPlan(true, List.of(new Conv(inputChannels, channels / 2, 2, half),
                new Conv(channels / 2, channels, 2, s0), new Conv(channels, channels, 2, s1)), channels, s0, s1);
    }
}
