package org.prdarts.space;

import org.prdarts.space.ops.Primitives;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CellAgreementTest {
    private static Genotype.Pair p(String op, int input) {
        return new Genotype.Pair(op, input);
    }

    private static final List<Genotype.Pair> A = List.of(p("sep_conv_3x3", 0), p("skip_connect", 1),
            p("dil_conv_3x3", 2), p("sep_conv_3x3", 0));
    private static final List<Genotype.Pair> B = List.of(p("skip_connect", 1), p("sep_conv_5x5", 0),
            p("sep_conv_3x3", 0), p("dil_conv_3x3", 1));
    private static final List<Genotype.Pair> C = List.of(p("sep_conv_3x3", 0), p("skip_connect", 1),
            p("sep_conv_3x3", 0), p("dil_conv_3x3", 2));

    @Test
    void shareCountsPairsAtTheSameNodeInAnyOrder() {
        assertEquals(1.0, CellAgreement.share(A, A));
        // node 0 shares skip_connect from input 1; node 1 shares sep_conv_3x3 from input 0
        assertEquals(0.5, CellAgreement.share(A, B));
        assertEquals(1.0, CellAgreement.share(A, C));
        // the same pair at another node does not count
        List<Genotype.Pair> moved = List.of(p("dil_conv_3x3", 1), p("sep_conv_5x5", 0),
                p("sep_conv_3x3", 1), p("skip_connect", 1));
        assertEquals(0.0, CellAgreement.share(A, moved));
        assertEquals((0.5 + 1.0 + 0.5) / 3, CellAgreement.meanPairwise(List.of(A, B, C)));
        assertTrue(Double.isNaN(CellAgreement.meanPairwise(List.of(A))));
        assertThrows(GenotypeException.class, () -> CellAgreement.share(A, A.subList(0, 2)));
    }

    @Test
    void chanceLevelOfTheDartsSpace() {
        // one node, 2 inputs x 7 ops: 2 of 14 pairs kept, 4/14 expected shared pairs of 2
        assertEquals(1.0 / 7, CellAgreement.chance(1, 7), 1e-12);
        // four nodes: (2/7) * (1/2 + 1/3 + 1/4 + 1/5) / 4 = 77/840
        assertEquals(77.0 / 840, CellAgreement.chance(4, Primitives.DARTS), 1e-12);
    }

    @Test
    void chanceLevelMatchesRandomCells() {
        Random rng = new Random(3);
        int draws = 4000;
        double sum = 0;
        for (int i = 0; i < draws; i++) {
            sum += CellAgreement.share(RandomCells.genotype(Primitives.DARTS, 4, rng).normal(),
                    RandomCells.genotype(Primitives.DARTS, 4, rng).normal());
        }
        // the sd of one share is below 0.2, so the mean of 4000 is within 0.015 at > 4 sd
        assertEquals(CellAgreement.chance(4, Primitives.DARTS), sum / draws, 0.015);
    }
}
