package org.prdarts.search.relax;

import org.prdarts.supernet.Mixing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Rng;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardConcreteRelaxationTest {
    private static final int EDGES = 14;
    private static final int OPS = 8;
    private static final double A = -0.1;
    private static final double B = 1.1;

    private static double[] gaussian(long seed, int n) {
        Rng rng = Rng.of(seed, Rng.Stream.INIT);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static float[] firstUniforms(Rng rng, int n) {
        float[] u = new float[n];
        for (int i = 0; i < n; i++) {
            u[i] = rng.nextFloat();
        }
        return u;
    }

    private static HardConcreteRelaxation relaxation(GateConfig.Mode mode, double dropout) {
        return new HardConcreteRelaxation(new GateConfig(A, B, mode, dropout));
    }

    @Test
    void defaultsAreTheReferenceCodeSettings() {
        GateConfig c = GateConfig.defaults();
        assertEquals(-0.1, c.a());
        assertEquals(1.1, c.b());
        assertEquals(GateConfig.Mode.TOP2, c.mode());
        assertEquals(0.4, c.gateDropout());
    }

    @Test
    void configValidationNamesFieldAndValue() {
        assertEquals("gate-a must be < 0, found 0.1", assertThrows(IllegalArgumentException.class,
                () -> new GateConfig(0.1, 1.1, GateConfig.Mode.TOP2, 0.4)).getMessage());
        assertEquals("gate-b must be > 1, found 0.9", assertThrows(IllegalArgumentException.class,
                () -> new GateConfig(-0.1, 0.9, GateConfig.Mode.TOP2, 0.4)).getMessage());
        assertEquals("gate-dropout must be in [0, 1), found 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new GateConfig(-0.1, 1.1, GateConfig.Mode.TOP2, 1.0)).getMessage());
        assertEquals("gate-dropout must be in [0, 1), found -0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> GateConfig.defaults().withGateDropout(-0.1)).getMessage());
        assertEquals("gate-mode must be one of TOP2, FULL, found null",
                assertThrows(IllegalArgumentException.class,
                        () -> GateConfig.defaults().withMode(null)).getMessage());
    }

    @Test
    void mixRejectsBadTemperatureAndShape() {
        try (NDManager m = NDManager.newBaseManager()) {
            HardConcreteRelaxation r = new HardConcreteRelaxation(GateConfig.defaults());
            NDArray logits = m.zeros(new Shape(EDGES, OPS));
            assertEquals("tau must be > 0 and finite, found 0.0",
                    assertThrows(IllegalArgumentException.class,
                            () -> r.mix(logits, 0, new Rng(1))).getMessage());
            assertEquals("logits must be [edges, ops], found shape (112)",
                    assertThrows(IllegalArgumentException.class,
                            () -> r.mix(logits.flatten(), 1, new Rng(1))).getMessage());
        }
    }

    @Test
    void top2WeightsAreExactlyTheMaskWithTwoOnesPerEdge() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(gaussian(3, EDGES * OPS), new Shape(EDGES, OPS)).toType(
                    DataType.FLOAT32, false);
            HardConcreteRelaxation r = new HardConcreteRelaxation(GateConfig.defaults());
            for (int step = 0; step < 5; step++) {
                Mixing mix = r.mix(logits, 1, Rng.of(5, Rng.Stream.GATES, step));
                assertEquals(DataType.FLOAT32, mix.weights().getDataType());
                float[][] w = Tables.toTable(mix.weights());
                for (int e = 0; e < EDGES; e++) {
                    int ones = 0;
                    for (int t = 0; t < OPS; t++) {
                        assertTrue(w[e][t] == 0f || w[e][t] == 1f, "weight " + w[e][t]);
                        assertEquals(w[e][t] == 1f, mix.active()[e][t]);
                        ones += w[e][t] == 1f ? 1 : 0;
                    }
                    assertEquals(2, ones, "edge " + e);
                }
            }
        }
    }

    @Test
    void top2GradientFlowsOnlyThroughSelectedGates() {
        double tau = 1;
        try (NDManager m = NDManager.newBaseManager()) {
            double[] betaValues = gaussian(4, EDGES * OPS);
            double[] c = gaussian(6, EDGES * OPS);
            NDArray beta = m.create(betaValues, new Shape(EDGES, OPS));
            beta.setRequiresGradient(true);
            NDArray weight = m.create(c, new Shape(EDGES, OPS));
            HardConcreteRelaxation r = relaxation(GateConfig.Mode.TOP2, 0.4);
            Mixing mix;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                mix = r.mix(beta, tau, Rng.of(9, Rng.Stream.GATES, 0));
                gc.backward(mix.weights().mul(weight).sum());
            }
            double[] grad = beta.getGradient().toDoubleArray();
            // The noise is the first EDGES * OPS uniforms of the same generator.
            float[] u = firstUniforms(Rng.of(9, Rng.Stream.GATES, 0), EDGES * OPS);
            int selectedWithGradient = 0;
            for (int e = 0; e < EDGES; e++) {
                for (int t = 0; t < OPS; t++) {
                    int i = e * OPS + t;
                    if (!mix.active()[e][t]) {
                        assertEquals(0.0, grad[i], 0.0, "unselected gate " + e + "," + t);
                        continue;
                    }
                    double g = HardConcrete.sample(betaValues[i], tau, A, B, u[i]);
                    double s = (g - A) / (B - A);
                    double expected = g > 0 && g < 1 ? c[i] * (B - A) * s * (1 - s) / tau : 0;
                    assertEquals(expected, grad[i], 1e-9, "selected gate " + e + "," + t);
                    selectedWithGradient += grad[i] != 0 ? 1 : 0;
                }
            }
            assertTrue(selectedWithGradient > EDGES, "few selected gates got a gradient: "
                    + selectedWithGradient);
        }
    }

    @Test
    void top2SelectionIsAFunctionOfTheRngKey() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(gaussian(8, EDGES * OPS), new Shape(EDGES, OPS));
            HardConcreteRelaxation r = new HardConcreteRelaxation(GateConfig.defaults());
            boolean[][] first = r.mix(logits, 1, Rng.of(1, Rng.Stream.GATES, 7)).active();
            boolean[][] again = r.mix(logits, 1, Rng.of(1, Rng.Stream.GATES, 7)).active();
            assertTrue(Arrays.deepEquals(first, again));
            int differing = 0;
            for (int key = 8; key < 13; key++) {
                boolean[][] other = r.mix(logits, 1, Rng.of(1, Rng.Stream.GATES, key)).active();
                differing += Arrays.deepEquals(first, other) ? 0 : 1;
            }
            assertEquals(5, differing);
        }
    }

    @Test
    void gateDropoutLetsWeakGatesThrough() {
        double[] values = new double[EDGES * OPS];
        for (int e = 0; e < EDGES; e++) {
            for (int t = 0; t < OPS; t++) {
                values[e * OPS + t] = t < 2 ? 10 : -10;
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(values, new Shape(EDGES, OPS));
            HardConcreteRelaxation noDropout = relaxation(GateConfig.Mode.TOP2, 0);
            HardConcreteRelaxation dropout = relaxation(GateConfig.Mode.TOP2, 0.4);
            int weakSelected = 0;
            for (int key = 0; key < 10; key++) {
                boolean[][] plain = noDropout.mix(logits, 1, Rng.of(2, Rng.Stream.GATES, key))
                        .active();
                for (boolean[] edge : plain) {
                    assertTrue(edge[0] && edge[1]);
                }
                boolean[][] dropped = dropout.mix(logits, 1, Rng.of(2, Rng.Stream.GATES, key))
                        .active();
                for (boolean[] edge : dropped) {
                    weakSelected += edge[0] && edge[1] ? 0 : 1;
                }
            }
            // An edge keeps ops 0 and 1 only if neither is dropped: 0.36 of the time.
            assertTrue(weakSelected > 50, "weak ops selected on " + weakSelected + " of 140 edges");
        }
    }

    @Test
    void tiesAreBrokenByOnePermutationOfTheOpAxis() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Every gate is exactly 0: the selection is decided by the permutation alone.
            NDArray logits = m.full(new Shape(EDGES, OPS), -40f);
            HardConcreteRelaxation r = relaxation(GateConfig.Mode.TOP2, 0);
            boolean sawOtherThanFirstTwo = false;
            for (int key = 0; key < 6; key++) {
                Mixing mix = r.mix(logits, 1, Rng.of(3, Rng.Stream.GATES, key));
                for (int e = 1; e < EDGES; e++) {
                    assertArrayEquals(mix.active()[0], mix.active()[e]);
                }
                sawOtherThanFirstTwo |= !(mix.active()[0][0] && mix.active()[0][1]);
                assertEquals(0f, mix.weights().sum().getFloat() - 2 * EDGES);
            }
            assertTrue(sawOtherThanFirstTwo);
        }
    }

    @Test
    void top2WithOneOpKeepsIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.zeros(new Shape(3, 1));
            Mixing mix = new HardConcreteRelaxation(GateConfig.defaults())
                    .mix(logits, 1, new Rng(4));
            for (boolean[] edge : mix.active()) {
                assertArrayEquals(new boolean[] {true}, edge);
            }
            assertArrayEquals(new float[] {1, 1, 1}, mix.weights().toFloatArray());
        }
    }

    @Test
    void fullWeightsAreTheSampledGatesAndZeroGatesAreInactive() {
        double tau = 0.3;
        try (NDManager m = NDManager.newBaseManager()) {
            double[] betaValues = gaussian(12, EDGES * OPS);
            double[] c = gaussian(13, EDGES * OPS);
            NDArray beta = m.create(betaValues, new Shape(EDGES, OPS));
            beta.setRequiresGradient(true);
            HardConcreteRelaxation r = relaxation(GateConfig.Mode.FULL, 0.4);
            Mixing mix;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                mix = r.mix(beta, tau, Rng.of(14, Rng.Stream.GATES, 2));
                gc.backward(mix.weights().mul(m.create(c, new Shape(EDGES, OPS))).sum());
            }
            double[] w = mix.weights().toDoubleArray();
            double[] grad = beta.getGradient().toDoubleArray();
            float[] u = firstUniforms(Rng.of(14, Rng.Stream.GATES, 2), EDGES * OPS);
            int zeros = 0;
            int inactive = 0;
            for (int e = 0; e < EDGES; e++) {
                for (int t = 0; t < OPS; t++) {
                    int i = e * OPS + t;
                    double g = HardConcrete.sample(betaValues[i], tau, A, B, u[i]);
                    assertEquals(g, w[i], 1e-12);
                    assertEquals(w[i] != 0, mix.active()[e][t]);
                    double s = (g - A) / (B - A);
                    double expected = g > 0 && g < 1 ? c[i] * (B - A) * s * (1 - s) / tau : 0;
                    assertEquals(expected, grad[i], 1e-9);
                    zeros += g == 0 ? 1 : 0;
                    inactive += mix.active()[e][t] ? 0 : 1;
                }
            }
            assertTrue(zeros > 0, "expected some gates at exactly 0");
            assertEquals(zeros, inactive);
        }
    }

    @Test
    void scoresAreProbabilitiesOfNonZeroGates() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new float[] {0f, -1f, 2f, 0.5f}, new Shape(2, 2));
            HardConcreteRelaxation r = new HardConcreteRelaxation(GateConfig.defaults());
            float[][] s = r.scores(logits, 1);
            assertEquals(11f / 12, s[0][0], 1e-6);
            assertEquals((float) HardConcrete.probNonZero(-1, 1, A, B), s[0][1], 1e-6);
            assertEquals((float) HardConcrete.probNonZero(2, 1, A, B), s[1][0], 1e-6);
            assertEquals((float) HardConcrete.probNonZero(0.5, 1, A, B), s[1][1], 1e-6);
            assertNotEquals(s[1][0], s[1][1]);
            assertFalse(Float.isNaN(s[0][1]));
        }
    }
}
