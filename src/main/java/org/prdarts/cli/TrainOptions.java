package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import org.prdarts.space.Genotype;
import org.prdarts.space.Genotypes;
import org.prdarts.train.TrainConfig;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainPresets;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import static org.prdarts.cli.SearchOptions.or;

/** CLI binding of a training run's options; unset options keep the preset's value. */
public final class TrainOptions {

    @Option(names = "--genotype", description = "The cell to train: a published name "
            + "(DARTS_V1, DARTS_V2, PRDARTS), a genotype .json/.txt file, a search run directory, or DARTS "
            + "notation. Required unless --resume.")
    String genotype;

    @Option(names = "--preset",
            description = "Starting point: quick (Fashion-MNIST, about 30 min on 2 cores), cpu (longer CPU run), "
                    + "paper (the paper's CIFAR recipe, GPU). Default: quick.")
    String preset;

    @Mixin
    DataOptions data;

    @Option(names = "--subset", description = "Use at most N training images, class-balanced; 0 = all. Default: 0.")
    Integer subset;

    @Option(names = "--augment", negatable = true, description = "Random crop (pad 4) and horizontal flip. "
            + "Default: quick off, cpu and paper on.")
    Boolean augment;

    @Option(names = "--cutout", description = "Cutout square side in pixels (0 = off). Default: paper 16, else 0.")
    Integer cutout;

    @Option(names = "--epochs", description = "Training epochs. Default: quick 5, cpu 30, paper 600.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per step. Default: 96.")
    Integer batchSize;

    @Option(names = "--channels", description = "C, channels of the first cells. Default: quick 8, cpu 16, paper 36.")
    Integer channels;

    @Option(names = "--layers", description = "L, number of cells. Default: quick 5, cpu 8, paper 20.")
    Integer layers;

    @Option(names = "--imagenet", description = "ImageNet-style network (two-stage stride-8 stem, for 224x224 "
            + "images). Default: off.")
    boolean imagenet;

    @Option(names = "--lr", description = "Initial learning rate, cosine to --lr-min. "
            + "Default: quick 0.1, cpu and paper 0.025.")
    Double lr;

    @Option(names = "--lr-min", description = "Final learning rate. Default: 0.")
    Double lrMin;

    @Option(names = "--momentum", description = "SGD momentum. Default: 0.9.")
    Double momentum;

    @Option(names = "--weight-decay", description = "L2 weight decay. Default: 3e-4.")
    Double weightDecay;

    @Option(names = "--grad-clip", description = "Global gradient-norm clip (0 = off). Default: 5.")
    Double gradClip;

    @Option(names = "--auxiliary-weight", description = "Loss weight of the auxiliary head after cell 2L/3 "
            + "(0 = no head). Default: 0.4.")
    Double auxiliaryWeight;

    @Option(names = "--drop-path", description = "Drop-path probability of the last epoch, ramped linearly "
            + "from 0. Default: quick 0, cpu and paper 0.2.")
    Double dropPath;

    @Option(names = "--seed", description = "Run seed. Default: 1.")
    Long seed;

    @Mixin
    RunOptions run;

    /** The memory limit in bytes; 0 when --max-memory is not given (the available memory applies). */
    public long maxMemoryBytes() {
        return run.maxMemoryBytes();
    }

    /** The job: the preset, then every option given. */
    public TrainJob toJob(Path out) {
        if (genotype == null) {
            throw new IllegalArgumentException("--genotype is required (a published name, a genotype file, a search "
                    + "run directory or DARTS notation)");
        }
        Genotype g = Genotypes.resolve(genotype);
        return applyTo(TrainPresets.job(or(preset, "quick"), data.datasetOr("fashion-mnist"), genotype, g), out);
    }

    /** The base job with every option given on the command line applied; unset options keep its values. */
    public TrainJob applyTo(TrainJob base, Path out) {
        String genotypeSource = or(genotype, base.genotypeSource());
        Genotype g = genotype == null ? base.genotype() : Genotypes.resolve(genotype);
        DataConfig data = this.data.applyTo(base.data(), subset, null, augment, cutout);
        TrainConfig t = base.train();
        double lrValue = or(lr, t.lr());
        TrainConfig tc = new TrainConfig(or(epochs, t.epochs()), or(batchSize, t.batchSize()), lrValue,
                or(lrMin, Math.min(t.lrMin(), lrValue)), or(momentum, t.momentum()),
                or(weightDecay, t.weightDecay()), or(gradClip, t.gradClip()),
                or(auxiliaryWeight, t.auxiliaryWeight()), or(dropPath, t.dropPath()), or(seed, t.seed()));
        return new TrainJob(or(preset, base.preset()), genotypeSource, g, data, or(channels, base.channels()),
                or(layers, base.layers()), imagenet || base.imagenet(), tc, run.deviceOr(base.device()),
                run.threadsOr(base.threads()), or(out, base.out()));
    }
}
