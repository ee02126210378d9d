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
 */
public record SearchConfig(Method method, int epochs, int batchSize, WeightOptimizerConfig weights,
                           ArchOptimizerConfig arch, DartsConfig darts, PrDartsConfig prdarts, long seed,
                           InstrumentConfig instruments) {

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
        return new SearchConfig(newMethod, epochs, batchSize, weights, arch, darts, prdarts, seed, instruments);
    }

    public SearchConfig withEpochs(int newEpochs) {
        return new SearchConfig(method, newEpochs, batchSize, weights, arch, darts, prdarts, seed, instruments);
    }

    public SearchConfig withBatchSize(int newBatchSize) {
        return new SearchConfig(method, epochs, newBatchSize, weights, arch, darts, prdarts, seed, instruments);
    }

    public SearchConfig withWeights(WeightOptimizerConfig newWeights) {
        return new SearchConfig(method, epochs, batchSize, newWeights, arch, darts, prdarts, seed, instruments);
    }

    public SearchConfig withArch(ArchOptimizerConfig newArch) {
        return new SearchConfig(method, epochs, batchSize, weights, newArch, darts, prdarts, seed, instruments);
    }

    public SearchConfig withDarts(DartsConfig newDarts) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, newDarts, prdarts, seed, instruments);
    }

    public SearchConfig withPrdarts(PrDartsConfig newPrdarts) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, newPrdarts, seed, instruments);
    }

    public SearchConfig withInstruments(InstrumentConfig newInstruments) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, seed, newInstruments);
    }

    public SearchConfig withSeed(long newSeed) {
        return new SearchConfig(method, epochs, batchSize, weights, arch, darts, prdarts, newSeed, instruments);
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
        return prdarts.tau().at(epoch, epochs);
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

    /** A config written before the instruments existed ran with none: the defaults say so. */
    private static JsonObject withInstruments(JsonObject search) {
        if (!search.has("instruments")) {
            JsonObject copy = search.deepCopy();
            copy.add("instruments", org.prdarts.repro.Json.toObject(InstrumentConfig.defaults()));
            return copy;
        }
        return search;
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
