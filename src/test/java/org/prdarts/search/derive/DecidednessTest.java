package org.prdarts.search.derive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prdarts.space.ops.Primitives;

/** Margins, entropies and the noise scale on hand-written tables. Op columns: none, max, avg, skip, sep3, sep5, dil3, dil5. */
class DecidednessTest {
    private static final List<String> OPS = Primitives.DARTS;

    private static float[][] zeros(int edges) {
        return new float[edges][OPS.size()];
    }

    @Test
    void pairMarginIsWeakestKeptMinusStrongestDroppedPair() {
        // one node: edge 0 from input 0, edge 1 from input 1
        float[][] t = zeros(2);
        t[0][4] = 5;
        t[0][5] = 4;
        t[1][6] = 1.5f;
        t[1][0] = 9; // none never counts
        assertArrayEquals(new double[] {4 - 1.5}, Decidedness.pairMargins(t, OPS, 1), 1e-6);
        // a tie between the second and third pair: margin 0
        t[1][6] = 4;
        assertArrayEquals(new double[] {0}, Decidedness.pairMargins(t, OPS, 1), 1e-6);
    }

    @Test
    void edgeMarginIsTheSmallerOfTheEdgeGapAndTheOpGaps() {
        // two nodes: node 0 edges 0, 1 (both kept: only op gaps count); node 1 edges 2, 3, 4
        float[][] t = new float[5][OPS.size()];
        for (float[] row : t) {
            java.util.Arrays.fill(row, -5);
        }
        t[0][4] = -1;
        t[0][5] = -1.5f; // op gap 0.5 on edge 0
        t[1][6] = -0.5f; // op gap 4.5 on edge 1
        t[2][4] = -1;    // node 1: edge strengths -1, -2, -2.25
        t[3][3] = -2;
        t[4][7] = -2.25f;
        t[4][0] = 3;     // none never counts
        double[] m = Decidedness.edgeMargins(t, OPS, 2);
        assertEquals(0.5, m[0], 1e-6);
        assertEquals(0.25, m[1], 1e-6);
        // with a wide edge gap (edge 4 at -5: gap 3) the op gap 2 of the weaker kept edge decides
        t[4][7] = -9;
        t[3][2] = -4;
        assertEquals(2, Decidedness.edgeMargins(t, OPS, 2)[1], 1e-6);
    }

    @Test
    void entropyIsOneForEqualWeightsAndZeroForOneOp() {
        float[][] t = {{1, 1, 1, 1}, {0, 0, 2, 0}, {0.5f, 0.5f, 0, 0}};
        assertArrayEquals(new double[] {1, 0, 0.5}, Decidedness.entropies(t), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Decidedness.entropies(new float[][] {{-1, 1}}));
    }

    @Test
    void noiseIsTheSpreadOfALogitDifferenceUnderARandomWalk() {
        assertEquals(Math.sqrt(2), Decidedness.noise(0, 0.1, 100), 1e-12);
        assertEquals(Math.sqrt(2) * 1e-3, Decidedness.noise(1e-3, 0.1, 0), 1e-15);
        assertEquals(Math.sqrt(2 * (0.25 + 0.01 * 16)), Decidedness.noise(0.5, 0.1, 16), 1e-12);
        // 16 steps at 0.1 then 4 at 0.2: the rates' squares add up
        assertEquals(Math.sqrt(2 * (0.25 + 0.01 * 16 + 0.04 * 4)), Decidedness.noise(0.5, 0.01 * 16 + 0.04 * 4),
                1e-12);
        assertEquals(3.5, Decidedness.spread(new float[][] {{1, -2}, {1.5f, 0}}), 1e-6);
    }

    @Test
    void aCellIsDecidedWhenEveryMarginIsTwoNoiseUnits() {
        Decidedness.Cell decided = new Decidedness.Cell(new double[] {2.0, 3}, new double[] {0.5}, 4, 1);
        assertEquals(2, decided.decidedNodes());
        assertTrue(decided.decided());
        assertTrue(decided.describe("normal").contains("decided beyond noise at every node"));
        Decidedness.Cell not = new Decidedness.Cell(new double[] {1.9, 3}, new double[] {0.5}, 4, 1);
        assertEquals(1, not.decidedNodes());
        assertFalse(not.decided());
        assertTrue(not.describe("normal").contains("NOT decided beyond noise: 1 of 2 nodes"), not.describe("normal"));
    }

    @Test
    void theCalibratedNullCountsNodesAndExtrapolatesTheStepsNeeded() {
        double noise = 1;
        double t = Decidedness.NULL_Q95_NOISE_UNITS * noise;
        Decidedness.Cell c = new Decidedness.Cell(new double[] {t / 2, 2 * t, t / 4, t}, new double[] {0.5}, 4, noise);
        // strictly above the threshold: 2t only
        assertEquals(1, c.decidedBeyondNull());
        // the second largest margin is t: (t / t)^2 = 1; for 3 nodes, t / 2: 4 times the steps
        assertEquals(1.0, c.stepsFactorFor(2), 1e-12);
        assertEquals(4.0, c.stepsFactorFor(3), 1e-12);
        assertTrue(c.describe("normal").contains("beyond the shuffled-label null"), c.describe("normal"));
        assertTrue(c.describe("normal").contains("2 would be after about 1.0 times these architecture steps"),
                c.describe("normal"));
    }

    @Test
    void tablesOfTheWrongShapeAreRefused() {
        assertEquals("table must have 5 edges for 2 nodes, found 2",
                assertThrows(IllegalArgumentException.class, () -> Decidedness.pairMargins(zeros(2), OPS, 2))
                        .getMessage());
    }
}
