package org.prdarts.study;

import org.prdarts.data.DataConfig;
import org.prdarts.search.Method;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.ops.Primitives;
import org.prdarts.theory.TheoryConfig;
import org.prdarts.train.TrainConfig;
import org.prdarts.train.TrainJob;

import java.util.List;

/**
 * The presets of the studies. A search sub-run takes the plan's budget (epochs, or a time budget
 * with its warm-up) and instruments, and the method's own defaults for everything else.
 *
 * <p>The presets of the studies. {@code quick} is sized for 2 CPU cores (a collapse or ablation study
 * well under an hour, skip-speed minutes, theory seconds): images shrunk to half their side, small
 * class-balanced subsets, C = 4 supernets of 3 cells. {@code full} uses the full image size, larger
 * subsets and networks and runs for hours on 2 cores.
 */
public final class StudyPresets {
    public static final List<String> NAMES = List.of("quick", "full");

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
            case COLLAPSE:
            case NULL: {
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
            case SEARCH_QUALITY: {
                // quick: minutes-long searches on 14x14 images and a short training; full: the hour-scale run of
                // docs/results.md, an hour of search per method and seed, every cell trained with the quick
                // training preset (all training images at full size, C=8, L=5, 5 epochs)
                DataConfig data = new DataConfig(dataset, null, quick ? 1280 : 10_000, 0.5, false, 0, 0, size);
                SearchJob s = search(preset, data, quick ? 4 : 8, quick ? 3 : 5, quick ? 4 : 20, quick ? 32 : 64);
                s = s.withSearch(s.search().withWarmupEpochs(1).withTimeBudget(quick ? 60 : 3600));
                TrainJob t;
                if (quick) {
                    DataConfig trainData = new DataConfig(dataset, null, 2000, 0.5, false, 0, 0, size);
                    t = train(preset, trainData, 8, 5, 2, 64, false);
                } else {
                    t = org.prdarts.train.TrainPresets.job("quick", dataset, "search-quality", SKIP_SPEED_BASE);
                }
                return new StudyPlan(study, preset, seeds, s, t, 1, null, 8, List.of(1L, 2L), 5);
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
                SearchConfig.defaults(Method.DARTS, epochs, batch, 1), "cpu", 0, null);
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
     * The search of one sub-run: the plan's search with this method and seed and the method's own
     * defaults for everything else, the architecture learning rate among them (scaled by the search
     * to the run's architecture steps).
     */
    static SearchJob searchJob(SearchJob base, Method method, long seed) {
        SearchConfig b = base.search();
        return base.withSearch(SearchConfig.defaults(method, b.epochs(), b.batchSize(), seed)
                .withInstruments(b.instruments()).withWarmupEpochs(b.warmupEpochs())
                .withTimeBudget(b.timeBudgetSeconds()));
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
