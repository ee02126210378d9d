package org.prdarts.search.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeValidator;
import org.prdarts.space.ops.Primitives;

class DartsDerivationTest {
    private static final List<String> OPS = Primitives.DARTS;

    private static Genotype.Pair p(String op, int input) {
        return new Genotype.Pair(op, input);
    }

    /** A [edges][8] table with every weight 1/8 (a freshly initialized softmax). */
    private static float[][] uniform(int nodes) {
        float[][] t = new float[new CellTopology(nodes).edges()][OPS.size()];
        for (float[] row : t) {
            java.util.Arrays.fill(row, 0.125f);
        }
        return t;
    }

    private static void set(float[][] t, int nodes, int node, int input, String op, float w) {
        t[new CellTopology(nodes).edge(node, input)][OPS.indexOf(op)] = w;
    }

    @Test
    void noneIsNeverChosenEvenWhenLargest() {
        float[][] t = uniform(2);
        // node 0: both edges dominated by none; sep_conv on input 1 is the best real op
        set(t, 2, 0, 0, "none", 0.9f);
        set(t, 2, 0, 0, "skip_connect", 0.05f);
        set(t, 2, 0, 1, "none", 0.8f);
        set(t, 2, 0, 1, "sep_conv_3x3", 0.15f);
        // node 1: none strongest on every edge
        for (int input = 0; input < 3; input++) {
            set(t, 2, 1, input, "none", 0.95f);
        }
        set(t, 2, 1, 2, "dil_conv_5x5", 0.3f);
        Genotype g = DartsDerivation.derive(t, uniform(2), OPS, 2);
        // node 0: input 1 is strongest (sep_conv 0.15); input 0's best real op is max_pool at 0.125.
        // node 1: input 2 (dil_conv_5x5 0.3) first; inputs 0 and 1 tie at 0.125, the lower wins
        assertEquals(List.of(p("sep_conv_3x3", 1), p("max_pool_3x3", 0),
                p("dil_conv_5x5", 2), p("max_pool_3x3", 0)), g.normal());
        for (Genotype.Pair pair : g.normal()) {
            assertNotEquals(Primitives.NONE, pair.op());
        }
        assertEquals(List.of(2, 3), g.normalConcat());
        GenotypeValidator.validate(g);
    }

    @Test
    void keepsTheTwoStrongestDistinctInputs() {
        int nodes = 3;
        float[][] t = new float[new CellTopology(nodes).edges()][OPS.size()];
        // node 0: input 0 strongest via avg_pool, input 1 second via skip
        set(t, nodes, 0, 0, "avg_pool_3x3", 0.6f);
        set(t, nodes, 0, 1, "skip_connect", 0.4f);
        // node 1: input 2 (node 0) best, input 0 second, input 1 weakest
        set(t, nodes, 1, 0, "sep_conv_5x5", 0.5f);
        set(t, nodes, 1, 1, "dil_conv_3x3", 0.2f);
        set(t, nodes, 1, 2, "sep_conv_3x3", 0.7f);
        set(t, nodes, 1, 2, "dil_conv_5x5", 0.65f);
        // node 2: one edge holds both best ops; DARTS still keeps only one op on it
        set(t, nodes, 2, 3, "sep_conv_3x3", 0.9f);
        set(t, nodes, 2, 3, "sep_conv_5x5", 0.85f);
        set(t, nodes, 2, 1, "max_pool_3x3", 0.3f);
        set(t, nodes, 2, 0, "max_pool_3x3", 0.1f);
        set(t, nodes, 2, 2, "skip_connect", 0.2f);
        Genotype g = DartsDerivation.derive(t, t, OPS, nodes);
        List<Genotype.Pair> expected = List.of(p("avg_pool_3x3", 0), p("skip_connect", 1),
                p("sep_conv_3x3", 2), p("sep_conv_5x5", 0),
                p("sep_conv_3x3", 3), p("max_pool_3x3", 1));
        assertEquals(expected, g.normal());
        assertEquals(expected, g.reduce());
        assertEquals(List.of(2, 3, 4), g.reduceConcat());
        for (int node = 0; node < nodes; node++) {
            assertNotEquals(g.normal().get(2 * node).input(), g.normal().get(2 * node + 1).input());
        }
    }

    @Test
    void tiesGoToLowerIndices() {
        // all zero: every edge ties, so DARTS keeps inputs 0 and 1 and the first non-none op
        Genotype g = DartsDerivation.derive(new float[5][8], new float[5][8], OPS, 2);
        assertEquals(List.of(p("max_pool_3x3", 0), p("max_pool_3x3", 1), p("max_pool_3x3", 0),
                p("max_pool_3x3", 1)), g.normal());
    }

    @Test
    void worksWithoutNone() {
        List<String> ops = List.of("skip_connect", "sep_conv_3x3");
        float[][] t = {{0.7f, 0.3f}, {0.2f, 0.8f}};
        Genotype g = DartsDerivation.derive(t, t, ops, 1);
        assertEquals(List.of(p("sep_conv_3x3", 1), p("skip_connect", 0)), g.normal());
    }

    @Test
    void rejectsBadShapes() {
        assertEquals("normal table must have 14 rows (one per edge of a 4-node cell), found 13",
                assertThrows(IllegalArgumentException.class,
                        () -> DartsDerivation.derive(new float[13][8], new float[14][8], OPS, 4)).getMessage());
        assertEquals("reduce table row 3 must have 8 columns (one per op), found 7",
                assertThrows(IllegalArgumentException.class, () -> {
                    float[][] r = new float[14][8];
                    r[3] = new float[7];
                    DartsDerivation.derive(new float[14][8], r, OPS, 4);
                }).getMessage());
        assertEquals("nodes must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> DartsDerivation.derive(new float[0][8], new float[0][8], OPS, 0)).getMessage());
        assertEquals("ops must contain an operation other than none, found [none]",
                assertThrows(IllegalArgumentException.class,
                        () -> DartsDerivation.derive(new float[2][1], new float[2][1], List.of("none"), 1)).getMessage());
        float[][] nan = new float[2][8];
        nan[1][4] = Float.NaN;
        assertEquals("normal table [1][4] is NaN", assertThrows(IllegalArgumentException.class,
                () -> DartsDerivation.derive(nan, new float[2][8], OPS, 1)).getMessage());
    }
}
