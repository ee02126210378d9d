package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchPresets;
import picocli.CommandLine.Mixin;
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

    @Mixin
    DataOptions data;

    @Option(names = "--subset", description = "Use at most N training images, class-balanced; 0 = all. "
            + "Default: quick 5120, cpu 20000, paper 0.")
    Integer subset;

    @Option(names = "--train-portion", description = "Share of the images that trains the weights; the rest "
            + "trains the architecture. Default: 0.5.")
    Double trainPortion;

    @Option(names = "--augment", negatable = true, description = "Random crop (pad 4) and horizontal flip. "
            + "Default: paper preset on, else off.")
    Boolean augment;

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

    @Option(names = "--momentum", description = "Weight SGD momentum, both methods. Default: "
            + SearchConfig.DEFAULT_MOMENTUM + ".")
    Double momentum;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum for the weights, both "
            + "methods. Default: off (the PR-DARTS reference code turns it on, with a weight decay of 5e-4).")
    Boolean nesterov;

    @Option(names = "--weight-decay", description = "Weight L2 decay, both methods. Default: "
            + SearchConfig.DEFAULT_WEIGHT_DECAY + ".")
    Double weightDecay;

    @Option(names = "--grad-clip", description = "Global gradient-norm clip of the weights (0 = off). Default: 5.")
    Double gradClip;

    @Option(names = "--arch-lr", description = "Adam learning rate of the architecture logits, used as given "
            + "(with an explicit reach as well it is the lowest rate the scaling may choose). Default: scaled to "
            + "the budget (see the reach below).")
    Double archLr;

    @Option(names = "--arch-reach", description = "Scale the architecture learning rate to the run's budget: "
            + "lr = max(" + SearchConfig.DEFAULT_ARCH_LR + ", REACH / architecture steps), so that Adam (at most "
            + "about lr per step) can move a logit by REACH within the run; 0 = no scaling. Default: "
            + SearchConfig.DEFAULT_ARCH_REACH + " (what DARTS' 50 CIFAR-10 epochs at 3e-4 allow).")
    Double archReach;

    @Option(names = "--arch-weight-decay", description = "Adam L2 decay of the architecture logits. Default: 1e-3.")
    Double archWeightDecay;

    @Option(names = "--beta-init", description = "Architecture logits (PR-DARTS beta, DARTS alpha) start at "
            + "this times N(0, 1). Default: " + SearchConfig.DEFAULT_ARCH_INIT_SCALE
            + " (reference code; the paper's supplement says 0.5).")
    Double betaInit;

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

    @Option(names = "--path-factor", description = "How the paper-form path term combines the four parametric "
            + "gate probabilities of a chain edge: mean (keeps the term in [0, 1]) or sum (as the paper prints "
            + "it; about 180 at initialisation, it then outweighs every other term). Default: "
            + SearchConfig.DEFAULT_PATH_FACTOR + ".")
    String pathFactor;

    @Option(names = "--hinge", description = "Threshold of the reference-code regularizer's hinge "
            + "max(X - hinge, 0) on the sparsity terms (--regularizer reference-code only). Default: "
            + SearchConfig.DEFAULT_HINGE + ".")
    Double hinge;

    @Option(names = "--lambda-skip", description = "Weight of the skip sparsity term. Default: 0.01.")
    Double lambdaSkip;

    @Option(names = "--lambda-nonskip", description = "Weight of the non-skip sparsity term. Default: 0.005.")
    Double lambdaNonskip;

    @Option(names = "--lambda-path", description = "Weight of the path-depth reward. Default: 0.005.")
    Double lambdaPath;

    @Option(names = "--seed", description = "Run seed. Default: 1.")
    Long seed;

    @Mixin
    RunOptions run;

    /** The memory limit in bytes; 0 when --max-memory is not given (the available memory applies). */
    public long maxMemoryBytes() {
        return run.maxMemoryBytes();
    }

    /** The job for a method: the preset, then every option given. */
    public SearchJob toJob(String method, Path out) {
        String m = method == null ? "prdarts" : method;
        return applyTo(SearchPresets.job(or(preset, "quick"), m, data.datasetOr("fashion-mnist")), m, out);
    }

    /** The base job with every option given on the command line applied; unset options keep its values. */
    public SearchJob applyTo(SearchJob base, String method, Path out) {
        DataConfig data = this.data.applyTo(base.data(), subset, trainPortion, augment, null);
        SearchConfig s = base.search();
        SearchConfig sc = new SearchConfig(or(method, s.method()), or(epochs, s.epochs()), or(batchSize, s.batchSize()),
                or(lr, s.weightLr()), or(lrMin, Math.min(s.weightLrMin(), or(lr, s.weightLr()))),
                or(momentum, s.momentum()), or(nesterov, s.nesterov()), or(weightDecay, s.weightDecay()),
                or(gradClip, s.gradClip()), or(archLr, s.archLr()),
                or(archReach, archLr != null ? 0.0 : s.archReach()), s.archBeta1(), s.archBeta2(),
                or(archWeightDecay, s.archWeightDecay()), or(betaInit, s.archInitScale()), secondOrder || s.secondOrder(),
                or(tauStart, s.tauStart()), or(tauEnd, s.tauEnd()), or(gateA, s.gateA()), or(gateB, s.gateB()),
                or(gateMode, s.gateMode()), or(gateDropout, s.gateDropout()), or(regularizer, s.regularizer()),
                or(pathFactor, s.pathFactor()), or(hinge, s.hinge()),
                or(lambdaSkip, s.lambdaSkip()), or(lambdaNonskip, s.lambdaNonskip()),
                or(lambdaPath, s.lambdaPath()), or(seed, s.seed()));
        return new SearchJob(or(preset, base.preset()), data, or(channels, base.channels()),
                or(layers, base.layers()), or(nodes, base.nodes()), ops == null ? base.ops() : ops, sc,
                run.deviceOr(base.device()), run.threadsOr(base.threads()), or(out, base.out()));
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
