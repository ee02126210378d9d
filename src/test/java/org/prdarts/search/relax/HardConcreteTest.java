package org.prdarts.search.relax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Rng;

class HardConcreteTest {
    private static final double A = -0.1;
    private static final double B = 1.1;
    private static final int SAMPLES = 200_000;

    @Test
    void closedFormsAtBetaZeroAreElevenTwelfthsAndOneTwelfth() {
        // -a/b = 1/11 and (1-a)/(b-1) = 11, so at beta = 0, tau = 1 the logits are +-ln 11.
        assertEquals(11.0 / 12, HardConcrete.probNonZero(0, 1, A, B), 1e-15);
        assertEquals(1.0 / 12, HardConcrete.probOne(0, 1, A, B), 1e-15);
        // The method's rounded constant 2.3979 = ln 11.
        assertEquals(1 / (1 + Math.exp(-(0.5 + 2.3979 * 10))),
                HardConcrete.probNonZero(0.5, 10, A, B), 1e-9);
        assertEquals(1 / (1 + Math.exp(-(0.5 - 2.3979 * 0.1))),
                HardConcrete.probOne(0.5, 0.1, A, B), 1e-5);
    }

    @Test
    void arrayClosedFormsMatchHostOnes() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] betas = {-2, -0.5, 0, 1.5, 3};
            NDArray beta = m.create(betas);
            double[] nonZero = HardConcrete.probNonZero(beta, 0.7, A, B).toDoubleArray();
            double[] one = HardConcrete.probOne(beta, 0.7, A, B).toDoubleArray();
            for (int i = 0; i < betas.length; i++) {
                assertEquals(HardConcrete.probNonZero(betas[i], 0.7, A, B), nonZero[i], 1e-12);
                assertEquals(HardConcrete.probOne(betas[i], 0.7, A, B), one[i], 1e-12);
            }
        }
    }

    @Test
    void arraySampleMatchesHostSampleIncludingClampedNoise() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] u = {0f, 1e-9f, 0.05f, 0.3f, 0.5f, 0.9f, 0.999f, 1f};
            double beta = 0.4;
            NDArray betas = m.full(new Shape(u.length), (float) beta);
            float[] g = HardConcrete.sample(betas, 0.5, A, B, u).toFloatArray();
            for (int i = 0; i < u.length; i++) {
                assertTrue(Float.isFinite(g[i]));
                assertEquals(HardConcrete.sample(beta, 0.5, A, B, u[i]), g[i], 1e-6);
            }
            // u = 0 and u = 1 are clamped into the open interval, landing on the point masses.
            assertEquals(0f, g[0]);
            assertEquals(1f, g[7]);
        }
    }

    @Test
    void monteCarloPointMassesMatchClosedForms() {
        double[] taus = {10, 1, 0.1};
        double[] betas = {-2, 0, 1.5};
        boolean sawZero = false;
        boolean sawOne = false;
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < taus.length; i++) {
                for (int j = 0; j < betas.length; j++) {
                    double tau = taus[i];
                    double beta = betas[j];
                    Rng rng = Rng.of(11, Rng.Stream.THEORY, i, j);
                    float[] u = new float[SAMPLES];
                    for (int k = 0; k < SAMPLES; k++) {
                        u[k] = rng.nextFloat();
                    }
                    float[] g;
                    try (NDManager sub = m.newSubManager()) {
                        NDArray b = sub.full(new Shape(SAMPLES), (float) beta);
                        g = HardConcrete.sample(b, tau, A, B, u).toFloatArray();
                    }
                    int zeros = 0;
                    int ones = 0;
                    for (float v : g) {
                        assertTrue(v >= 0f && v <= 1f, "gate outside [0, 1]: " + v);
                        if (v == 0f) {
                            zeros++;
                        } else if (v == 1f) {
                            ones++;
                        }
                    }
                    String where = "tau=" + tau + " beta=" + beta;
                    double pNonZero = HardConcrete.probNonZero(beta, tau, A, B);
                    double pOne = HardConcrete.probOne(beta, tau, A, B);
                    assertWithinFourSe(pNonZero, 1 - (double) zeros / SAMPLES, where + " P(g!=0)");
                    assertWithinFourSe(pOne, (double) ones / SAMPLES, where + " P(g==1)");
                    if ((1 - pNonZero) * SAMPLES > 30) {
                        assertTrue(zeros > 0, where + ": expected a point mass at 0");
                    }
                    if (pOne * SAMPLES > 30) {
                        assertTrue(ones > 0, where + ": expected a point mass at 1");
                    }
                    sawZero |= zeros > 0;
                    sawOne |= ones > 0;
                }
            }
        }
        assertTrue(sawZero && sawOne);
    }

    private static void assertWithinFourSe(double p, double empirical, String what) {
        double se = Math.sqrt(p * (1 - p) / SAMPLES);
        // 1 / SAMPLES covers the closed form being a hair away from 0 or 1 with a zero count.
        assertEquals(p, empirical, 4 * se + 1.0 / SAMPLES, what);
    }

    @Test
    void sampleKeepsDoublePrecision() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray beta = m.create(new double[] {0.25, -0.75});
            NDArray g = HardConcrete.sample(beta, 2, A, B, new float[] {0.4f, 0.6f});
            assertEquals(DataType.FLOAT64, g.getDataType());
            double[] v = g.toDoubleArray();
            assertEquals(HardConcrete.sample(0.25, 2, A, B, 0.4f), v[0], 1e-12);
            assertEquals(HardConcrete.sample(-0.75, 2, A, B, 0.6f), v[1], 1e-12);
        }
    }

    @Test
    void rejectsBadParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray beta = m.zeros(new Shape(3));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HardConcrete.sample(beta, 1, A, B, new float[2]));
            assertEquals("noise length must equal the number of gates 3, found 2", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> HardConcrete.probNonZero(beta, 0, A, B));
            assertEquals("tau must be > 0 and finite, found 0.0", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> HardConcrete.probOne(0, 1, 0.1, B));
            assertEquals("gate-a must be < 0, found 0.1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> HardConcrete.probOne(0, 1, A, 0.9));
            assertEquals("gate-b must be > 1, found 0.9", e.getMessage());
        }
    }
}
