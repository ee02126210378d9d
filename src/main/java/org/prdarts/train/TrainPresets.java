package org.prdarts.train;

import org.prdarts.data.DataConfig;
import org.prdarts.space.Genotype;

import java.util.List;

/**
 * Named starting points for training a derived network.
 *
 * <ul>
 *   <li>{@code quick}: Fashion-MNIST (all 60,000 training images), C=8, L=5, batch 96, 5 epochs,
 *       learning rate 0.1 (a short schedule needs a larger step than the paper's 0.025: on 12,000
 *       images, 2 epochs reached 85.1 % test accuracy against 82.2 %), no augmentation, auxiliary
 *       head 0.4, no drop path (too few epochs to overfit): about 3 minutes an epoch on 2 CPU
 *       cores, so about 15 minutes.</li>
 *   <li>{@code cpu}: Fashion-MNIST, C=16, L=8, batch 96, 30 epochs, crop and flip, drop path 0.2:
 *       a longer CPU run (hours).</li>
 *   <li>{@code paper}: the paper's CIFAR recipe (docs/method.md section 8) for a GPU: C=36, L=20, 600 epochs, batch 96, crop,
 *       flip and cutout 16, lr 0.025 cosine to 0, momentum 0.9, wd 3e-4, clip 5, auxiliary 0.4,
 *       drop path 0.2.</li>
 * </ul>
 */
public final class TrainPresets {
    public static final List<String> NAMES = List.of("quick", "cpu", "paper");

    private TrainPresets() {
    }

    /** The job a preset describes for a data set and genotype. */
    public static TrainJob job(String preset, String dataset, String genotypeSource, Genotype genotype) {
        DataConfig base = DataConfig.defaults(dataset);
        switch (preset) {
            case "quick":
                return new TrainJob(preset, genotypeSource, genotype, base, 8, 5, false,
                        TrainConfig.defaults(5, 96).withLr(0.1).withDropPath(0), "cpu", 0, null);
            case "cpu":
                return new TrainJob(preset, genotypeSource, genotype,
                        new DataConfig(dataset, null, 0, 0.5, true, 0, 0, 0), 16, 8, false,
                        TrainConfig.defaults(30, 96), "cpu", 0, null);
            case "paper":
                return new TrainJob(preset, genotypeSource, genotype,
                        new DataConfig(dataset, null, 0, 0.5, true, 16, 0, 0), 36, 20, false,
                        TrainConfig.defaults(600, 96), "gpu", 0, null);
            default:
                throw new IllegalArgumentException("preset must be one of " + String.join(", ", NAMES)
                        + ", found '" + preset + "'");
        }
    }
}
