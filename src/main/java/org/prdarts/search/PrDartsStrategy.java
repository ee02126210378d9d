package org.prdarts.search;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDArray;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.search.derive.PrDartsDerivation;
import org.prdarts.search.reg.RegularizerInput;
import org.prdarts.search.reg.RegularizerSet;
import org.prdarts.search.relax.HardConcreteRelaxation;
import org.prdarts.search.relax.HardConcrete;
import org.prdarts.search.relax.Relaxation;
import org.prdarts.search.relax.Tables;
import org.prdarts.space.CellStats;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.Mixing;
import org.prdarts.supernet.SupernetConfig;

import java.util.List;
import java.util.Map;

/**
 * PR-DARTS (Zhou, Xiong, Socher, Hoi, NeurIPS 2020): independent hard-concrete gates per (edge, op)
 * instead of a softmax, a group-structured sparsity penalty (skip and non-skip groups apart) and a
 * path-depth reward on the architecture loss, first-order alternating updates with a fresh gate
 * sample in each pass, temperature falling linearly per epoch.
 *
 * <p>Defaults: top-2 straight-through gates with gate dropout (reference code), paper-form
 * regularizers with the path factor a mean over the parametric operations (the paper prints a
 * sum), one weight step then one beta step (reference code), derivation by P(g != 0) (paper); the
 * reference code's ranking (top-2 pairs over the per-edge softmax of beta) is derived and logged
 * beside it. The weight optimizer is the one DARTS uses (the reference code's Nesterov and weight
 * decay 5e-4 are options).
 */
public final class PrDartsStrategy extends BilevelStrategy {
    private final HardConcreteRelaxation relaxation;
    private final RegularizerSet regularizers;
    private final CellTopology topology;

    public PrDartsStrategy(SearchConfig config, double archLr, SupernetConfig netConfig, NDManager manager,
                           int height, int width) {
        super(config, archLr, netConfig, manager, height, width);
        this.relaxation = new HardConcreteRelaxation(config.gates());
        this.regularizers = new RegularizerSet(config.regularizer());
        this.topology = new CellTopology(netConfig.nodes());
    }

    @Override
    public Method method() {
        return Method.PRDARTS;
    }

    @Override
    protected Relaxation relaxation() {
        // the super constructor initialises the network with uniform weights, before this is set
        return relaxation;
    }

    /** The reference code's order (and docs/method.md's): the weights move first, then beta on the new weights. */
    @Override
    protected boolean weightStepFirst() {
        return true;
    }

    @Override
    protected Penalty archPenalty(NDManager scratch, Mixing normal, Mixing reduce) {
        RegularizerInput in = new RegularizerInput(arch.normal(), arch.reduce(), tau, config.gates().a(),
                config.gates().b(), netConfig.ops(), topology, normal.active(), reduce.active());
        RegularizerSet.Evaluation e = regularizers.evaluate(in);
        return new Penalty(e.total(), e.hostValues());
    }

    @Override
    protected List<String> penaltyTerms() {
        return regularizers.terms().stream().map(org.prdarts.search.reg.Regularizer::name).toList();
    }

    @Override
    protected NDArray penaltyTerm(NDManager scratch, Mixing normal, Mixing reduce, String term) {
        RegularizerInput in = new RegularizerInput(arch.normal(), arch.reduce(), tau, config.gates().a(),
                config.gates().b(), netConfig.ops(), topology, normal.active(), reduce.active());
        // the weighted term: the gradient the step follows
        return regularizers.weighted(in, term);
    }

    /** P(g != 0) is monotone in beta, so the PR-DARTS rule's margins are beta differences. */
    @Override
    protected double[] nodeMargins(float[][] logits) {
        return Decidedness.pairMargins(logits, netConfig.ops(), netConfig.nodes());
    }

    @Override
    public Genotype genotype() {
        float[][][] p = scoreTables();
        return PrDartsDerivation.derive(p[0], p[1], netConfig.ops(), netConfig.nodes());
    }

    /**
     * The reference code's derivation ({@code genotype()} there): the per-edge softmax of beta
     * scores every (input, op) pair, {@code none} excluded, and each node keeps its top 2 pairs,
     * which may share an input, as in the PR-DARTS rule.
     */
    public Genotype referenceGenotype() {
        float[][][] s = softmaxTables();
        return PrDartsDerivation.derive(s[0], s[1], netConfig.ops(), netConfig.nodes());
    }

    private float[][][] softmaxTables() {
        try (NDManager scratch = manager.newSubManager()) {
            attachArchitecture(scratch);
            return new float[][][] {
                Tables.toTable(arch.normal().softmax(1)),
                Tables.toTable(arch.reduce().softmax(1))};
        }
    }

    @Override
    public SearchEpoch.PrDartsFacts epochFacts(Map<String, Double> regularizers) {
        float[][][] p = scoreTables();
        float[][][] beta = betaTables();
        float[][][] p1 = {atTau(beta[0], 1), atTau(beta[1], 1)};
        Genotype g = PrDartsDerivation.derive(p[0], p[1], netConfig.ops(), netConfig.nodes());
        Genotype ref = referenceGenotype();
        return new SearchEpoch.PrDartsFacts(tau, GenotypeFormat.format(g), CellStats.skipCount(g.normal()),
                CellStats.skipCount(g.reduce()), CellStats.nodeDepth(g.normal()), CellStats.parametricDepth(g.normal()),
                CellStats.parametricDepth(g.reduce()), GenotypeFormat.format(ref), CellStats.skipCount(ref.normal()),
                CellStats.nodeDepth(ref.normal()), CellStats.parametricDepth(ref.normal()), termsOnly(regularizers),
                groupMean(beta[0], true), groupMean(beta[0], false), groupMean(beta[1], true), groupMean(beta[1], false),
                groupMean(p1[0], true), groupMean(p1[0], false), groupMean(p1[1], true), groupMean(p1[1], false),
                groupMean(p[0], true), groupMean(p[0], false), groupMean(p[1], true), groupMean(p[1], false),
                beta[0], beta[1], p[0], p[1], shares(regularizers));
    }

    /** The penalty terms' mean values among an epoch's mean step statistics, the gradient shares left out. */
    private static Map<String, Double> termsOnly(Map<String, Double> stepMeans) {
        Map<String, Double> out = new java.util.LinkedHashMap<>(stepMeans);
        out.keySet().removeIf(k -> k.startsWith(GRADIENT_SHARE));
        return out;
    }

    /** The gradient shares among an epoch's mean step statistics, under their term names. */
    private static Map<String, Double> shares(Map<String, Double> stepMeans) {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        stepMeans.forEach((k, v) -> {
            if (k.startsWith(GRADIENT_SHARE)) {
                out.put(k.substring(GRADIENT_SHARE.length()), v);
            }
        });
        return out;
    }

    /** Host copies [edges][ops] of both cells' gate logits beta. */
    private float[][][] betaTables() {
        try (NDManager scratch = manager.newSubManager()) {
            attachArchitecture(scratch);
            return new float[][][] {Tables.toTable(arch.normal()), Tables.toTable(arch.reduce())};
        }
    }

    /** P(g != 0) of every gate at a given temperature, from its beta. */
    private float[][] atTau(float[][] beta, double t) {
        float[][] out = new float[beta.length][];
        for (int e = 0; e < beta.length; e++) {
            out[e] = new float[beta[e].length];
            for (int o = 0; o < beta[e].length; o++) {
                out[e][o] = (float) HardConcrete.probNonZero(beta[e][o], t, config.gates().a(), config.gates().b());
            }
        }
        return out;
    }

    /** Mean of a table's entries over the skip op, or over every other op, of all edges. */
    private double groupMean(float[][] table, boolean skip) {
        int skipIndex = netConfig.ops().indexOf(Primitives.SKIP_CONNECT);
        double sum = 0;
        int n = 0;
        for (float[] row : table) {
            for (int t = 0; t < row.length; t++) {
                if ((t == skipIndex) == skip) {
                    sum += row[t];
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
