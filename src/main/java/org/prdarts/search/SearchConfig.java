package org.prdarts.search;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.search.relax.GateConfig;

/**
 * Optimisation settings of a search (docs/method.md sections 3, 4-6). Immutable and validated: every
 * message names the option, the rule and the value found. The settings of each part live in their
 * own record with its defaults and its checks; the method reads the section it needs.
 *
 * @param method    DARTS or PR-DARTS
 * @param epochs    search epochs
 * @param batchSize images per weight step and per architecture step
 * @param weights   the SGD optimizer of the network weights (the same for both methods)
 * @param arch      the Adam optimizer of the architecture logits and their initialisation
 * @param darts     settings only DARTS reads
 * @param prdarts   settings only PR-DARTS reads: temperature, gates, regularizer
 * @param seed      the run seed, split per consumer
 * @param instruments measurements besides the search's own (off by default)
 * @param warmupEpochs the first epochs train the weights only; the architecture steps start after them
 *                     (0 = from the first step)
 * @param timeBudgetSeconds with a value > 0, the search sets its own number of epochs so that it ends
 *                     within this many seconds ({@link TimeBudget}); {@code epochs} is then only the
 *                     first guess, replaced once the first epochs are timed; 0 = the epochs as given
 */
public record SearchConfig(Method method, int epochs, int batchSize, WeightOptimizerConfig weights,
                           ArchOptimizerConfig arch, DartsConfig darts, PrDartsConfig prdarts, long seed,
                           InstrumentConfig instruments, int warmupEpochs, double timeBudgetSeconds) {

    /** A config with every architecture step from the first epoch and the epochs as given. */
    public SearchConfig(Method method, int epochs, int batchSize, WeightOptimizerConfig weights,
                        ArchOptimizerConfig arch, DartsConfig darts, PrDartsConfig prdarts, long seed,
                        InstrumentConfig instruments) {
        this(method, epochs, batchSize, weights, arch, darts, prdarts, seed, instruments, 0, 0);
    }

    /** A config without instruments. */
    public SearchConfig(Method method, int epochs, int batchSize, WeightOptimizerConfig weights,
                        ArchOptimizerConfig arch, DartsConfig darts, PrDartsConfig prdarts, long seed) {
        this(method, epochs, batchSize, weights, arch, darts, prdarts, seed, InstrumentConfig.defaults());
    }

    public SearchConfig {
        // configs written before the instruments existed hold none
        if (instruments == null) {
            instruments = InstrumentConfig.defaults();
        }
        if (method == null) {
            throw new IllegalArgumentException("method must be darts or prdarts, found null");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be >= 1, found " + batchSize);
        }
        if (warmupEpochs < 0) {
            throw new IllegalArgumentException("warmup-epochs must be >= 0, found " + warmupEpochs);
        }
        if (timeBudgetSeconds == 0 && warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warmup-epochs must be below epochs (" + epochs
                    + ") so that the architecture is searched, found " + warmupEpochs);
        }
        if (!(timeBudgetSeconds >= 0) || Double.isInfinite(timeBudgetSeconds)) {
            throw new IllegalArgumentException("time must be a finite duration >= 0, found " + timeBudgetSeconds);
        }
        if (weights == null || arch == null || darts == null || prdarts == null) {
            throw new IllegalArgumentException("a search config must hold weights, arch, darts and prdarts "
                    + "settings, found weights " + weights + ", arch " + arch + ", darts " + darts
                    + ", prdarts " + prdarts);
        }
        if (darts.secondOrder() && method == Method.PRDARTS) {
            throw new IllegalArgumentException("second-order gradients are a DARTS option; PR-DARTS is first order");
        }
    }

    /**
     * The defaults for a method, with the given budget. Both methods share one weight optimizer
     * (SGD, momentum 0.9, weight decay 3e-4, no Nesterov), so that a comparison compares search
     * strategies and nothing else.
     */
    public static SearchConfig defaults(Method method, int epochs, int batchSize, long seed) {
        return new SearchConfig(method, epochs, batchSize, WeightOptimizerConfig.defaults(),
                ArchOptimizerConfig.defaults(), DartsConfig.defaults(), PrDartsConfig.defaults(), seed);
    }

    public SearchConfig withMethod(Method newMethod) {
        return new SearchConfig(newMethod, epochs, batchSize, weights, arch, darts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withEpochs(int newEpochs) {
        return new SearchConfig(method, newEpochs, batchSize, weights, arch, darts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withBatchSize(int newBatchSize) {
        return new SearchConfig(method, epochs, newBatchSize, weights, arch, darts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withWeights(WeightOptimizerConfig newWeights) {
        return new SearchConfig(method, epochs, batchSize, newWeights, arch, darts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withArch(ArchOptimizerConfig newArch) {
        return new SearchConfig(method, epochs, batchSize, weights, newArch, darts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withDarts(DartsConfig newDarts) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, newDarts, prdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withPrdarts(PrDartsConfig newPrdarts) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, newPrdarts, seed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withInstruments(InstrumentConfig newInstruments) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, seed,
                newInstruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withSeed(long newSeed) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, newSeed,
                instruments, warmupEpochs, timeBudgetSeconds);
    }

    public SearchConfig withWarmupEpochs(int newWarmupEpochs) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, seed, instruments,
                newWarmupEpochs, timeBudgetSeconds);
    }

    /** A copy that sets its own epochs to end within the given seconds (0 = the epochs as given). */
    public SearchConfig withTimeBudget(double seconds) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, seed, instruments,
                warmupEpochs, seconds);
    }

    /** A copy with another gate mode. */
    public SearchConfig withGateMode(GateConfig.Mode mode) {
        return withPrdarts(prdarts.withGates(prdarts.gates().withMode(mode)));
    }

    /** A copy with other regularizer weights (0 switches a term off). */
    public SearchConfig withLambdas(double skip, double nonSkip, double path) {
        return withPrdarts(prdarts.withRegularizer(prdarts.regularizer().withLambdas(skip, nonSkip, path)));
    }

    /** The architecture learning rate of a run with the given number of architecture steps. */
    public double archLrFor(long steps) {
        return arch.lrFor(steps);
    }

    /** The PR-DARTS gates. */
    public GateConfig gates() {
        return prdarts.gates();
    }

    /** The PR-DARTS regularizer. */
    public RegularizerConfig regularizer() {
        return prdarts.regularizer();
    }

    /** Temperature of epoch e: linear from the schedule's start to its end over the epochs. */
    public double tau(int epoch) {
        return tau(epoch, epochs);
    }

    /**
     * Temperature of epoch e of a run of {@code runEpochs} epochs (a time budget sets its own): it
     * stays at the start during the weight-only warm-up and falls over the searching epochs.
     */
    public double tau(int epoch, int runEpochs) {
        int searching = Math.max(runEpochs - warmupEpochs, 1);
        return prdarts.tau().at(Math.max(epoch - warmupEpochs, 0), searching);
    }

    /** Architecture steps of a run of {@code runEpochs} epochs of {@code steps} steps: none in the warm-up. */
    public long archSteps(int runEpochs, int steps) {
        return (long) Math.max(runEpochs - warmupEpochs, 1) * steps;
    }

    /**
     * The JSON of a search config in the current layout. Run directories written before the
     * settings were grouped hold one flat object ({@code "weightLr"}, {@code "gateMode"},
     * {@code "lambdaSkip"}, ...); that is regrouped here, value by value, so that such a run
     * still resumes and its config.json still reruns.
     */
    public static JsonElement upgradeJson(JsonElement search) {
        if (search == null || !search.isJsonObject()) {
            return search;
        }
        if (!search.getAsJsonObject().has("weightLr")) {
            return withInstruments(search.getAsJsonObject());
        }
        JsonObject flat = search.getAsJsonObject();
        JsonObject out = new JsonObject();
        move(flat, out, "method", "method");
        move(flat, out, "epochs", "epochs");
        move(flat, out, "batchSize", "batchSize");
        out.add("weights", group(flat, "weightLr", "lr", "weightLrMin", "lrMin", "momentum", "momentum",
                "nesterov", "nesterov", "weightDecay", "weightDecay", "gradClip", "gradClip"));
        out.add("arch", group(flat, "archLr", "lr", "archReach", "reach", "archBeta1", "beta1",
                "archBeta2", "beta2", "archWeightDecay", "weightDecay", "archInitScale", "initScale"));
        out.add("darts", group(flat, "secondOrder", "secondOrder"));
        JsonObject prdarts = new JsonObject();
        prdarts.add("tau", group(flat, "tauStart", "start", "tauEnd", "end"));
        prdarts.add("gates", group(flat, "gateA", "a", "gateB", "b", "gateMode", "mode",
                "gateDropout", "gateDropout"));
        prdarts.add("regularizer", group(flat, "lambdaSkip", "lambdaSkip", "lambdaNonskip", "lambdaNonSkip",
                "lambdaPath", "lambdaPath", "regularizer", "form", "hinge", "hingeThreshold",
                "pathFactor", "pathFactor"));
        out.add("prdarts", prdarts);
        move(flat, out, "seed", "seed");
        return withInstruments(out);
    }

    /**
     * A config written before the instruments existed ran with none, and one written before the
     * warm-up and the time budget ran without either: the defaults say so.
     */
    private static JsonObject withInstruments(JsonObject search) {
        JsonObject copy = search.deepCopy();
        if (!copy.has("instruments")) {
            copy.add("instruments", org.prdarts.repro.Json.toObject(InstrumentConfig.defaults()));
        }
        if (!copy.has("warmupEpochs")) {
            copy.addProperty("warmupEpochs", 0);
        }
        if (!copy.has("timeBudgetSeconds")) {
            copy.addProperty("timeBudgetSeconds", 0.0);
        }
        return copy;
    }

    /** An object of the named flat fields under their new names ({old, new, old, new, ...}). */
    private static JsonObject group(JsonObject flat, String... names) {
        JsonObject o = new JsonObject();
        for (int i = 0; i < names.length; i += 2) {
            move(flat, o, names[i], names[i + 1]);
        }
        return o;
    }

    private static void move(JsonObject from, JsonObject to, String oldName, String newName) {
        if (from.has(oldName)) {
            to.add(newName, from.get(oldName));
        }
    }
}
