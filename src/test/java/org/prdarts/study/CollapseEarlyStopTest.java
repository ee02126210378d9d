package org.prdarts.study;

import org.junit.jupiter.api.Test;
import org.prdarts.search.Method;
import org.prdarts.search.SearchEpoch;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.RandomCells;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the collapse study reads off a finished search: when skips settle, and where DARTS-ES would stop. */
class CollapseEarlyStopTest {
    private static final SearchEpoch.Architecture ARCH = new SearchEpoch.Architecture(0.1, 1, 1, 1,
            new double[] {0}, new double[] {0}, 0, 0, new double[] {1}, new double[] {1}, 0, 0, 0);

    private static SearchEpoch epoch(int n, int skips, double eigenvalue, Genotype g) {
        return new SearchEpoch(n, Method.DARTS, 1, 0.5, 1, 0.5, 1, 0.5, eigenvalue, 0.025, 1,
                new SearchEpoch.DartsFacts(GenotypeFormat.format(g), skips, 0, 1, 1, 1, new float[][] {{1f}},
                        new float[][] {{1f}}), ARCH);
    }

    private static List<SearchEpoch> history(int[] skips, double[] eigenvalues, List<Genotype> cells) {
        List<SearchEpoch> h = new ArrayList<>();
        for (int i = 0; i < skips.length; i++) {
            h.add(epoch(i + 1, skips[i], eigenvalues[i], cells.get(i)));
        }
        return h;
    }

    private static List<Genotype> cells(int n) {
        List<Genotype> g = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            g.add(RandomCells.genotype(org.prdarts.space.ops.Primitives.DARTS, 4, new Random(i)));
        }
        return g;
    }

    @Test
    void theSkipsSettleAtTheFirstEpochFromWhichTheyStayAtTwoOrMore() {
        double[] none = new double[6];
        java.util.Arrays.fill(none, Double.NaN);
        assertEquals(4, CollapseStudy.skipsStayAtLeast(history(new int[] {0, 2, 1, 2, 3, 2}, none, cells(6)), 2));
        assertEquals(-1, CollapseStudy.skipsStayAtLeast(history(new int[] {3, 3, 3, 3, 3, 1}, none, cells(6)), 2));
        assertTrue(CollapseStudy.earlyStop(history(new int[6], none, cells(6))).isEmpty(), "nothing measured");
    }

    @Test
    void earlyStopFiresWhereTheLocalAverageGrowsAndKeepsTheCellFiveMeasurementsBefore() {
        // flat at 1 for 5 epochs, then 2: the average of epochs 6-10 is 2, of 1-5 is 1; 1/2 < 0.75 at epoch 10
        double[] eig = {1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2};
        List<Genotype> cells = cells(eig.length);
        Map<String, Object> m = CollapseStudy.earlyStop(history(new int[eig.length], eig, cells));
        assertEquals(true, m.get("earlyStopFired"));
        assertEquals(10, m.get("earlyStopEpoch"));
        assertEquals(5, m.get("earlyStopKeptEpoch"));
        assertEquals(CellStats.skipCount(cells.get(4).normal()), m.get("skipEarlyStopCell"));
        assertEquals(CellStats.parametricDepth(cells.get(4).normal()), m.get("parametricDepthEarlyStopCell"));

        double[] flat = {1, 1, 1, 1, 1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.2, 1.2};
        assertEquals(Map.of("earlyStopFired", false), CollapseStudy.earlyStop(history(new int[flat.length], flat,
                cells)));
    }
}
