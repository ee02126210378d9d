package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchPresets;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** CLI binding of a search's options; unset options keep the preset's value. */
public final class SearchOptions {

    @Option(names = "--preset",
            description = "Starting point: quick (under 10 min on 2 cores), cpu (longer CPU search), "
                    + "paper (SPEC defaults, GPU). Default: quick.")
    String preset;

    @Option(names = "--dataset",
            description = "fashion-mnist, mnist, cifar10, cifar100, folder, synthetic. Default: fashion-mnist.")
    String dataset;

    @Option(names = "--data-dir", description = "Folder with the data set files. Default: for fashion-mnist "
            + "/usr/share/datasets/fashion-mnist when installed, else the bundled sample.")
    Path dataDir;

    @Option(names = "--subset", description = "Use at most N training images, class-balanced; 0 = all. "
            + "Default: quick 5120, cpu 20000, paper 0.")
    Integer subset;

    @Option(names = "--train-portion", description = "Share of the images that trains the weights; the rest "
            + "trains the architecture. Default: 0.5.")
    Double trainPortion;

    @Option(names = "--augment", negatable = true, description = "Random crop (pad 4) and horizontal flip. "
            + "Default: paper preset on, else off.")
    Boolean augment;

    @Option(names = "--image-size", description = "Image side for synthetic and folder data sets. "
            + "Default: the data set's own (synthetic 28, folder 32).")
    Integer imageSize;

    @Option(names = "--image-channels", description = "Image channels (1 or 3) for synthetic and folder data "
            + "sets. Default: the data set's own.")
    Integer imageChannels;

    @Option(names = "--epochs", description = "Search epochs. Default: quick 6, cpu 20, paper 50 (darts) / 200 (prdarts).")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per step. Default: 64 (paper prdarts: 128).")
    Integer batchSize;

    @Option(names = "--channels", description = "C, channels of the first cells. Default: quick/cpu 8, paper 16.")
    Integer channels;

    @Option(names = "--layers", description = "L, number of cells. Default: quick/cpu 5, paper 8.")
    Integer layers;

    @Option(names = "--nodes", description = "N, intermediate nodes per cell. Default: 4.")
    Integer nodes;

    @Option(names = "--ops", split = ",", description = "Candidate operations, comma-separated. Default: the "
            + "8 DARTS ops (none, max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, "
            + "dil_conv_3x3, dil_conv_5x5).")
    List<String> ops;

    @Option(names = "--lr", description = "Weight learning rate, cosine to --lr-min. Default: 0.025.")
    Double lr;

    @Option(names = "--lr-min", description = "Final weight learning rate. Default: 0.001.")
    Double lrMin;

    @Option(names = "--momentum", description = "Weight SGD momentum. Default: 0.9.")
    Double momentum;

    @Option(names = "--weight-decay", description = "Weight L2 decay. Default: darts 3e-4, prdarts 5e-4.")
    Double weightDecay;

    @Option(names = "--grad-clip", description = "Global gradient-norm clip of the weights (0 = off). Default: 5.")
    Double gradClip;

    @Option(names = "--arch-lr", description = "Adam learning rate of the architecture logits. Default: 3e-4.")
    Double archLr;

    @Option(names = "--arch-weight-decay", description = "Adam L2 decay of the architecture logits. Default: 1e-3.")
    Double archWeightDecay;

    @Option(names = "--second-order", description = "DARTS second-order (unrolled) architecture gradient. "
            + "Default: off (first order).")
    boolean secondOrder;

    @Option(names = "--tau-start", description = "PR-DARTS gate temperature of the first epoch. Default: 1 "
            + "(reference code; the paper states 10).")
    Double tauStart;

    @Option(names = "--tau-end", description = "PR-DARTS gate temperature of the last epoch. Default: 0.1.")
    Double tauEnd;

    @Option(names = "--gate-a", description = "Hard-concrete stretch lower end, < 0. Default: -0.1.")
    Double gateA;

    @Option(names = "--gate-b", description = "Hard-concrete stretch upper end, > 1. Default: 1.1.")
    Double gateB;

    @Option(names = "--gate-mode", description = "top2 (straight-through, 2 ops per edge computed) or full "
            + "(every op times its gate, paper eq. 7). Default: top2.")
    String gateMode;

    @Option(names = "--gate-dropout", description = "top2 gate dropout probability. Default: 0.4.")
    Double gateDropout;

    @Option(names = "--regularizer", description = "paper or reference-code form of the PR-DARTS terms. "
            + "Default: paper.")
    String regularizer;

    @Option(names = "--lambda-skip", description = "Weight of the skip sparsity term. Default: 0.01.")
    Double lambdaSkip;

    @Option(names = "--lambda-nonskip", description = "Weight of the non-skip sparsity term. Default: 0.005.")
    Double lambdaNonskip;

    @Option(names = "--lambda-path", description = "Weight of the path-depth reward. Default: 0.005.")
    Double lambdaPath;

    @Option(names = "--seed", description = "Run seed. Default: 1.")
    Long seed;

    @Option(names = "--device", description = "cpu or gpu. Default: cpu (paper preset: gpu).")
    String device;

    @Option(names = "--threads", description = "Engine threads; 0 = engine default (all cores). Default: 0.")
    Integer threads;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Refuse a search whose memory estimate "
            + "exceeds SIZE, e.g. 8g, 512m, 100k or bytes. Default: the memory the system has available.")
    String maxMemory;

    /** The memory limit in bytes; 0 when --max-memory is not given (the available memory applies). */
    public long maxMemoryBytes() {
        return maxMemory == null ? 0 : parseBytes("max-memory", maxMemory);
    }

    /** A size such as "8g", "512m", "100k" or "4096" (bytes), binary multiples. */
    static long parseBytes(String field, String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && "kmgt".indexOf(t.charAt(t.length() - 2)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v < 1 || v > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException(field + " must be between 1 byte and 8 exbibytes, found '"
                        + text + "'");
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a size such as 8g, 512m, 100k or a byte count, "
                    + "found '" + text + "'");
        }
    }

    /** The job for a method: the preset, then every option given. */
    public SearchJob toJob(String method, Path out) {
        String m = method == null ? "prdarts" : method;
        return applyTo(SearchPresets.job(or(preset, "quick"), m, or(dataset, "fashion-mnist")), m, out);
    }

    /** The base job with every option given on the command line applied; unset options keep its values. */
    public SearchJob applyTo(SearchJob base, String method, Path out) {
        DataConfig d = base.data();
        DataConfig data = new DataConfig(or(dataset, d.dataset()), or(dataDir, d.dataDir()), or(subset, d.subset()),
                or(trainPortion, d.trainPortion()), or(augment, d.augment()), d.cutout(),
                or(imageChannels, d.channels()), or(imageSize, d.imageSize()));
        SearchConfig s = base.search();
        SearchConfig sc = new SearchConfig(or(method, s.method()), or(epochs, s.epochs()), or(batchSize, s.batchSize()),
                or(lr, s.weightLr()), or(lrMin, Math.min(s.weightLrMin(), or(lr, s.weightLr()))),
                or(momentum, s.momentum()), s.nesterov(), or(weightDecay, s.weightDecay()),
                or(gradClip, s.gradClip()), or(archLr, s.archLr()), s.archBeta1(), s.archBeta2(),
                or(archWeightDecay, s.archWeightDecay()), s.archInitScale(), secondOrder || s.secondOrder(),
                or(tauStart, s.tauStart()), or(tauEnd, s.tauEnd()), or(gateA, s.gateA()), or(gateB, s.gateB()),
                or(gateMode, s.gateMode()), or(gateDropout, s.gateDropout()), or(regularizer, s.regularizer()),
                or(lambdaSkip, s.lambdaSkip()), or(lambdaNonskip, s.lambdaNonskip()),
                or(lambdaPath, s.lambdaPath()), or(seed, s.seed()));
        return new SearchJob(or(preset, base.preset()), data, or(channels, base.channels()),
                or(layers, base.layers()), or(nodes, base.nodes()), ops == null ? base.ops() : ops, sc,
                or(device, base.device()), or(threads, base.threads()), or(out, base.out()));
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static String describe(List<String> args) {
        return String.join(" ", args);
    }

    static List<String> list(String[] args) {
        return Arrays.asList(args);
    }
}
