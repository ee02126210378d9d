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

/** CLI binding of a training run's options; unset options keep the preset's (or the job file's) value. */
public final class TrainOptions {

    @Option(names = "--genotype", description = "The cell to train: a published name "
            + "(DARTS_V1, DARTS_V2, PRDARTS), a genotype .json/.txt file, a search run directory, or DARTS "
            + "notation. Required unless --resume or --config.")
    String genotype;

    @Option(names = "--preset",
            description = "Starting point: quick (Fashion-MNIST, about 15 min on 2 cores), cpu (longer CPU run), "
                    + "paper (the paper's CIFAR recipe, GPU). Default: quick.")
    String preset;

    @Mixin
    DataOptions data;

    @Option(names = "--augment", negatable = true, description = "Random crop (pad 4) and horizontal flip. "
            + "Default: quick off, cpu and paper on.")
    Boolean augment;

    @Option(names = "--cutout", description = "Cutout square side in pixels (0 = off). Default: paper 16, else 0.")
    Integer cutout;

    @Mixin
    BudgetOptions budget;

    @Option(names = "--imagenet", description = "ImageNet-style network (two-stage stride-8 stem, for 224x224 "
            + "images). Default: off.")
    boolean imagenet;

    @Mixin
    SgdOptions sgd;

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
        return applyTo(presetJob(), out);
    }

    /** The preset's job for the genotype and data set given. */
    TrainJob presetJob() {
        if (genotype == null) {
            throw new IllegalArgumentException("--genotype is required (a published name, a genotype file, a search "
                    + "run directory or DARTS notation), or --config with a training job");
        }
        Genotype g = Genotypes.resolve(genotype);
        return TrainPresets.job(or(preset, "quick"), data.datasetOr("fashion-mnist"), genotype, g);
    }

    /** The base job with every option given on the command line applied; unset options keep its values. */
    public TrainJob applyTo(TrainJob base, Path out) {
        String genotypeSource = or(genotype, base.genotypeSource());
        Genotype g = genotype == null ? base.genotype() : Genotypes.resolve(genotype);
        DataConfig data = this.data.applyTo(base.data(), null, augment, cutout);
        TrainConfig t = base.train();
        double lrValue = or(sgd.lr, t.lr());
        TrainConfig tc = new TrainConfig(or(budget.epochs, t.epochs()), or(budget.batchSize, t.batchSize()), lrValue,
                or(sgd.lrMin, Math.min(t.lrMin(), lrValue)), or(sgd.momentum, t.momentum()),
                or(sgd.weightDecay, t.weightDecay()), or(sgd.gradClip, t.gradClip()),
                or(auxiliaryWeight, t.auxiliaryWeight()), or(dropPath, t.dropPath()), or(seed, t.seed()));
        return new TrainJob(or(preset, base.preset()), genotypeSource, g, data, or(budget.channels, base.channels()),
                or(budget.layers, base.layers()), imagenet || base.imagenet(), tc, run.deviceOr(base.device()),
                run.threadsOr(base.threads()), or(out, base.out()));
    }
}
