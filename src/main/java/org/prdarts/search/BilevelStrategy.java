package org.prdarts.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.prdarts.optim.Adam;
import org.prdarts.optim.CosineSchedule;
import org.prdarts.optim.GradientClipping;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.optim.Sgd;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.DivergenceException;
import org.prdarts.repro.Rng;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.search.relax.Relaxation;
import org.prdarts.search.relax.Tables;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.supernet.ArchitectureParameters;
import org.prdarts.supernet.CellMixing;
import org.prdarts.supernet.DiscreteMixing;
import org.prdarts.supernet.Mixing;
import org.prdarts.supernet.SearchNetwork;
import org.prdarts.supernet.SupernetConfig;

import java.util.List;
import java.util.Map;

import static org.prdarts.optim.Losses.correct;
import static org.prdarts.optim.Losses.crossEntropy;

/**
 * The alternating bilevel scheme shared by DARTS and PR-DARTS: a weight step by SGD on a training
 * batch and an architecture step by Adam on an architecture batch, in the order the method's
 * reference code uses ({@link #weightStepFirst()}), two optimizers over disjoint
 * parameter sets, every gradient zeroed before each backward pass (the engine accumulates them).
 * Subclasses choose the relaxation, the architecture penalty and the derivation rule.
 */
public abstract class BilevelStrategy implements SearchStrategy {
    /** Gate-noise keys: which of the two passes of a step drew the sample. */
    protected static final int WEIGHT_PASS = 0;
    protected static final int ARCH_PASS = 1;

    protected final SearchConfig config;
    protected final SupernetConfig netConfig;
    protected final SearchNetwork net;
    protected final ArchitectureParameters arch;
    protected final ParameterGroup weights;
    protected final ParameterGroup archGroup;
    protected final Sgd sgd;
    protected final Adam adam;
    protected CosineSchedule schedule;
    /** Epochs the schedules are laid out for: the config's, or those a time budget fitted ({@link #plan}). */
    protected int epochs;
    protected final ParameterStore ps;
    protected final NDManager manager;
    protected int epoch;
    protected double lr;
    protected double tau;
    /** Checkpoint field of the architecture learning rate, which a resumed run keeps. */
    static final String ARCH_LR = "archLr";
    /** Checkpoint field of the epochs the schedules are laid out for, which a resumed run keeps. */
    static final String PLANNED_EPOCHS = "plannedEpochs";

    /** The architecture learning rate, resolved by the caller ({@link Search#architectureLearningRate}). */
    protected double archLr;
    /** Checkpoint field of the sum of the squared architecture learning rates of the steps taken. */
    static final String ARCH_LR_SQUARED_SUM = "archLrSquaredSum";
    /**
     * The sum over the architecture steps taken of their learning rate squared: the variance of a
     * logit's random walk (Decidedness), exact when a time budget changes the rate mid-run.
     */
    private double archLrSquaredSum;

    /**
     * Builds and initialises the supernet for images of the given size.
     *
     * @param manager long-lived manager owning parameters and optimizer state
     */
    protected BilevelStrategy(SearchConfig config, double archLr, SupernetConfig netConfig, NDManager manager,
                              int height, int width) {
        this.config = config;
        this.archLr = archLr;
        this.netConfig = netConfig;
        this.manager = manager;
        this.net = new SearchNetwork(netConfig);
        this.ps = new ParameterStore(manager, false);
        Engine.getInstance().setRandomSeed((int) (config.seed() & 0x7fffffff));
        int edges = new org.prdarts.space.CellTopology(netConfig.nodes()).edges();
        int ops = netConfig.ops().size();
        this.arch = ArchitectureParameters.initialize(manager, edges, ops, config.arch().initScale(), config.seed());
        initialiseNetwork(height, width, edges, ops);
        this.weights = ParameterGroup.of(net);
        this.archGroup = arch.asGroup();
        this.sgd = new Sgd(manager, weights.size(), config.weights().momentum(), config.weights().weightDecay(),
                config.weights().nesterov());
        this.adam = new Adam(manager, archGroup.size(), config.arch().beta1(), config.arch().beta2(), 1e-8,
                config.arch().weightDecay());
        this.epochs = config.epochs();
        this.schedule = new CosineSchedule(config.weights().lr(), config.weights().lrMin(), epochs);
        newEpoch(0);
    }

    /** One forward pass with every op active, so each leaf block sizes its parameters. */
    private void initialiseNetwork(int height, int width, int edges, int ops) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray x = scratch.zeros(new Shape(2, netConfig.inputChannels(), height, width));
            NDArray w = scratch.ones(new Shape(edges, ops)).div(ops);
            Mixing all = new Mixing(w, null);
            net.forward(ps, x, all, all, true);
        }
    }

    /**
     * Whether a step moves the weights before the architecture. DARTS' reference code steps the
     * architecture first; PR-DARTS' steps the weights first.
     */
    protected boolean weightStepFirst() {
        return false;
    }

    /** The relaxation turning logits into mixing weights. */
    protected abstract Relaxation relaxation();

    /**
     * Penalty added to the architecture loss, and its terms' values for the step's statistics.
     *
     * @param total the sum of the terms, in the autograd graph
     * @param terms each term's value on the host
     */
    protected record Penalty(NDArray total, Map<String, Double> terms) {
    }

    /** Penalty added to the architecture loss (null for none). */
    protected Penalty archPenalty(NDManager scratch, Mixing normal, Mixing reduce) {
        return null;
    }

    /** The cell derived from the current logits. */
    @Override
    public abstract Genotype genotype();

    @Override
    public void newEpoch(int epoch) {
        this.epoch = epoch;
        this.lr = schedule.at(epoch);
        this.tau = config.tau(epoch, epochs);
    }

    /**
     * Lays the learning-rate and temperature schedules out for another number of epochs and sets
     * the architecture learning rate (a time budget fits them once the first epochs are timed). The
     * current epoch's values are set anew; at epoch 0 they do not depend on the number of epochs.
     */
    public void plan(int newEpochs, double newArchLr) {
        this.epochs = newEpochs;
        this.schedule = new CosineSchedule(config.weights().lr(), config.weights().lrMin(), newEpochs);
        this.archLr = newArchLr;
        newEpoch(epoch);
    }

    /** The epochs the schedules are laid out for. */
    public int plannedEpochs() {
        return epochs;
    }

    /** Whether the epoch takes architecture steps: none during the weight-only warm-up. */
    public boolean searching(int epoch) {
        return epoch >= config.warmupEpochs();
    }

    @Override
    public double learningRate() {
        return lr;
    }

    @Override
    public double archLearningRate() {
        return archLr;
    }

    public double tau() {
        return tau;
    }

    public SearchNetwork network() {
        return net;
    }

    public ArchitectureParameters architecture() {
        return arch;
    }

    public ParameterGroup weightGroup() {
        return weights;
    }

    public Sgd weightOptimizer() {
        return sgd;
    }

    public Adam archOptimizer() {
        return adam;
    }

    /** Samples the mixing of both cell types for one pass. */
    protected CellMixing mix(int step, int pass, boolean detach) {
        Relaxation r = relaxation();
        Mixing n = r.mix(arch.normal(), tau, Rng.of(config.seed(), Rng.Stream.GATES, epoch, step, pass, 0));
        Mixing d = r.mix(arch.reduce(), tau, Rng.of(config.seed(), Rng.Stream.GATES, epoch, step, pass, 1));
        if (detach) {
            n = new Mixing(n.weights().stopGradient(), n.active());
            d = new Mixing(d.weights().stopGradient(), d.active());
        }
        return new CellMixing(n, d);
    }

    @Override
    public StepStats step(NDManager scratch, NDArray trainX, NDArray trainY, NDArray archX, NDArray archY,
                          int epoch, int step) {
        // Each pass runs in its own manager, so the first pass's tensors are freed before the
        // second allocates its own: the peak is one pass, not two.
        PassResult archOut = null;
        PassResult trainOut = null;
        for (int pass = 0; pass < 2; pass++) {
            boolean weightPass = (pass == 0) == weightStepFirst();
            try (NDManager m = scratch.newSubManager()) {
                attachArchitecture(m);
                if (weightPass) {
                    trainOut = weightStep(m, trainX, trainY, step);
                } else if (searching(epoch)) {
                    archOut = archStep(m, trainX, trainY, archX, archY, step);
                } else {
                    archOut = archEvaluate(m, archX, archY, step);
                }
            }
        }
        return new StepStats(trainOut.loss(), trainOut.correct(), (int) trainX.getShape().get(0),
                archOut.loss(), archOut.correct(), (int) archX.getShape().get(0), archOut.regularizers());
    }

    /** One SGD step of the weights; returns its loss and correct count. */
    protected PassResult weightStep(NDManager scratch, NDArray x, NDArray y, int step) {
        CellMixing m = mix(step, WEIGHT_PASS, true);
        weights.zeroGradients(scratch);
        NDArray logits;
        NDArray loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            logits = net.forward(ps, x, m.normal(), m.reduce(), true);
            loss = crossEntropy(logits, y);
            gc.backward(loss);
        }
        List<NDArray> grads = weights.gradients(scratch);
        if (config.weights().gradClip() > 0) {
            GradientClipping.clip(grads, config.weights().gradClip());
        }
        sgd.step(weights.arrays(), grads, lr);
        return new PassResult(checkedLoss(loss, "weight", step), correct(logits, y));
    }

    /**
     * A warm-up epoch's architecture batch: loss and correct count of the supernet as the
     * architecture step would see it, without a gradient or a step, so the epoch's validation
     * figures stay comparable with the searching epochs'.
     */
    protected PassResult archEvaluate(NDManager scratch, NDArray x, NDArray y, int step) {
        CellMixing m = mix(step, ARCH_PASS, true);
        NDArray logits = net.forward(ps, x, m.normal(), m.reduce(), true);
        return new PassResult(checkedLoss(crossEntropy(logits, y), "architecture", step), correct(logits, y));
    }

    /**
     * Temporaries computed from the architecture logits attach to the logits' manager; moving the
     * logits to the step's manager for the step frees them with it.
     */
    protected void attachArchitecture(NDManager scratch) {
        arch.normal().tempAttach(scratch);
        arch.reduce().tempAttach(scratch);
    }

    /**
     * One first-order architecture step; returns its loss and correct count. The network weights are
     * excluded from autograd meanwhile: their gradients are not needed here, and skipping them
     * saves about a quarter of the backward pass.
     */
    protected PassResult archStep(NDManager scratch, NDArray trainX, NDArray trainY, NDArray x, NDArray y,
                                int step) {
        archGroup.zeroGradients(scratch);
        NDArray logits;
        NDArray ce;
        Penalty penalty;
        CellMixing m;
        weights.setRequiresGradient(false);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            // the engine records operations only while a collector is open: mix inside it
            m = mix(step, ARCH_PASS, false);
            logits = net.forward(ps, x, m.normal(), m.reduce(), true);
            ce = crossEntropy(logits, y);
            penalty = archPenalty(scratch, m.normal(), m.reduce());
            gc.backward(penalty == null ? ce : ce.add(penalty.total()));
        } finally {
            weights.setRequiresGradient(true);
        }
        List<NDArray> grads = archGroup.gradients(scratch);
        Map<String, Double> stats = penalty == null ? Map.of() : penalty.terms();
        if (penalty != null && !penalty.terms().isEmpty()) {
            List<NDArray> total = grads.stream().map(NDArray::duplicate).toList();
            Map<String, Double> withShares = new java.util.LinkedHashMap<>(stats);
            withShares.putAll(gradientShares(scratch, m, total));
            stats = withShares;
            // the logits' gradients hold the step's total again, as without the measurement
            grads = archGroup.gradients(scratch);
            for (int i = 0; i < grads.size(); i++) {
                org.prdarts.engine.InPlaceCopy.copy(total.get(i), grads.get(i));
            }
        }
        architectureStep(grads);
        return new PassResult(checkedLoss(ce, "architecture", step), correct(logits, y), stats);
    }

    /** One Adam step of the architecture at this run's rate, counted in the noise scale's sum. */
    protected void architectureStep(List<NDArray> grads) {
        adam.step(archGroup.arrays(), grads, archLr);
        archLrSquaredSum += archLr * archLr;
    }

    /** Key prefix of a term's share of the architecture gradient norm among a step's statistics. */
    public static final String GRADIENT_SHARE = "gradientShare:";
    /** The cross-entropy's entry among the gradient shares. */
    public static final String CROSS_ENTROPY = "crossEntropy";

    /**
     * Each term's share of the architecture gradient: the norm of the gradient of the
     * cross-entropy and of each penalty term alone, divided by the sum of those norms (so the shares
     * add up to 1 whatever the terms' directions). A penalty term is a function of the logits alone,
     * so its gradient is taken in a collector of its own at the cost of the logits' size; the
     * cross-entropy's is the total minus the terms'. {@code total} is not changed; the logits' gradient buffers hold the
     * last term's gradient afterwards.
     */
    private Map<String, Double> gradientShares(NDManager scratch, CellMixing m, List<NDArray> total) {
        float[][] rest = total.stream().map(NDArray::toFloatArray).toArray(float[][]::new);
        Map<String, Double> norms = new java.util.LinkedHashMap<>();
        for (String term : penaltyTerms()) {
            archGroup.zeroGradients(scratch);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray value = penaltyTerm(scratch, m.normal(), m.reduce(), term);
                if (value == null) {
                    continue;
                }
                gc.backward(value);
            }
            double sq = 0;
            List<NDArray> g = archGroup.gradients(scratch);
            for (int i = 0; i < g.size(); i++) {
                float[] gi = g.get(i).toFloatArray();
                for (int k = 0; k < gi.length; k++) {
                    sq += (double) gi[k] * gi[k];
                    rest[i][k] -= gi[k];
                }
            }
            norms.put(term, Math.sqrt(sq));
        }
        double ceSq = 0;
        for (float[] r : rest) {
            for (float v : r) {
                ceSq += (double) v * v;
            }
        }
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        shares.put(CROSS_ENTROPY, Math.sqrt(ceSq));
        shares.putAll(norms);
        double sum = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        shares.forEach((k, v) -> out.put(GRADIENT_SHARE + k, sum > 0 ? v / sum : Double.NaN));
        return out;
    }

    /** Names of the penalty's terms, in order (none by default). */
    protected List<String> penaltyTerms() {
        return List.of();
    }

    /** One penalty term alone, in the autograd graph (null when it does not exist). */
    protected NDArray penaltyTerm(NDManager scratch, Mixing normal, Mixing reduce, String term) {
        return null;
    }

    /** Summed cross-entropy and correct count of one batch. */
    public record BatchScore(double lossSum, int correct, int count) {
    }

    /**
     * The derived genotype's discrete network on one batch: the supernet restricted to the
     * genotype's (edge, op) pairs ({@link DiscreteMixing}), no gradient, BatchNorm normalising with
     * the batch's own statistics. The supernet's running statistics were gathered under the mixture
     * (DARTS) or under random gate samples (PR-DARTS), not under this discrete network: scored with
     * them, the quick search's derived network read 10 % (chance) at every epoch while its supernet
     * read 21 to 49 %. The running statistics are restored afterwards. The same measurement for
     * every method.
     */
    public BatchScore scoreDerived(NDManager scratch, Genotype genotype, NDArray x, NDArray y) {
        CellTopology topology = new CellTopology(netConfig.nodes());
        Mixing n = DiscreteMixing.of(scratch, genotype.normal(), netConfig.ops(), topology);
        Mixing r = DiscreteMixing.of(scratch, genotype.reduce(), netConfig.ops(), topology);
        return keepingRunningStatistics(() -> {
            NDArray logits = net.forward(ps, x, n, r, true);
            int count = (int) x.getShape().get(0);
            return new BatchScore(crossEntropy(logits, y).getFloat() * count, correct(logits, y), count);
        });
    }

    /** Runs {@code work} and puts the BatchNorm running statistics back as they were before it. */
    private <T> T keepingRunningStatistics(java.util.function.Supplier<T> work) {
        List<NDArray> running = new java.util.ArrayList<>();
        List<NDArray> saved = new java.util.ArrayList<>();
        try (NDManager keep = manager.newSubManager()) {
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().contains("running")) {
                    running.add(p.getValue().getArray());
                    saved.add(p.getValue().getArray().duplicate());
                    saved.get(saved.size() - 1).attach(keep);
                }
            }
            try {
                return work.get();
            } finally {
                for (int i = 0; i < running.size(); i++) {
                    org.prdarts.engine.InPlaceCopy.copy(saved.get(i), running.get(i));
                }
            }
        }
    }

    /** The pass index of the Hessian's gradients: its gate noise is drawn apart from training's. */
    private static final int HESSIAN_PASS = 2;

    /**
     * The largest eigenvalue of the Hessian of the architecture batch's cross-entropy with respect
     * to both cells' architecture logits ({@link HessianIndicator}, Zela et al. 2020). Every gradient
     * of one estimate uses the same gate noise (PR-DARTS), so the finite differences see the
     * curvature and not the sampling. The regularizer terms are left out: the indicator is the
     * validation loss's. The logits and the BatchNorm running statistics are restored afterwards,
     * so the search continues as if nothing had been measured.
     *
     * @param eps finite-difference step along a unit vector
     */
    public HessianIndicator.Estimate archHessianEigenvalue(NDArray x, NDArray y, int iterations, double eps) {
        int edges = (int) arch.normal().getShape().get(0);
        int ops = (int) arch.normal().getShape().get(1);
        int half = edges * ops;
        double[] a0 = new double[2 * half];
        float[] n0 = arch.normal().toFloatArray();
        float[] r0 = arch.reduce().toFloatArray();
        for (int i = 0; i < half; i++) {
            a0[i] = n0[i];
            a0[half + i] = r0[i];
        }
        return keepingRunningStatistics(() -> {
            try {
                return HessianIndicator.largestEigenvalue(v -> HessianIndicator.hessianVectorProduct(
                        a -> archGradient(a, half, x, y), a0, v, eps), 2 * half, iterations, 1e-3,
                        new java.util.Random(Rng.of(config.seed(), Rng.Stream.GATES, epoch, 0, HESSIAN_PASS, 2)
                                .nextLong()));
            } finally {
                setArchitecture(n0, r0);
            }
        });
    }

    /** The gradient of the architecture batch's cross-entropy at logits {@code a} (normal then reduce). */
    private double[] archGradient(double[] a, int half, NDArray x, NDArray y) {
        float[] n = new float[half];
        float[] r = new float[half];
        for (int i = 0; i < half; i++) {
            n[i] = (float) a[i];
            r[i] = (float) a[half + i];
        }
        setArchitecture(n, r);
        try (NDManager scratch = manager.newSubManager()) {
            attachArchitecture(scratch);
            archGroup.zeroGradients(scratch);
            weights.setRequiresGradient(false);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                CellMixing m = mix(0, HESSIAN_PASS, false);
                gc.backward(crossEntropy(net.forward(ps, x, m.normal(), m.reduce(), true), y));
            } finally {
                weights.setRequiresGradient(true);
            }
            float[] gn = arch.normal().getGradient().toFloatArray();
            float[] gr = arch.reduce().getGradient().toFloatArray();
            archGroup.zeroGradients(scratch);
            double[] g = new double[2 * half];
            for (int i = 0; i < half; i++) {
                g[i] = gn[i];
                g[half + i] = gr[i];
            }
            return g;
        }
    }

    private void setArchitecture(float[] normal, float[] reduce) {
        try (NDManager scratch = manager.newSubManager()) {
            org.prdarts.engine.InPlaceCopy.copy(scratch.create(normal, arch.normal().getShape()), arch.normal());
            org.prdarts.engine.InPlaceCopy.copy(scratch.create(reduce, arch.reduce().getShape()), arch.reduce());
        }
    }

    protected double checkedLoss(NDArray loss, String pass, int step) {
        double v = loss.getFloat();
        if (!Double.isFinite(v)) {
            throw new DivergenceException("the " + pass + " loss is " + v + " at epoch " + (epoch + 1)
                    + ", step " + (step + 1) + ": the search diverged (try a lower learning rate)");
        }
        return v;
    }

    /** Host tables [edges][ops] of the ranking weights of both cells. */
    protected float[][][] scoreTables() {
        Relaxation r = relaxation();
        try (NDManager scratch = manager.newSubManager()) {
            attachArchitecture(scratch);
            return new float[][][] {r.scores(arch.normal(), tau), r.scores(arch.reduce(), tau)};
        }
    }

    /**
     * How decided the cell of one type is now: margins of the method's derivation rule in logit
     * units, entropy of each edge's derivation weights, the logits' spread, and the noise scale of
     * a margin after the architecture steps taken so far, each at the learning rate it was taken with.
     */
    @Override
    public Decidedness.Cell decidedness(boolean reduction) {
        float[][] logits;
        float[][] scores;
        try (NDManager scratch = manager.newSubManager()) {
            attachArchitecture(scratch);
            NDArray a = arch.of(reduction);
            logits = Tables.toTable(a);
            scores = relaxation().scores(a, tau);
        }
        return new Decidedness.Cell(nodeMargins(logits), Decidedness.entropies(scores), Decidedness.spread(logits),
                Decidedness.noise(config.arch().initScale(), archLrSquaredSum));
    }

    /** Per node, the margin of the method's derivation rule, in logit units ({@link Decidedness}). */
    protected abstract double[] nodeMargins(float[][] logits);

    /**
     * Adds the strategy's whole state to a checkpoint: every network parameter (BatchNorm running
     * statistics included), both architecture arrays, the SGD momentum buffers, the Adam moments and
     * step count.
     */
    @Override
    public void saveState(Checkpoint.Builder b) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            b.tensor("net/" + p.getKey(), p.getValue().getArray());
        }
        b.tensor("arch/normal", arch.normal());
        b.tensor("arch/reduce", arch.reduce());
        List<NDArray> buffers = sgd.buffers();
        for (int i = 0; i < buffers.size(); i++) {
            if (buffers.get(i) != null) {
                b.tensor("sgd/" + i, buffers.get(i));
            }
        }
        for (int i = 0; i < adam.firstMoments().size(); i++) {
            if (adam.firstMoments().get(i) != null) {
                b.tensor("adam/m/" + i, adam.firstMoments().get(i));
                b.tensor("adam/v/" + i, adam.secondMoments().get(i));
            }
        }
        b.meta("adamSteps", adam.steps());
        b.meta(ARCH_LR, archLr);
        b.meta(ARCH_LR_SQUARED_SUM, archLrSquaredSum);
        b.meta(PLANNED_EPOCHS, epochs);
    }

    @Override
    public void loadState(Checkpoint c) {
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<String, Parameter> p : net.getParameters()) {
                c.restoreInto(scratch, "net/" + p.getKey(), p.getValue().getArray());
            }
            c.restoreInto(scratch, "arch/normal", arch.normal());
            c.restoreInto(scratch, "arch/reduce", arch.reduce());
            for (int i = 0; i < sgd.buffers().size(); i++) {
                if (c.has("sgd/" + i)) {
                    NDArray buf = c.tensor(manager, "sgd/" + i);
                    sgd.buffers().set(i, buf);
                }
            }
            for (int i = 0; i < adam.firstMoments().size(); i++) {
                if (c.has("adam/m/" + i)) {
                    adam.firstMoments().set(i, c.tensor(manager, "adam/m/" + i));
                    adam.secondMoments().set(i, c.tensor(manager, "adam/v/" + i));
                }
            }
        }
        adam.setSteps(c.meta().get("adamSteps").getAsLong());
        // a checkpoint written before the sum was kept: every step at its last rate
        double lastLr = c.meta().has(ARCH_LR) ? c.meta().get(ARCH_LR).getAsDouble() : archLr;
        archLrSquaredSum = c.meta().has(ARCH_LR_SQUARED_SUM) ? c.meta().get(ARCH_LR_SQUARED_SUM).getAsDouble()
                : lastLr * lastLr * adam.steps();
    }
}
