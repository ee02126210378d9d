package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.prdarts.space.CellAgreement;
import org.prdarts.space.ops.Primitives;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agreement table of a comparison, from hand-written rows. */
class ComparisonAgreementTest {
    private static final String REDUCE = "reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2),"
            + " ('avg_pool_3x3', 0)], reduce_concat=[2, 3])";
    private static final String G1 = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), ('dil_conv_3x3', 2),"
            + " ('sep_conv_3x3', 0)], normal_concat=[2, 3], " + REDUCE;
    private static final String G2 = "Genotype(normal=[('skip_connect', 1), ('sep_conv_5x5', 0), ('sep_conv_3x3', 0),"
            + " ('dil_conv_3x3', 1)], normal_concat=[2, 3], " + REDUCE;

    private static Comparison.Row row(String method, long seed, String g) {
        return new Comparison.Row(method, seed, g, 0, 0, 0, 0, 0, 0.5, 0.5, 1, Path.of("r"));
    }

    @Test
    void agreementPerMethodBesideChance() {
        Comparison.Result r = new Comparison.Result(List.of(row("darts", 1, G1), row("prdarts", 1, G1),
                row("darts", 2, G2), row("prdarts", 2, G1)), Primitives.DARTS, Budget.EQUAL_EPOCHS);
        List<Comparison.Agreement> a = r.agreement();
        assertEquals(2, a.size());
        assertEquals("darts", a.get(0).method());
        assertEquals(0.5, a.get(0).normal());
        assertEquals(1.0, a.get(0).reduce());
        assertEquals(1.0, a.get(1).normal());
        assertEquals(CellAgreement.chance(2, 7), a.get(0).chance());
        assertTrue(r.markdown().contains("| darts | 2 | 0.500 | 1.000 | 0.119 |"), r.markdown());
    }

    @Test
    void paperRatioGivesPrDartsFourTimesTheEpochs() {
        assertEquals(200, Budget.PAPER_RATIO.epochs(Method.PRDARTS, 50));
        assertEquals(50, Budget.PAPER_RATIO.epochs(Method.DARTS, 50));
        assertEquals(50, Budget.EQUAL_EPOCHS.epochs(Method.PRDARTS, 50));
        assertEquals(Budget.PAPER_RATIO, Budget.parse("paper-ratio"));
        Comparison.Result r = new Comparison.Result(List.of(row("darts", 1, G1)), Primitives.DARTS, Budget.PAPER_RATIO);
        assertTrue(r.markdown().startsWith("Budget: paper-ratio (PR-DARTS ran 4 x the epochs of DARTS)."),
                r.markdown());
    }
}
