package org.prdarts.search;

import org.prdarts.data.DataConfig;
import org.prdarts.space.ops.Primitives;

import java.util.List;

/**
 * Named starting points for a search. Sized from measurements on a 2-core CPU (docs/performance.md,
 * Performance): a PR-DARTS top-2 step of the C=8, L=5 supernet on a batch of 64 Fashion-MNIST
 * images takes about 2.3 s there, a DARTS step about 6.7 s.
 *
 * <ul>
 *   <li>{@code quick}: Fashion-MNIST, 5,120 class-balanced training images shrunk to half their side
 *       (14x14; CIFAR 16x16), C=8, L=5, N=4, batch 64, a time budget of 8 minutes of search
 *       ({@code --time}) of which the first 3 epochs train the weights alone ({@code --warmup-epochs}):
 *       under 10 minutes on 2 cores with the data loading and the report. Chosen by measurement
 *       (docs/results.md, "Quick search"): at full size and 6 epochs without a warm-up the supernet
 *       reached 47 % and no node's margin stood out from a shuffled-label search's.</li>
 *   <li>{@code cpu}: 20,000 images, C=8, L=5, 20 epochs: a longer CPU search (hours).</li>
 *   <li>{@code paper}: the defaults of docs/method.md, sized for a GPU: all images, C=16, L=8, augmentation,
 *       DARTS 50 epochs batch 64, PR-DARTS 200 epochs batch 128.</li>
 * </ul>
 */
public final class SearchPresets {
    public static final List<String> NAMES = List.of("quick", "cpu", "paper");
    /** The quick preset's time budget: 8 minutes of search. */
    public static final double QUICK_SECONDS = 480;
    /** The quick preset's weight-only epochs. */
    public static final int QUICK_WARMUP = 3;
    /** The quick preset's first guess of its epochs, replaced once the first epoch is timed. */
    public static final int QUICK_EPOCHS = 12;

    private SearchPresets() {
    }

    /** The job a preset describes for a method and data set. */
    public static SearchJob job(String preset, Method method, String dataset) {
        boolean pr = method == Method.PRDARTS;
        switch (preset) {
            case "quick":
                return new SearchJob(preset, DataConfig.defaults(dataset).withSubset(5120).withImage(0,
                        halfSize(dataset)), 8, 5, 4, Primitives.DARTS,
                        SearchConfig.defaults(method, QUICK_EPOCHS, 64, 1).withWarmupEpochs(QUICK_WARMUP)
                                .withTimeBudget(QUICK_SECONDS), "cpu", 0, null);
            case "cpu":
                return new SearchJob(preset, DataConfig.defaults(dataset).withSubset(20000), 8, 5, 4,
                        Primitives.DARTS, SearchConfig.defaults(method, 20, 64, 1), "cpu", 0, null);
            case "paper":
                DataConfig data = new DataConfig(dataset, null, 0, 0.5, true, 0, 0, 0);
                return new SearchJob(preset, data, 16, 8, 4, Primitives.DARTS,
                        SearchConfig.defaults(method, pr ? 200 : 50, pr ? 128 : 64, 1), "gpu", 0, null);
            default:
                throw new IllegalArgumentException("preset must be one of " + String.join(", ", NAMES)
                        + ", found '" + preset + "'");
        }
    }

    /** Half the side of a fixed-size data set (Fashion-MNIST and MNIST 14, CIFAR 16); 0 = as loaded. */
    static int halfSize(String dataset) {
        return switch (dataset) {
            case "fashion-mnist", "mnist" -> 14;
            case "cifar10", "cifar100" -> 16;
            default -> 0;
        };
    }

    public static SearchJob job(String preset, Method method) {
        return job(preset, method, "fashion-mnist");
    }
}
