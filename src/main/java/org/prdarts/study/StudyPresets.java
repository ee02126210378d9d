package org.prdarts.study;

import org.prdarts.data.DataConfig;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.Primitives;
import org.prdarts.theory.TheoryConfig;
import org.prdarts.train.TrainConfig;
import org.prdarts.train.TrainJob;

import java.util.List;

/**
 * The presets of the studies. {@code quick} is sized for 2 CPU cores (a collapse or ablation study
 * well under an hour, skip-speed minutes, theory seconds): images shrunk to half their side, small
 * class-balanced subsets, C = 4 supernets of 3 cells. {@code full} uses the full image size, larger
 * subsets and networks and runs for hours on 2 cores.
 *
 * <p>The architecture learning rate is scaled to the number of architecture steps: DARTS' 3e-4 is
 * tuned for about 19,500 steps (50 epochs of 390), and with a few hundred steps Adam at 3e-4 cannot
 * move a logit beyond its initial noise, so a search that short would say nothing about the method.
 */
public final class StudyPresets {
    public static final List<String> NAMES = List.of("quick", "full");
    /** Architecture steps the published 3e-4 is tuned for. */
    static final double REFERENCE_ARCH_STEPS = 19_500;

    /** The skip-speed network: every pair of the normal cell a convolution; the reduction cell of DARTS_V2. */
    public static final Genotype SKIP_SPEED_BASE = GenotypeFormat.parse(
            "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('dil_conv_3x3', 2),"
                    + " ('sep_conv_3x3', 1), ('dil_conv_3x3', 3), ('sep_conv_3x3', 0), ('dil_conv_3x3', 4)],"
                    + " normal_concat=[2, 3, 4, 5],"
                    + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1),"
                    + " ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
                    + " reduce_concat=[2, 3, 4, 5])");

    private StudyPresets() {
    }

    /** The plan of a study and preset on a data set (seeds 1, 2, 3; quick theory seed 1). */
    public static StudyPlan plan(StudyName study, String preset, String dataset) {
        if (!NAMES.contains(preset)) {
            throw new IllegalArgumentException("preset must be one of " + String.join(", ", NAMES) + ", found '"
                    + preset + "'");
        }
        boolean quick = preset.equals("quick");
        int size = quick ? halfSize(dataset) : 0;
        List<Long> seeds = List.of(1L, 2L, 3L);
        switch (study) {
            case COLLAPSE: {
                DataConfig data = new DataConfig(dataset, null, quick ? 800 : 10_000, 0.5, false, 0, 0, size);
                return new StudyPlan(study, preset, seeds,
                        search(preset, data, quick ? 4 : 8, quick ? 3 : 5, quick ? 25 : 50, quick ? 40 : 64),
                        null, 1, null);
            }
            case ABLATION: {
                DataConfig data = new DataConfig(dataset, null, quick ? 480 : 10_000, 0.5, false, 0, 0, size);
                DataConfig trainData = new DataConfig(dataset, null, quick ? 2000 : 0, 0.5, false, 0, 0, size);
                return new StudyPlan(study, preset, seeds,
                        search(preset, data, quick ? 4 : 8, quick ? 3 : 5, quick ? 10 : 50, quick ? 48 : 64),
                        train(preset, trainData, quick ? 8 : 16, 5, quick ? 2 : 10, 64, false), 1, null);
            }
            case SKIP_SPEED: {
                // one epoch of 200 steps; the per-batch loss is noisy, so the loss after the fixed number of
                // steps is the mean over the last quarter of them
                DataConfig data = new DataConfig(dataset, null, quick ? 6400 : 12_800, 0.5, false, 0, 0, size);
                return new StudyPlan(study, preset, seeds, null,
                        train(preset, data, quick ? 8 : 16, 5, 1, quick ? 32 : 64, true), 50, null);
            }
            case THEORY: {
                TheoryConfig t = TheoryConfig.defaults(1);
                return new StudyPlan(study, preset, quick ? List.of(1L) : seeds, null, null, 1,
                        quick ? t : t.withConfigurations(100));
            }
            default:
                throw new IllegalArgumentException("study must be one of " + StudyName.labels() + ", found " + study);
        }
    }

    private static int halfSize(String dataset) {
        return switch (dataset) {
            case "fashion-mnist", "mnist", "synthetic" -> 14;
            default -> 16;
        };
    }

    private static SearchJob search(String preset, DataConfig data, int channels, int layers, int epochs, int batch) {
        return new SearchJob(preset, data, channels, layers, 4, Primitives.DARTS,
                SearchConfig.defaults("darts", epochs, batch, 1), "cpu", 0, null);
    }

    /**
     * One short recipe for every cell: SGD momentum 0.9, no auxiliary head, no drop path; a constant
     * learning rate where the loss curve itself is the result (skip-speed), else cosine to 0.
     */
    private static TrainJob train(String preset, DataConfig data, int channels, int layers, int epochs, int batch,
                                  boolean constantLr) {
        double lr = 0.05;
        TrainConfig t = new TrainConfig(epochs, batch, lr, constantLr ? lr : 0, 0.9, 3e-4, 5, 0, 0, 1);
        return new TrainJob(preset, "skip-speed base", SKIP_SPEED_BASE, data, channels, layers, false, t, "cpu", 0,
                null);
    }

    /**
     * The search of one sub-run: the plan's search with this method and seed, the method's own
     * defaults for the method-specific settings, and the architecture learning rate scaled to the
     * run's architecture steps (never below the published 3e-4).
     */
    static SearchJob searchJob(SearchJob base, String method, long seed) {
        SearchConfig b = base.search();
        SearchConfig d = SearchConfig.defaults(method, b.epochs(), b.batchSize(), seed);
        double archSteps = (double) b.epochs() * archStepsPerEpoch(base);
        double archLr = Math.max(d.archLr(), d.archLr() * REFERENCE_ARCH_STEPS / archSteps);
        return base.withSearch(d.withArchLr(archLr));
    }

    /** Architecture steps per epoch of a search job: its architecture share of the subset over the batch. */
    static int archStepsPerEpoch(SearchJob job) {
        // without a subset the whole training set is used; 50,000 is the smaller of the usual sets
        int used = job.data().subset() == 0 ? 50_000 : job.data().subset();
        int arch = used - (int) Math.floor(used * job.data().trainPortion());
        return Math.max(1, arch / job.search().batchSize());
    }

    /** The training of one sub-run: the plan's training with this genotype and seed. */
    static TrainJob trainJob(TrainJob base, Genotype genotype, String source, long seed) {
        TrainConfig t = base.train();
        return new TrainJob(base.preset(), source, genotype, base.data(), base.channels(), base.layers(),
                base.imagenet(), new TrainConfig(t.epochs(), t.batchSize(), t.lr(), t.lrMin(), t.momentum(),
                t.weightDecay(), t.gradClip(), t.auxiliaryWeight(), t.dropPath(), seed), base.device(),
                base.threads(), null);
    }
}
