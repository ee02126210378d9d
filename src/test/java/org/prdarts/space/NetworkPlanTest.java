package org.prdarts.space;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network plans of the published settings, checked by hand. */
class NetworkPlanTest {

    @Test
    void dartsCifarNetwork() {
        // C=36, L=20 on 32x32: reductions at 6 and 13; PR-DARTS concatenates 4 nodes per cell
        NetworkPlan plan = NetworkPlan.derived(Genotypes.PRDARTS, 3, new Resolution(32, 32), 10, 36, 20, false, true);
        assertEquals(List.of(6, 13), reductions(plan));
        assertEquals(new StemPlan.Conv(3, 108, 1, new Resolution(32, 32)), plan.stem().convs().get(0));
        CellPlan first = plan.cells().get(0);
        assertEquals(new CellPlan(0, false, false, 108, 108, 36, 144, new Resolution(32, 32), new Resolution(32, 32),
                new Resolution(32, 32)), first);
        CellPlan reduce = plan.cells().get(6);
        assertEquals(new CellPlan(6, true, false, 144, 144, 72, 288, new Resolution(32, 32), new Resolution(32, 32),
                new Resolution(16, 16)), reduce);
        assertEquals(2, reduce.stride(0));
        assertEquals(2, reduce.stride(1));
        assertEquals(1, reduce.stride(2));
        CellPlan afterReduce = plan.cells().get(7);
        assertTrue(afterReduce.reductionPrev());
        assertEquals(new Resolution(32, 32), afterReduce.prevPrevSize());
        assertEquals(new Resolution(16, 16), afterReduce.inputSize());
        assertEquals(576, plan.classifierChannels());
        // DARTS' AuxiliaryHeadCIFAR: 8x8 input, 5x5 pooling with stride 3 to 2x2, 2x2 conv to 1x1
        assertEquals(new AuxiliaryPlan(13, 576, new Resolution(8, 8), new Resolution(5, 5), 3, new Resolution(2, 2),
                2, new Resolution(1, 1), 10), plan.auxiliary());
    }

    @Test
    void imagenetStemHalvesThreeTimes() {
        NetworkPlan plan = NetworkPlan.derived(Genotypes.PRDARTS, 3, new Resolution(224, 224), 1000, 48, 14, true, true);
        StemPlan stem = plan.stem();
        assertEquals(List.of(new StemPlan.Conv(3, 24, 2, new Resolution(112, 112)),
                new StemPlan.Conv(24, 48, 2, new Resolution(56, 56)),
                new StemPlan.Conv(48, 48, 2, new Resolution(28, 28))), stem.convs());
        assertEquals(new Resolution(56, 56), stem.s0());
        assertEquals(new Resolution(28, 28), stem.s1());
        // the first cell's s0 has twice s1's resolution, as after a reduction
        assertTrue(plan.cells().get(0).reductionPrev());
        assertEquals(List.of(4, 9), reductions(plan));
        // DARTS' AuxiliaryHeadImageNet: 7x7 input, stride 2 pooling to 2x2
        assertEquals(new Resolution(7, 7), plan.auxiliary().input());
        assertEquals(new Resolution(2, 2), plan.auxiliary().pooled());
        assertEquals(2, plan.auxiliary().stride());
    }

    @Test
    void oddSizesRoundUpAndSmallMapsShrinkTheAuxiliaryHead() {
        NetworkPlan plan = NetworkPlan.derived(Genotypes.DARTS_V2, 1, new Resolution(11, 9), 5, 4, 3, false, true);
        assertEquals(new Resolution(6, 5), plan.cells().get(1).outputSize());
        assertEquals(new Resolution(3, 3), plan.cells().get(2).outputSize());
        AuxiliaryPlan aux = plan.auxiliary();
        assertEquals(2, aux.cell());
        assertEquals(new Resolution(3, 3), aux.pool());
        assertEquals(new Resolution(1, 1), aux.pooled());
        assertEquals(1, aux.kernel());
        assertEquals(new Resolution(1, 1), aux.output());
    }

    @Test
    void searchAndDerivedNetworksDifferBelowThreeCells() {
        // the derived network follows DARTS: with L = 1 its only cell is at L/3 = 2L/3 = 0
        assertEquals(List.of(0), reductions(NetworkPlan.derived(Genotypes.PRDARTS, 1, new Resolution(8, 8), 10, 4, 1,
                false, false)));
        assertEquals(List.of(0, 1), reductions(NetworkPlan.derived(Genotypes.PRDARTS, 1, new Resolution(8, 8), 10, 4,
                2, false, false)));
        // a search network that short has normal cells only
        NetworkPlan search = NetworkPlan.search(1, new Resolution(8, 8), 10, 4, 2, 3, 3);
        assertEquals(List.of(), reductions(search));
        assertNull(search.auxiliary());
        assertEquals(12, search.classifierChannels());
        assertFalse(search.stem().imagenet());
        assertEquals(List.of(2, 4), reductions(NetworkPlan.search(1, new Resolution(8, 8), 10, 4, 7, 3, 3)));
    }

    @Test
    void resolutionsArePositive() {
        assertEquals("resolution must be >= 1x1, found 0x3",
                assertThrows(IllegalArgumentException.class, () -> new Resolution(0, 3)).getMessage());
        assertEquals(new Resolution(1, 1), new Resolution(1, 1).halved());
    }

    private static List<Integer> reductions(NetworkPlan plan) {
        List<Integer> r = new ArrayList<>();
        for (CellPlan cell : plan.cells()) {
            if (cell.reduction()) {
                r.add(cell.index());
            }
        }
        return r;
    }
}
