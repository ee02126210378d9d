package org.prdarts.cli;

import org.prdarts.data.DataConfig;
import org.prdarts.search.DartsConfig;
import org.prdarts.search.InstrumentConfig;
import org.prdarts.search.Method;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchPresets;
import org.prdarts.search.WeightOptimizerConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** CLI binding of a search's options; unset options keep the preset's (or the job file's) value. */
public final class SearchOptions {

    @Option(names = "--preset",
            description = "Starting point: quick (under 10 min on 2 cores), cpu (longer CPU search), "
                    + "paper (the paper's defaults, GPU). Default: quick.")
    String preset;

    @Mixin
    DataOptions data;

    @Option(names = "--train-portion", description = "Share of the images that trains the weights; the rest "
            + "trains the architecture. Default: 0.5.")
    Double trainPortion;

    @Option(names = "--augment", negatable = true, description = "Random crop (pad 4) and horizontal flip. "
            + "Default: paper preset on, else off.")
    Boolean augment;

    @Mixin
    BudgetOptions budget;

    @Option(names = "--time", paramLabel = "DURATION", description = "Search for this long (90s, 20m, 1h, 1h30m): "
            + "the first epoch is timed and the learning-rate and temperature schedules and the architecture "
            + "learning rate are laid out for the epochs that fit, adjusted after the first searching epoch when "
            + "a warm-up came first and when a quarter of the time is spent; --epochs is then only the first guess. Default: the epochs as given.")
    String time;

    @Option(names = "--warmup-epochs", paramLabel = "N", description = "Train the weights alone for the first N "
            + "epochs; the architecture steps start after them. Default: the preset's (0 unless it says otherwise).")
    Integer warmupEpochs;

    @Option(names = "--nodes", description = "N, intermediate nodes per cell. Default: 4.")
    Integer nodes;

    @Option(names = "--ops", split = ",", description = "Candidate operations, comma-separated. Default: the "
            + "8 DARTS ops (none, max_pool_3x3, avg_pool_3x3, skip_connect, sep_conv_3x3, sep_conv_5x5, "
            + "dil_conv_3x3, dil_conv_5x5).")
    List<String> ops;

    @Mixin
    SgdOptions sgd;

    @Option(names = "--nesterov", negatable = true, description = "Nesterov momentum for the weights, both "
            + "methods. Default: off (the PR-DARTS reference code turns it on, with a weight decay of 5e-4).")
    Boolean nesterov;

    @Mixin
    ArchOptions arch;

    @Option(names = "--second-order", description = "DARTS second-order (unrolled) architecture gradient. "
            + "Default: off (first order).")
    boolean secondOrder;

    @Option(names = "--hessian-every", paramLabel = "N", description = "Every N epochs, measure the largest "
            + "eigenvalue of the Hessian of the architecture batch's loss with respect to the architecture logits "
            + "(Zela et al., ICLR 2020), written as archHessianEigenvalue in metrics.jsonl. Default: 0 (never).")
    Integer hessianEvery;

    @Option(names = "--hessian-iterations", paramLabel = "K", description = "Lanczos iterations (at most) per "
            + "Hessian measurement, two backward passes each. Default: 20.")
    Integer hessianIterations;

    @Option(names = "--hessian-early-stop", description = "Stop the search where the DARTS-ES rule of Zela et al. "
            + "fires (the local average of the eigenvalue over 5 measurements has grown above 1/0.75 of the average 5 "
            + "measurements earlier) and keep the cell of that earlier measurement instead of the last epoch's. "
            + "Written to early-stop.json. Needs --hessian-every. Default: off.")
    Boolean hessianEarlyStop;

    @Option(names = "--shuffle-labels", description = "A null search: permute the training labels once (seeded) "
            + "before the split, so nothing can be learnt; its node margins (marginsNormal, marginsReduce) and "
            + "logit spreads are the noise floor of a real search with the same options. Default: off.")
    Boolean shuffleLabels;

    @Mixin
    PrDartsOptions prdarts;

    @Option(names = "--seed", description = "Run seed. Default: 1.")
    Long seed;

    @Mixin
    RunOptions run;

    /** The memory limit in bytes; 0 when --max-memory is not given (the available memory applies). */
    public long maxMemoryBytes() {
        return run.maxMemoryBytes();
    }

    /** The job for a method (null = prdarts): the preset, then every option given. */
    public SearchJob toJob(String method, Path out) {
        return applyTo(presetJob(method), method, out);
    }

    /** The preset's job for a method (null = prdarts) and the data set given. */
    SearchJob presetJob(String method) {
        Method m = method == null ? Method.PRDARTS : Method.parse("method", method);
        return SearchPresets.job(or(preset, "quick"), m, data.datasetOr("fashion-mnist"));
    }

    /** The base job with every option given on the command line applied; unset options keep its values. */
    public SearchJob applyTo(SearchJob base, String method, Path out) {
        DataConfig data = this.data.applyTo(base.data(), trainPortion, augment, null);
        SearchConfig s = base.search();
        WeightOptimizerConfig w = s.weights();
        double lr = or(sgd.lr, w.lr());
        WeightOptimizerConfig weights = new WeightOptimizerConfig(lr, or(sgd.lrMin, Math.min(w.lrMin(), lr)),
                or(sgd.momentum, w.momentum()), or(nesterov, w.nesterov()), or(sgd.weightDecay, w.weightDecay()),
                or(sgd.gradClip, w.gradClip()));
        SearchConfig sc = new SearchConfig(method == null ? s.method() : Method.parse("method", method),
                or(budget.epochs, s.epochs()), or(budget.batchSize, s.batchSize()), weights, arch.applyTo(s.arch()),
                new DartsConfig(secondOrder || s.darts().secondOrder()), prdarts.applyTo(s.prdarts()),
                or(seed, s.seed()), new InstrumentConfig(or(hessianEvery, s.instruments().hessianEvery()),
                or(hessianIterations, s.instruments().hessianIterations()),
                or(hessianEarlyStop, s.instruments().hessianEarlyStop()),
                or(shuffleLabels, s.instruments().shuffledLabels())), warmup(s), timeBudget(s));
        return new SearchJob(or(preset, base.preset()), data, or(budget.channels, base.channels()),
                or(budget.layers, base.layers()), or(nodes, base.nodes()), ops == null ? base.ops() : ops, sc,
                run.deviceOr(base.device()), run.threadsOr(base.threads()), or(out, base.out()));
    }

    /**
     * The time budget: --time, else none when --epochs is given (the epochs asked for are run), else
     * the base job's.
     */
    private double timeBudget(SearchConfig s) {
        if (time != null) {
            return org.prdarts.search.TimeBudget.parseSeconds(time);
        }
        return budget.epochs != null ? 0 : s.timeBudgetSeconds();
    }

    /**
     * The warm-up: --warmup-epochs, else the base job's, at most a quarter of the epochs when
     * --epochs is given without --time (a preset's warm-up is sized for its own budget).
     */
    private int warmup(SearchConfig s) {
        if (warmupEpochs != null) {
            return warmupEpochs;
        }
        return budget.epochs != null && time == null ? Math.min(s.warmupEpochs(), budget.epochs / 4) : s.warmupEpochs();
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
