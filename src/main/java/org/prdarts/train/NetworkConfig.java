package org.prdarts.train;

import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeValidator;
import org.prdarts.space.NetworkPlan;
import org.prdarts.space.Resolution;

/**
 * The derived network of a genotype (docs/method.md section 8), immutable and validated.
 *
 * @param genotype      the normal and reduction cells
 * @param inputChannels image channels (1 or 3)
 * @param inputHeight   image height the network is built for (sizes the auxiliary head)
 * @param inputWidth    image width
 * @param numClasses    classifier outputs
 * @param channels      C, channels of the first cells (doubled at each reduction)
 * @param layers        L, number of cells; reductions at L/3 and 2L/3
 * @param auxiliary     whether the auxiliary head after cell 2L/3 is built
 * @param imagenet      the two-stage stride-8 ImageNet stem instead of the single 3x3 CIFAR stem
 * @param dropPath      final drop-path probability (ramped from 0 over the epochs)
 */
public record NetworkConfig(Genotype genotype, int inputChannels, int inputHeight, int inputWidth,
                            int numClasses, int channels, int layers, boolean auxiliary, boolean imagenet,
                            double dropPath) {
    /** The most channels a network may have: far beyond any published cell, and every count fits a long. */
    public static final int MAX_CHANNELS = 65536;
    /** The most cells a network may have. */
    public static final int MAX_LAYERS = 1000;

    public NetworkConfig {
        GenotypeValidator.validate(genotype);
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("input channels must be 1 or 3, found " + inputChannels);
        }
        if (inputHeight < 1 || inputWidth < 1) {
            throw new IllegalArgumentException("image size must be >= 1, found " + inputHeight + "x" + inputWidth);
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("classes must be >= 2, found " + numClasses);
        }
        if (channels < 2 || channels % 2 != 0) {
            // FactorizedReduce splits C into two halves, and the ImageNet stem starts at C/2
            throw new IllegalArgumentException("channels must be even and >= 2, found " + channels);
        }
        if (channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be <= " + MAX_CHANNELS + ", found " + channels);
        }
        if (layers < 1) {
            throw new IllegalArgumentException("layers must be >= 1, found " + layers);
        }
        if (layers > MAX_LAYERS) {
            throw new IllegalArgumentException("layers must be <= " + MAX_LAYERS + ", found " + layers);
        }
        if (!(dropPath >= 0 && dropPath < 1)) {
            throw new IllegalArgumentException("drop-path must be in [0, 1), found " + dropPath);
        }
    }

    /** The network's shape, cell by cell, for images of inputHeight x inputWidth. */
    public NetworkPlan plan() {
        return NetworkPlan.derived(genotype, inputChannels, new Resolution(inputHeight, inputWidth), numClasses,
                channels, layers, imagenet, auxiliary);
    }

    /** Intermediate nodes per cell. */
    public int nodes() {
        return genotype.nodes();
    }

    /** Drop-path sites: one per (cell, kept pair). */
    public int dropPathSites() {
        return layers * 2 * nodes();
    }

    public NetworkConfig withDropPath(double p) {
        return new NetworkConfig(genotype, inputChannels, inputHeight, inputWidth, numClasses, channels, layers,
                auxiliary, imagenet, p);
    }
}
