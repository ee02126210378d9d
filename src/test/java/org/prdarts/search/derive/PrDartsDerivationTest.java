package org.prdarts.search.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;

class PrDartsDerivationTest {
    private static final List<String> OPS = Primitives.DARTS;

    private static Genotype.Pair p(String op, int input) {
        return new Genotype.Pair(op, input);
    }

    private static void set(float[][] t, int nodes, int node, int input, String op, float w) {
        t[new CellTopology(nodes).edge(node, input)][OPS.indexOf(op)] = w;
    }

    @Test
    void twoPairsMayShareAnInputAndNoneIsExcluded() {
        int nodes = 2;
        float[][] t = new float[new CellTopology(nodes).edges()][OPS.size()];
        // node 0: none has the top score but is excluded; the two best real pairs both read input 1
        set(t, nodes, 0, 1, "none", 0.99f);
        set(t, nodes, 0, 1, "sep_conv_3x3", 0.9f);
        set(t, nodes, 0, 1, "skip_connect", 0.8f);
        set(t, nodes, 0, 0, "dil_conv_3x3", 0.7f);
        // node 1: best pair on input 2, second on input 0, both beating the rest of edge 2
        set(t, nodes, 1, 2, "dil_conv_5x5", 0.95f);
        set(t, nodes, 1, 0, "sep_conv_5x5", 0.6f);
        set(t, nodes, 1, 2, "avg_pool_3x3", 0.5f);
        set(t, nodes, 1, 1, "none", 1.0f);
        Genotype g = PrDartsDerivation.derive(t, t, OPS, nodes);
        List<Genotype.Pair> expected = List.of(p("sep_conv_3x3", 1), p("skip_connect", 1),
                p("dil_conv_5x5", 2), p("sep_conv_5x5", 0));
        assertEquals(expected, g.normal());
        assertEquals(expected, g.reduce());
        assertEquals(List.of(2, 3), g.normalConcat());
    }

    @Test
    void differsFromDartsWhenOneEdgeHoldsBothBestOps() {
        int nodes = 1;
        float[][] t = new float[2][OPS.size()];
        set(t, nodes, 0, 0, "sep_conv_3x3", 0.9f);
        set(t, nodes, 0, 0, "dil_conv_3x3", 0.8f);
        set(t, nodes, 0, 1, "skip_connect", 0.5f);
        assertEquals(List.of(p("sep_conv_3x3", 0), p("dil_conv_3x3", 0)),
                PrDartsDerivation.derive(t, t, OPS, nodes).normal());
        assertEquals(List.of(p("sep_conv_3x3", 0), p("skip_connect", 1)),
                DartsDerivation.derive(t, t, OPS, nodes).normal());
    }

    @Test
    void tiesGoToLowerInputThenLowerOp() {
        float[][] t = new float[2][OPS.size()];
        for (float[] row : t) {
            java.util.Arrays.fill(row, 0.5f);
        }
        // all equal: lower input first, then lower non-none op index on the same input
        assertEquals(List.of(p("max_pool_3x3", 0), p("avg_pool_3x3", 0)),
                PrDartsDerivation.derive(t, t, OPS, 1).normal());
        // a later equal score never displaces an earlier one
        set(t, 1, 0, 1, "skip_connect", 0.7f);
        set(t, 1, 0, 0, "sep_conv_5x5", 0.7f);
        assertEquals(List.of(p("sep_conv_5x5", 0), p("skip_connect", 1)),
                PrDartsDerivation.derive(t, t, OPS, 1).normal());
    }

    @Test
    void worksWithoutNoneAndValidatesShapes() {
        List<String> ops = List.of("skip_connect", "dil_conv_3x3");
        float[][] t = {{0.1f, 0.2f}, {0.9f, 0.3f}};
        assertEquals(List.of(p("skip_connect", 1), p("dil_conv_3x3", 1)),
                PrDartsDerivation.derive(t, t, ops, 1).normal());
        assertEquals("reduce table must have 2 rows (one per edge of a 1-node cell), found 5",
                assertThrows(IllegalArgumentException.class,
                        () -> PrDartsDerivation.derive(t, new float[5][2], ops, 1)).getMessage());
        assertEquals("ops lists 'skip_connect' twice: [skip_connect, skip_connect]",
                assertThrows(IllegalArgumentException.class,
                        () -> PrDartsDerivation.derive(t, t, List.of("skip_connect", "skip_connect"), 1)).getMessage());
    }
}
