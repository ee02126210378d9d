package org.prdarts.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellStatsTest {
    private static Genotype.Pair p(String op, int input) {
        return new Genotype.Pair(op, input);
    }

    @Test
    void skipCountsOfPublishedCells() {
        assertEquals(3, CellStats.skipCount(Genotypes.DARTS_V1.normal()));
        assertEquals(3, CellStats.skipCount(Genotypes.DARTS_V1.reduce()));
        assertEquals(2, CellStats.skipCount(Genotypes.DARTS_V2.normal()));
        assertEquals(3, CellStats.skipCount(Genotypes.DARTS_V2.reduce()));
        assertEquals(1, CellStats.skipCount(Genotypes.PRDARTS.normal()));
        assertEquals(0, CellStats.skipCount(Genotypes.PRDARTS.reduce()));
    }

    @Test
    void depthsOfPublishedCells() {
        // DARTS_V2 normal: nodes 0-2 read only c_{k-2}/c_{k-1}; node 3 reads node 0 (input 2)
        assertArrayEquals(new int[] {1, 1, 1, 2}, CellStats.nodeDepths(Genotypes.DARTS_V2.normal()));
        assertEquals(2, CellStats.nodeDepth(Genotypes.DARTS_V2.normal()));
        // DARTS_V2 reduce: nodes 1 and 3 read node 0, node 2 reads node 0
        assertArrayEquals(new int[] {1, 2, 2, 2}, CellStats.nodeDepths(Genotypes.DARTS_V2.reduce()));
        assertEquals(2, CellStats.nodeDepth(Genotypes.DARTS_V1.normal()));
        assertEquals(2, CellStats.nodeDepth(Genotypes.DARTS_V1.reduce()));
        // PRDARTS normal is one chain: node 1 <- node 0, node 2 <- node 1, node 3 <- node 2
        assertArrayEquals(new int[] {1, 2, 3, 4}, CellStats.nodeDepths(Genotypes.PRDARTS.normal()));
        assertEquals(4, CellStats.nodeDepth(Genotypes.PRDARTS.normal()));
        assertEquals(4, CellStats.nodeDepth(Genotypes.PRDARTS.reduce()));
    }

    @Test
    void handMadeCells() {
        List<Genotype.Pair> flat = List.of(p("skip_connect", 0), p("skip_connect", 1), p("sep_conv_3x3", 0),
                p("skip_connect", 1), p("max_pool_3x3", 1), p("avg_pool_3x3", 0));
        assertEquals(3, CellStats.skipCount(flat));
        assertEquals(1, CellStats.nodeDepth(flat));
        // node 2 reads node 1 (input 3) and node 0 (input 2): depth follows the deeper one
        List<Genotype.Pair> branchy = List.of(p("sep_conv_3x3", 0), p("sep_conv_3x3", 1),
                p("sep_conv_3x3", 2), p("sep_conv_3x3", 0), p("dil_conv_3x3", 2), p("dil_conv_3x3", 3));
        assertArrayEquals(new int[] {1, 2, 3}, CellStats.nodeDepths(branchy));
        assertEquals(0, CellStats.skipCount(branchy));
        List<Genotype.Pair> shared = List.of(p("sep_conv_3x3", 1), p("skip_connect", 1));
        assertEquals(1, CellStats.nodeDepth(shared));
    }

    @Test
    void parametricDepthCountsConvolutionsOnly() {
        // a chain of skips through all four nodes is deep in nodes and has no parametric depth
        List<Genotype.Pair> skipChain = List.of(p("skip_connect", 1), p("skip_connect", 0), p("skip_connect", 2),
                p("max_pool_3x3", 0), p("skip_connect", 3), p("avg_pool_3x3", 1), p("skip_connect", 4), p("none", 0));
        assertEquals(4, CellStats.nodeDepth(skipChain));
        assertEquals(0, CellStats.parametricDepth(skipChain));
        // conv -> skip -> conv -> pool: the skip and the pool add nothing
        List<Genotype.Pair> mixed = List.of(p("sep_conv_3x3", 1), p("skip_connect", 0), p("skip_connect", 2),
                p("skip_connect", 0), p("dil_conv_5x5", 3), p("skip_connect", 0), p("max_pool_3x3", 4),
                p("skip_connect", 1));
        assertArrayEquals(new int[] {1, 1, 2, 2}, CellStats.parametricNodeDepths(mixed));
        assertEquals(2, CellStats.parametricDepth(mixed));
        // the published PR-DARTS normal cell: one conv per node along its chain
        assertEquals(4, CellStats.parametricDepth(Genotypes.PRDARTS.normal()));
        // DARTS_V2 normal: node 3 reads node 0 through a dil_conv, node 0 holds a sep_conv
        assertEquals(2, CellStats.parametricDepth(Genotypes.DARTS_V2.normal()));
        // DARTS_V2 reduce holds pools and skips only
        assertEquals(0, CellStats.parametricDepth(Genotypes.DARTS_V2.reduce()));
    }

    @Test
    void rejectsMalformedCells() {
        assertThrows(GenotypeException.class, () -> CellStats.nodeDepth(List.of(p("skip_connect", 0))));
        assertEquals("cell node 0 reads input 2, out of range: node 0 may read inputs 0..1",
                assertThrows(GenotypeException.class,
                        () -> CellStats.nodeDepth(List.of(p("skip_connect", 0), p("skip_connect", 2)))).getMessage());
    }
}
