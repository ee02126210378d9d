package org.prdarts.search;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void powerIterationFindsTheDominantEigenvalue() {
        double[] a = {0.5, -1, 2};
        HessianIndicator.Estimate e = HessianIndicator.dominantEigenvalue(
                v -> HessianIndicator.hessianVectorProduct(GRADIENT, a, v, 0.01), 3, 200, 1e-10, new Random(1));
        // the second eigenvalue is 1/3 of the first: the error falls by 9x per iteration
        assertEquals(3.0, e.eigenvalue(), 1e-6);
        // a negative dominant eigenvalue keeps its sign
        HessianIndicator.Estimate neg = HessianIndicator.dominantEigenvalue(
                v -> new double[] {-4 * v[0], v[1]}, 2, 200, 1e-10, new Random(2));
        assertEquals(-4.0, neg.eigenvalue(), 1e-6);
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
