package org.prdarts.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.Regularizer;
import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.search.reg.RegularizerInput;
import org.prdarts.search.reg.RegularizerSet;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.ArchitectureParameters;

/**
 * The default PR-DARTS regularizer at initialisation: every term lies in [0, 1], and the path term,
 * at its measured weight (0.1, docs/method.md section 15), pulls a logit at most a tenth as hard as
 * the path term the paper prints (a sum, at the paper's 0.005), which swamps every other term.
 */
class RegularizerBalanceTest {
    /** How much harder the printed sum pulls than the default path term, at least. */
    private static final double SUM_OVER_DEFAULT = 10;

    /** Per-term values and per-logit gradient magnitudes of the weighted terms at initialisation. */
    private record Balance(Map<String, Double> values, double largest, double smallestNonZero) {
        double ratio() {
            return largest / smallestNonZero;
        }
    }

    private static Balance atInitialisation(SearchConfig sc, RegularizerConfig rc, long seed) {
        CellTopology topology = new CellTopology(4);
        try (NDManager m = NDManager.newBaseManager()) {
            ArchitectureParameters arch = ArchitectureParameters.initialize(m, topology.edges(),
                    Primitives.DARTS.size(), sc.arch().initScale(), seed);
            RegularizerSet set = new RegularizerSet(rc);
            assertEquals(List.of("skip", "nonskip", "path"),
                    set.terms().stream().map(Regularizer::name).toList());
            Map<String, Double> coefficients = set.coefficients();
            Map<String, Double> values = new java.util.LinkedHashMap<>();
            double largest = 0;
            double smallest = Double.POSITIVE_INFINITY;
            for (Regularizer term : set.terms()) {
                List<NDArray> logits = new ArrayList<>();
                for (NDArray a : List.of(arch.normal(), arch.reduce())) {
                    NDArray c = a.duplicate();
                    c.setRequiresGradient(true);
                    logits.add(c);
                }
                RegularizerInput in = RegularizerInput.of(logits.get(0), logits.get(1), sc.tau(0),
                        sc.gates().a(), sc.gates().b(), Primitives.DARTS, topology);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray v = term.value(in);
                    values.put(term.name(), (double) v.getFloat());
                    gc.backward(v.mul(coefficients.get(term.name()).floatValue()));
                }
                for (NDArray l : logits) {
                    for (float g : l.getGradient().toFloatArray()) {
                        double a = Math.abs(g);
                        largest = Math.max(largest, a);
                        if (a > 0) {
                            smallest = Math.min(smallest, a);
                        }
                    }
                }
            }
            return new Balance(values, largest, smallest);
        }
    }

    private static RegularizerConfig printedSum(RegularizerConfig d) {
        return new RegularizerConfig(d.lambdaSkip(), d.lambdaNonSkip(), RegularizerConfig.PAPER_LAMBDA_PATH,
                d.form(), d.hingeThreshold(), PathRegularizer.Factor.SUM);
    }

    @Test
    void defaultTermsLieInTheUnitIntervalAndPullFarLessThanThePrintedSum() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 6, 64, 1);
        for (long seed = 1; seed <= 3; seed++) {
            Balance b = atInitialisation(sc, sc.regularizer(), seed);
            for (Map.Entry<String, Double> v : b.values().entrySet()) {
                assertTrue(v.getValue() >= 0 && v.getValue() <= 1,
                        v.getKey() + " term at initialisation is " + v.getValue() + ", outside [0, 1]");
            }
            Balance sum = atInitialisation(sc, printedSum(sc.regularizer()), seed);
            assertTrue(sum.largest() >= SUM_OVER_DEFAULT * b.largest(), "the default's largest per-logit pull "
                    + b.largest() + " against the printed sum's " + sum.largest());
        }
    }

    @Test
    void thePrintedSumOutweighsTheOtherTerms() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 6, 64, 1);
        Balance b = atInitialisation(sc, printedSum(sc.regularizer()), 1);
        // four factors of about 4 * 0.917
        assertEquals(Math.pow(4 * 0.9167, 4), b.values().get("path"), 5);
        assertTrue(b.ratio() > 1000, "ratio " + b.ratio());
    }
}
