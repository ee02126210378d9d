package org.prdarts.search;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HessianIndicatorTest {
    /** A = [[2, 1, 0], [1, 2, 0], [0, 0, 1]]: eigenvalues 3, 1, 1. */
    private static final double[][] A = {{2, 1, 0}, {1, 2, 0}, {0, 0, 1}};

    /** The gradient of the quadratic 1/2 x'Ax + b'x: Ax + b. */
    private static final UnaryOperator<double[]> GRADIENT = x -> {
        double[] g = {1, -2, 0.5};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                g[i] += A[i][j] * x[j];
            }
        }
        return g;
    };

    @Test
    void finiteDifferenceProductIsExactOnAQuadratic() {
        double[] a = {0.5, -1, 2};
        assertArrayEquals(new double[] {2, 1, 0}, HessianIndicator.hessianVectorProduct(GRADIENT, a,
                new double[] {1, 0, 0}, 0.01), 1e-9);
        assertArrayEquals(new double[] {3, 3, 1}, HessianIndicator.hessianVectorProduct(GRADIENT, a,
                new double[] {1, 1, 1}, 0.01), 1e-9);
    }

    @Test
    void lanczosFindsTheLargestEigenvalue() {
        double[] a = {0.5, -1, 2};
        HessianIndicator.Estimate e = HessianIndicator.largestEigenvalue(
                v -> HessianIndicator.hessianVectorProduct(GRADIENT, a, v, 0.01), 3, 20, 1e-10, new Random(1));
        assertEquals(3.0, e.eigenvalue(), 1e-6);
        // eigenvalues 3 and 1 only: the Krylov space stops growing after two products
        assertTrue(e.iterations() <= 3, "iterations " + e.iterations());
    }

    @Test
    void theLargestEigenvalueIsTheMostPositiveNotTheLargestInMagnitude() {
        // diag(-4, 1, 2): power iteration would answer -4; Zela et al.'s indicator is max(eigvals) = 2
        assertEquals(2.0, HessianIndicator.largestEigenvalue(v -> new double[] {-4 * v[0], v[1], 2 * v[2]}, 3, 20,
                1e-10, new Random(2)).eigenvalue(), 1e-9);
        // +3 and -3 of the same size, where power iteration never settles on either
        assertEquals(3.0, HessianIndicator.largestEigenvalue(v -> new double[] {3 * v[0], -3 * v[1], 0.5 * v[2]}, 3,
                20, 1e-10, new Random(3)).eigenvalue(), 1e-9);
    }

    @Test
    void lanczosConvergesOnALargerSpectrumInFewProducts() {
        // 200 eigenvalues spread over [-5, 2]: the largest, 2, within 1e-3 in at most 40 products
        int n = 200;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -5 + 7.0 * i / (n - 1);
        }
        Random rng = new Random(4);
        // a random rotation would hide nothing from Lanczos; a diagonal operator keeps the test exact
        HessianIndicator.Estimate e = HessianIndicator.largestEigenvalue(v -> {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = d[i] * v[i];
            }
            return w;
        }, n, 40, 1e-6, rng);
        assertEquals(2.0, e.eigenvalue(), 1e-3 * 7);
        assertTrue(e.eigenvalue() <= 2.0 + 1e-9, "a Ritz value never exceeds the largest eigenvalue");
    }

    @Test
    void theTridiagonalsLargestEigenvalueByBisection() {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3
        assertEquals(3.0, HessianIndicator.largestOfTridiagonal(new double[] {2, 2}, new double[] {1, 0}, 2), 1e-12);
        assertEquals(-7.0, HessianIndicator.largestOfTridiagonal(new double[] {-7}, new double[] {0}, 1), 1e-12);
    }

    @Test
    void earlyStopFiresWhenTheLocalAverageGrows() {
        // window 2: averages of (1, 1) then (1.5, 1.5): 1 / 1.5 < 0.75 at index 3, keep index 1
        assertEquals(1, HessianIndicator.earlyStop(new double[] {1, 1, 1.5, 1.5}, 2, 0.75));
        // growth by 1.2 only: 1 / 1.2 > 0.75, no stop
        assertEquals(-1, HessianIndicator.earlyStop(new double[] {1, 1, 1.2, 1.2, 1.2}, 2, 0.75));
        // too few measurements for two windows
        assertEquals(-1, HessianIndicator.earlyStop(new double[] {1, 9, 9}, 2, 0.75));
    }

    @Test
    void earlyStopNeedsMeasurements() {
        assertEquals("hessian-early-stop needs hessian-every >= 1, found 0", org.junit.jupiter.api.Assertions
                .assertThrows(IllegalArgumentException.class, () -> new InstrumentConfig(0, 20, true, false)).getMessage());
        InstrumentConfig every2 = new InstrumentConfig(2, 20, true, false);
        // measured after the 2nd, 4th, ... epoch (0-based 1, 3, ...)
        assertEquals(false, every2.hessianAt(0));
        assertEquals(true, every2.hessianAt(1));
        assertEquals(false, InstrumentConfig.defaults().hessianAt(0));
    }
}
