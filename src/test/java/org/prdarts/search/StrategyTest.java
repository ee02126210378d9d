package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Json;
import org.prdarts.repro.Labeled;
import org.prdarts.repro.Rng;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.CellMixing;
import org.prdarts.supernet.SearchCell;
import org.prdarts.supernet.SearchNetwork;
import org.prdarts.supernet.SupernetConfig;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** One step of each strategy on a tiny supernet, and the validation of SearchConfig. */
class StrategyTest {
    private static final int BATCH = 4;
    /** Three cells (normal, reduction, reduction), one node each: 2 edges per cell. */
    private static final SupernetConfig NET = new SupernetConfig(1, 10, 4, 3, 1, Primitives.DARTS);

    /**
     * A SearchConfig equal to the method's defaults except for the given components, each named by
     * its path ("epochs", "prdarts.tau.start"), built through the records' constructors.
     */
    static SearchConfig config(String method, long seed, Object... overrides) {
        JsonObject tree = Json.toObject(SearchConfig.defaults(Method.parse("method", method), 3, BATCH, seed));
        for (int k = 0; k < overrides.length; k += 2) {
            String[] path = ((String) overrides[k]).split("\\.");
            JsonObject o = tree;
            for (int i = 0; i < path.length - 1; i++) {
                o = o.getAsJsonObject(path[i]);
            }
            assertTrue(o.has(path[path.length - 1]), "no component " + overrides[k]);
            o.add(path[path.length - 1], Json.pretty().toJsonTree(overrides[k + 1]));
        }
        try {
            return Json.pretty().fromJson(tree, SearchConfig.class);
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t.getCause() != null && !(t instanceof IllegalArgumentException)) {
                t = t.getCause();
            }
            throw t instanceof IllegalArgumentException iae ? iae : e;
        }
    }

    /** Deterministic images and labels: x ~ N(0,1) from a fixed stream, labels i mod 10. */
    private static NDArray[] batch(NDManager m, int key) {
        Rng rng = Rng.of(99, Rng.Stream.SYNTHETIC, key);
        float[] v = new float[BATCH * 64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        long[] y = new long[BATCH];
        for (int i = 0; i < BATCH; i++) {
            y[i] = (i * 3 + key) % 10;
        }
        return new NDArray[] {m.create(v, new Shape(BATCH, 1, 8, 8)), m.create(y)};
    }

    private static float[][] host(List<NDArray> arrays) {
        float[][] out = new float[arrays.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = arrays.get(i).toFloatArray();
        }
        return out;
    }

    private static SearchStrategy.StepStats step(BilevelStrategy s, NDManager manager, int step) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray[] t = batch(scratch, 2 * step);
            NDArray[] a = batch(scratch, 2 * step + 1);
            return s.step(scratch, t[0], t[1], a[0], a[1], 0, step);
        }
    }

    private static void assertFinite(float[] v, String what) {
        for (float f : v) {
            assertTrue(Float.isFinite(f), what + " holds " + f);
        }
    }

    private static boolean nonZero(NDArray gradient) {
        for (float f : gradient.toFloatArray()) {
            if (f != 0) {
                return true;
            }
        }
        return false;
    }

    private void oneStepMovesEverything(SearchConfig sc) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BilevelStrategy s = Search.create(sc, NET, manager, 8, 8);
            float[][] archBefore = host(s.architecture().asGroup().arrays());
            float[][] weightsBefore = host(s.weightGroup().arrays());
            SearchStrategy.StepStats stats = step(s, manager, 0);
            assertTrue(Double.isFinite(stats.trainLoss()) && Double.isFinite(stats.archLoss()));
            assertEquals(BATCH, stats.trainCount());
            float[][] archAfter = host(s.architecture().asGroup().arrays());
            for (int i = 0; i < 2; i++) {
                assertFinite(archAfter[i], "alpha " + i);
                assertFalse(java.util.Arrays.equals(archBefore[i], archAfter[i]),
                        sc.method() + ": architecture array " + i + " did not move");
            }
            // the architecture gradient must reach the logits through the mixing weights
            assertTrue(nonZero(s.architecture().normal().getGradient()), sc.method() + ": normal gradient is 0");
            assertTrue(nonZero(s.architecture().reduce().getGradient()), sc.method() + ": reduce gradient is 0");
            float[][] weightsAfter = host(s.weightGroup().arrays());
            List<String> names = s.weightGroup().names();
            int changed = 0;
            for (int i = 0; i < weightsAfter.length; i++) {
                assertFinite(weightsAfter[i], names.get(i));
                boolean moved = !java.util.Arrays.equals(weightsBefore[i], weightsAfter[i]);
                changed += moved ? 1 : 0;
                if (names.get(i).contains("stem_conv") || names.get(i).contains("classifier")) {
                    assertTrue(moved, sc.method() + ": " + names.get(i) + " did not move");
                }
            }
            assertTrue(changed > weightsAfter.length / 2, sc.method() + ": only " + changed + " of "
                    + weightsAfter.length + " weight arrays moved");
        }
    }

    @Test
    void dartsStepMovesArchitectureAndWeights() {
        oneStepMovesEverything(config("darts", 5));
    }

    @Test
    void prdartsStepMovesArchitectureAndWeights() {
        // without regularizers the only way to a non-zero beta gradient is the gated cross-entropy
        oneStepMovesEverything(config("prdarts", 5, "prdarts.regularizer.lambdaSkip", 0.0,
                "prdarts.regularizer.lambdaNonSkip", 0.0, "prdarts.regularizer.lambdaPath", 0.0));
        oneStepMovesEverything(config("prdarts", 5));
    }

    @Test
    void secondOrderDartsStepMovesAlpha() {
        oneStepMovesEverything(config("darts", 5, "darts.secondOrder", true));
    }

    private static long[][][] counters(SearchNetwork net) {
        List<SearchCell> cells = net.cells();
        long[][][] out = new long[cells.size()][net.edges()][];
        for (int i = 0; i < cells.size(); i++) {
            for (int e = 0; e < net.edges(); e++) {
                out[i][e] = cells.get(i).edge(e).invocations();
            }
        }
        return out;
    }

    @Test
    void derivedNetworkScoreComputesOnlyTheGenotypesOpsAndKeepsTheRunningStatistics() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String method : List.of("darts", "prdarts")) {
                BilevelStrategy s = Search.create(config(method, 5), NET, manager, 8, 8);
                s.newEpoch(0);
                // one node, two edges: a sep_conv on input 0 and a skip on input 1
                org.prdarts.space.Genotype g = org.prdarts.space.GenotypeFormat.parse(
                        "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1)], normal_concat=[2],"
                                + " reduce=[('max_pool_3x3', 0), ('dil_conv_5x5', 1)], reduce_concat=[2])");
                long[][] before = new long[3][];
                List<SearchCell> cells = s.network().cells();
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray[] b = batch(scratch, 1);
                    for (int c = 0; c < 3; c++) {
                        before[c] = cells.get(c).edge(0).invocations();
                    }
                    List<float[]> runningBefore = runningStatistics(s);
                    BilevelStrategy.BatchScore score = s.scoreDerived(scratch, g, b[0], b[1]);
                    List<float[]> runningAfter = runningStatistics(s);
                    assertFalse(runningBefore.isEmpty());
                    for (int i = 0; i < runningBefore.size(); i++) {
                        assertArrayEquals(runningBefore.get(i), runningAfter.get(i), "running statistic " + i);
                    }
                    assertEquals(BATCH, score.count());
                    assertTrue(score.correct() >= 0 && score.correct() <= BATCH);
                    assertTrue(Double.isFinite(score.lossSum()) && score.lossSum() > 0);
                }
                int sep = Primitives.DARTS.indexOf(Primitives.SEP_CONV_3X3);
                int pool = Primitives.DARTS.indexOf(Primitives.MAX_POOL_3X3);
                for (int c = 0; c < 3; c++) {
                    long[] after = cells.get(c).edge(0).invocations();
                    int expected = c == 0 ? sep : pool;
                    for (int t = 0; t < after.length; t++) {
                        assertEquals(before[c][t] + (t == expected ? 1 : 0), after[t], method + " cell " + c + " op " + t);
                    }
                }
            }
        }
    }

    private static List<float[]> runningStatistics(BilevelStrategy s) {
        List<float[]> values = new java.util.ArrayList<>();
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : s.network().getParameters()) {
            if (p.getKey().contains("running") && p.getValue().isInitialized()) {
                values.add(p.getValue().getArray().toFloatArray());
            }
        }
        return values;
    }

    @Test
    void hessianEstimateLeavesTheSearchAsItWas() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (String method : List.of("darts", "prdarts")) {
                BilevelStrategy s = Search.create(config(method, 5), NET, manager, 8, 8);
                s.newEpoch(0);
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray[] b = batch(scratch, 1);
                    s.step(scratch, b[0], b[1], b[0], b[1], 0, 0);
                    float[] normal = s.architecture().normal().toFloatArray();
                    List<float[]> params = new ArrayList<>();
                    s.network().getParameters().forEach(p -> params.add(p.getValue().getArray().toFloatArray()));
                    HessianIndicator.Estimate e = s.archHessianEigenvalue(b[0], b[1], 3, 1e-2);
                    assertTrue(Double.isFinite(e.eigenvalue()), method + " " + e);
                    assertTrue(e.iterations() >= 1 && e.iterations() <= 3);
                    assertArrayEquals(normal, s.architecture().normal().toFloatArray());
                    int k = 0;
                    for (var p : s.network().getParameters()) {
                        assertArrayEquals(params.get(k++), p.getValue().getArray().toFloatArray(), p.getKey());
                    }
                }
            }
        }
    }

    @Test
    void prdartsStrengthFiguresDoNotMoveWithTheTemperature() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // the same betas read at the first and the last epoch's temperature
            PrDartsStrategy s = (PrDartsStrategy) Search.create(config("prdarts", 5), NET, manager, 8, 8);
            s.newEpoch(0);
            SearchEpoch.PrDartsFacts first = s.epochFacts(java.util.Map.of());
            s.newEpoch(2);
            SearchEpoch.PrDartsFacts last = s.epochFacts(java.util.Map.of());
            assertTrue(first.tau() > last.tau(), first.tau() + " vs " + last.tau());
            assertEquals(first.meanBetaSkipNormal(), last.meanBetaSkipNormal());
            assertEquals(first.meanBetaNonSkipReduce(), last.meanBetaNonSkipReduce());
            assertEquals(first.pAtTau1SkipNormal(), last.pAtTau1SkipNormal());
            assertEquals(first.pAtTau1NonSkipReduce(), last.pAtTau1NonSkipReduce());
            assertArrayEquals(first.betaNormal()[0], last.betaNormal()[0]);
            // betas start near 0: P(g != 0) at tau = 1 is near sigmoid(ln 11) = 11/12
            assertEquals(11.0 / 12, first.pAtTau1SkipNormal(), 0.01);
            // the figure at the epoch's tau falls with the schedule alone
            assertTrue(last.meanPAtTauSkipNormal() < first.meanPAtTauSkipNormal() - 0.05);
        }
    }

    @Test
    void prdartsTopTwoExecutesTwoOpsPerEdgeInTheArchitecturePass() {
        int none = Primitives.DARTS.indexOf(Primitives.NONE);
        try (NDManager manager = NDManager.newBaseManager()) {
            PrDartsStrategy s = (PrDartsStrategy) Search.create(config("prdarts", 5), NET, manager, 8, 8);
            SearchNetwork net = s.network();
            for (int step = 0; step < 2; step++) {
                try (NDManager scratch = manager.newSubManager()) {
                    s.attachArchitecture(scratch);
                    // the gate noise is keyed by (epoch, step, pass): this is the sample the pass draws
                    CellMixing expected = s.mix(step, BilevelStrategy.ARCH_PASS, true);
                    long[][][] before = counters(net);
                    NDArray[] a = batch(scratch, step);
                    s.archStep(scratch, a[0], a[1], a[0], a[1], step);
                    long[][][] after = counters(net);
                    for (int i = 0; i < net.cells().size(); i++) {
                        boolean[][] mask = expected.of(net.cells().get(i).isReduction()).active();
                        for (int e = 0; e < net.edges(); e++) {
                            int selected = 0;
                            long executed = 0;
                            for (int t = 0; t < mask[e].length; t++) {
                                selected += mask[e][t] ? 1 : 0;
                                long d = after[i][e][t] - before[i][e][t];
                                executed += d;
                                assertEquals(mask[e][t] && t != none ? 1 : 0, d,
                                        "step " + step + " cell " + i + " edge " + e + " op " + t);
                            }
                            assertEquals(2, selected);
                            assertEquals(2 - (mask[e][none] ? 1 : 0), executed);
                        }
                    }
                }
            }
        }
    }

    @Test
    void dartsExecutesEveryOpButNone() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BilevelStrategy s = Search.create(config("darts", 5), NET, manager, 8, 8);
            long[][][] before = counters(s.network());
            step(s, manager, 0);
            long[][][] after = counters(s.network());
            for (int i = 0; i < before.length; i++) {
                for (int e = 0; e < before[i].length; e++) {
                    for (int t = 0; t < before[i][e].length; t++) {
                        // one weight pass and one architecture pass
                        long expected = Primitives.DARTS.get(t).equals(Primitives.NONE) ? 0 : 2;
                        assertEquals(expected, after[i][e][t] - before[i][e][t]);
                    }
                }
            }
        }
    }

    private static float[][] alphaAfterThreeSteps(String method, long seed) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BilevelStrategy s = Search.create(config(method, seed), NET, manager, 8, 8);
            for (int step = 0; step < 3; step++) {
                step(s, manager, step);
            }
            return host(s.architecture().asGroup().arrays());
        }
    }

    @Test
    void sameSeedSameArchitectureDifferentSeedDifferent() {
        float[][] a = alphaAfterThreeSteps("prdarts", 11);
        float[][] b = alphaAfterThreeSteps("prdarts", 11);
        float[][] c = alphaAfterThreeSteps("prdarts", 12);
        for (int i = 0; i < 2; i++) {
            // the engine's thread count is not pinned here: equal up to the rounding of split reductions
            assertArrayEquals(a[i], b[i], 1e-6f);
            assertFalse(java.util.Arrays.equals(a[i], c[i]));
        }
    }

    @Test
    void tauFallsLinearlyOverTheEpochs() {
        SearchConfig sc = config("prdarts", 1, "epochs", 5);
        // 1 - (1 - 0.1) * e / 4
        double[] expected = {1.0, 0.775, 0.55, 0.325, 0.1};
        for (int e = 0; e < 5; e++) {
            assertEquals(expected[e], sc.tau(e), 1e-12);
        }
        SearchConfig paper = config("prdarts", 1, "epochs", 3, "prdarts.tau.start", 10.0,
                "prdarts.tau.end", 0.1);
        assertEquals(10.0, paper.tau(0), 1e-12);
        assertEquals(5.05, paper.tau(1), 1e-12);
        assertEquals(0.1, paper.tau(2), 1e-12);
        assertEquals(1.0, config("prdarts", 1, "epochs", 1).tau(0), 1e-12);
    }

    private static String rejected(Object... overrides) {
        return assertThrows(IllegalArgumentException.class, () -> config("prdarts", 1, overrides)).getMessage();
    }

    @Test
    void validationMessagesNameTheFieldAndValue() {
        assertEquals("gate-a must be < 0, found 0.1", rejected("prdarts.gates.a", 0.1));
        assertEquals("gate-a must be < 0, found 0.0", rejected("prdarts.gates.a", 0.0));
        assertEquals("gate-b must be > 1, found 0.9", rejected("prdarts.gates.b", 0.9));
        assertEquals("tau-start must be > 0, found 0.0", rejected("prdarts.tau.start", 0.0));
        assertEquals("tau-end must be > 0, found -1.0", rejected("prdarts.tau.end", -1.0));
        assertEquals("tau-end must be <= tau-start (1.0), found 2.0", rejected("prdarts.tau.end", 2.0));
        assertEquals("lambda-skip must be >= 0, found -1.0", rejected("prdarts.regularizer.lambdaSkip", -1.0));
        assertEquals("lambda-nonskip must be >= 0, found -0.5", rejected("prdarts.regularizer.lambdaNonSkip", -0.5));
        assertEquals("lambda-path must be >= 0, found -2.0", rejected("prdarts.regularizer.lambdaPath", -2.0));
        assertEquals("prdarts.regularizer.form must be paper or reference-code, found 'foo'",
                rejected("prdarts.regularizer.form", "foo"));
        assertEquals("prdarts.gates.mode must be top2 or full, found 'foo'", rejected("prdarts.gates.mode", "foo"));
        assertEquals("gate-dropout must be in [0, 1), found 1.0", rejected("prdarts.gates.gateDropout", 1.0));
        assertEquals("prdarts.regularizer.pathFactor must be mean or sum, found 'max'",
                rejected("prdarts.regularizer.pathFactor", "max"));
        assertEquals("hinge must be >= 0 and finite, found -0.1", rejected("prdarts.regularizer.hingeThreshold", -0.1));
        assertEquals("epochs must be >= 1, found 0", rejected("epochs", 0));
        assertEquals("batch-size must be >= 1, found 0", rejected("batchSize", 0));
        assertEquals("method must be darts or prdarts, found 'enas'", rejected("method", "enas"));
        assertEquals("weight learning rate must be > 0, found 0.0", rejected("weights.lr", 0.0));
        assertEquals("arch-reach must be >= 0 and finite, found -1.0", rejected("arch.reach", -1.0));
        assertTrue(rejected("darts.secondOrder", true).startsWith("second-order gradients are a DARTS option"));
        assertEquals("gate-mode must be top2 or full, found 'foo'",
                assertThrows(IllegalArgumentException.class,
                        () -> Labeled.parse(GateConfig.Mode.class, "gate-mode", "foo")).getMessage());
        List<GateConfig.Mode> ok = new ArrayList<>();
        for (String mode : List.of("top2", "full", "TOP2")) {
            ok.add(config("prdarts", 1, "prdarts.gates.mode", mode).gates().mode());
        }
        assertEquals(List.of(GateConfig.Mode.TOP2, GateConfig.Mode.FULL, GateConfig.Mode.TOP2), ok);
    }

    @Test
    void everySettingHasOneDefaultAndWithersChangeOnlyTheirPart() {
        SearchConfig d = SearchConfig.defaults(Method.PRDARTS, 6, 64, 1);
        assertEquals(WeightOptimizerConfig.defaults(), d.weights());
        assertEquals(ArchOptimizerConfig.defaults(), d.arch());
        assertEquals(PrDartsConfig.defaults(), d.prdarts());
        SearchConfig full = d.withGateMode(GateConfig.Mode.FULL);
        assertEquals(GateConfig.Mode.FULL, full.gates().mode());
        assertEquals(d.withPrdarts(d.prdarts().withGates(d.gates().withMode(GateConfig.Mode.FULL))), full);
        assertEquals(d.weights(), full.weights());
        SearchConfig off = d.withLambdas(0, 0, 0);
        assertEquals(List.of(0.0, 0.0, 0.0), List.of(off.regularizer().lambdaSkip(), off.regularizer().lambdaNonSkip(),
                off.regularizer().lambdaPath()));
        assertEquals(d.gates(), off.gates());
        assertEquals(0.5, d.withWeights(d.weights().withLr(0.5)).weights().lr());
        assertEquals(d.weights().lrMin(), d.withWeights(d.weights().withLr(0.5)).weights().lrMin());
        assertEquals(0.0005, d.withWeights(d.weights().withLr(0.0005)).weights().lrMin(),
                "the final rate follows a lower initial one down");
    }

    @Test
    void bothMethodsShareOneWeightOptimizer() {
        WeightOptimizerConfig darts = SearchConfig.defaults(Method.DARTS, 6, 64, 1).weights();
        WeightOptimizerConfig pr = SearchConfig.defaults(Method.PRDARTS, 6, 64, 1).weights();
        assertEquals(List.of(0.9, 3e-4, false), List.of(darts.momentum(), darts.weightDecay(), darts.nesterov()));
        assertEquals(darts, pr);
    }

    /** The architecture gradient of step 0 when the two passes run in the given order. */
    private static float[] archGradient(SearchConfig sc, Boolean weightFirst) {
        try (NDManager manager = NDManager.newBaseManager()) {
            BilevelStrategy s = Search.create(sc, NET, manager, 8, 8);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray[] t = batch(scratch, 0);
                NDArray[] a = batch(scratch, 1);
                if (weightFirst == null) {
                    s.step(scratch, t[0], t[1], a[0], a[1], 0, 0);
                } else {
                    for (boolean weightPass : weightFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        try (NDManager pass = scratch.newSubManager()) {
                            s.attachArchitecture(pass);
                            if (weightPass) {
                                s.weightStep(pass, t[0], t[1], 0);
                            } else {
                                s.archStep(pass, t[0], t[1], a[0], a[1], 0);
                            }
                        }
                    }
                }
            }
            return s.architecture().normal().getGradient().toFloatArray();
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void prdartsStepsWeightsFirstAndDartsArchitectureFirst() {
        for (String method : List.of("prdarts", "darts")) {
            SearchConfig sc = config(method, 5);
            float[] step = archGradient(sc, null);
            float[] weightFirst = archGradient(sc, true);
            float[] archFirst = archGradient(sc, false);
            float[] same = method.equals("prdarts") ? weightFirst : archFirst;
            float[] other = method.equals("prdarts") ? archFirst : weightFirst;
            double scale = maxDifference(same, new float[same.length]);
            assertTrue(scale > 0, method + ": no architecture gradient");
            assertTrue(maxDifference(step, same) <= 1e-4 * scale, method + ": step differs from its order by "
                    + maxDifference(step, same));
            assertTrue(maxDifference(step, other) > 1e-2 * scale, method + ": the two orders agree, the test "
                    + "cannot tell them apart");
        }
    }

    @Test
    void referenceGenotypeKeepsTheTopTwoPairsOfThePerEdgeSoftmax() {
        int sep3 = Primitives.DARTS.indexOf(Primitives.SEP_CONV_3X3);
        int sep5 = Primitives.DARTS.indexOf(Primitives.SEP_CONV_5X5);
        try (NDManager manager = NDManager.newBaseManager()) {
            PrDartsStrategy s = (PrDartsStrategy) Search.create(config("prdarts", 5), NET, manager, 8, 8);
            // one node, edge 0 from input 0, edge 1 from input 1: softmax of edge 0 gives sep3 0.71 and
            // sep5 0.26, every op of edge 1 gets 0.125; the two best pairs both read input 0, where the
            // DARTS rule would take one pair per edge
            float[] logits = new float[2 * Primitives.DARTS.size()];
            logits[sep3] = 5;
            logits[sep5] = 4;
            s.architecture().normal().set(logits);
            assertEquals(List.of("sep_conv_3x3 0", "sep_conv_5x5 0"), s.referenceGenotype().normal().stream()
                    .map(p -> p.op() + " " + p.input()).toList());
        }
    }
}
