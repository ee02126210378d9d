package org.prdarts.search.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;

class RegularizerSetTest {
    private static final double[][] NORMAL_P = {
        {0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5},
        {0.5, 0.5, 0.5, 0.25, 0.75, 0.5, 0.25, 0.5},
        {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
        {0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5},
        {0.25, 0.5, 0.5, 0.25, 0.25, 0.25, 0.75, 0.75},
    };
    private static final int[][] NORMAL_SELECTED = {{3, 4}, {4, 6}, {0, 1}, {3, 2}, {6, 7}};
    private static final int[][] REDUCE_SELECTED = {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
    private static final double PAPER_SKIP = 0.375;
    private static final double PAPER_NONSKIP = (17.25 / 35 + 0.25) / 2;
    /** Mean path factor: normal (2 / 4) * (2 / 4), reduce 0.25 * 0.25. */
    private static final double PAPER_PATH = (0.25 + 0.0625) / 2;

    private static RegularizerInput input(NDManager m) {
        double[][] reduce = new double[5][8];
        for (double[] row : reduce) {
            Arrays.fill(row, 0.25);
        }
        return new RegularizerInput(RegularizerValuesTest.betaFor(m, NORMAL_P),
                RegularizerValuesTest.betaFor(m, reduce), 1, -0.1, 1.1, Primitives.DARTS,
                new CellTopology(2), RegularizerValuesTest.mask(NORMAL_SELECTED, 8),
                RegularizerValuesTest.mask(REDUCE_SELECTED, 8));
    }

    @Test
    void defaultsAreThePaperCoefficientsWithTheMeasuredPathWeightOfTheMeanFactor() {
        RegularizerConfig c = RegularizerConfig.defaults();
        assertEquals(0.01, c.lambdaSkip());
        assertEquals(0.005, c.lambdaNonSkip());
        assertEquals(0.1, c.lambdaPath());
        assertEquals(0.005, RegularizerConfig.defaultLambdaPath(PathRegularizer.Factor.SUM), "the paper's, for its sum");
        assertEquals(Regularizer.Form.PAPER, c.form());
        assertEquals(0.2, c.hingeThreshold());
        assertEquals(PathRegularizer.Factor.MEAN, c.pathFactor());
    }

    @Test
    void sumPathFactorIsThePaperAsPrinted() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerConfig d = RegularizerConfig.defaults();
            RegularizerSet set = new RegularizerSet(new RegularizerConfig(d.lambdaSkip(), d.lambdaNonSkip(),
                    d.lambdaPath(), d.form(), d.hingeThreshold(), PathRegularizer.Factor.SUM));
            // normal (0.75+0.5+0.25+0.5) * (0.25+0.25+0.75+0.75) = 4, reduce 1 * 1
            assertEquals(2.5, set.evaluate(input(m)).hostValues().get("path"), 1e-12);
        }
    }

    @Test
    void paperTotalAndLoggedValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerSet set = new RegularizerSet(RegularizerConfig.defaults());
            RegularizerSet.Evaluation ev = set.evaluate(input(m));
            Map<String, Double> values = ev.hostValues();
            assertEquals(List.of("skip", "nonskip", "path"), List.copyOf(values.keySet()));
            assertEquals(PAPER_SKIP, values.get("skip"), 1e-12);
            assertEquals(PAPER_NONSKIP, values.get("nonskip"), 1e-12);
            assertEquals(PAPER_PATH, values.get("path"), 1e-12);
            assertEquals(0.01 * PAPER_SKIP + 0.005 * PAPER_NONSKIP - 0.1 * PAPER_PATH,
                    ev.hostTotal(), 1e-12);
            assertEquals(Map.of("skip", 0.01, "nonskip", 0.005, "path", -0.1),
                    set.coefficients());
        }
    }

    @Test
    void singlePrecisionLogitsGiveTheSameValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in64 = input(m);
            RegularizerInput in32 = new RegularizerInput(
                    in64.normalBeta().toType(DataType.FLOAT32, true),
                    in64.reduceBeta().toType(DataType.FLOAT32, true), 1, -0.1, 1.1,
                    Primitives.DARTS, new CellTopology(2), in64.normalActive(),
                    in64.reduceActive());
            RegularizerSet.Evaluation ev = new RegularizerSet(RegularizerConfig.defaults())
                    .evaluate(in32);
            assertEquals(DataType.FLOAT32, ev.total().getDataType());
            assertEquals(PAPER_SKIP, ev.hostValues().get("skip"), 1e-6);
            assertEquals(PAPER_NONSKIP, ev.hostValues().get("nonskip"), 1e-6);
            assertEquals(PAPER_PATH, ev.hostValues().get("path"), 1e-6);
        }
    }

    @Test
    void referenceCodeTotalAddsThePoolGroupUnderLambdaTwo() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerSet set = new RegularizerSet(RegularizerConfig.defaults()
                    .withForm(Regularizer.Form.REFERENCE_CODE));
            RegularizerSet.Evaluation ev = set.evaluate(input(m));
            Map<String, Double> values = ev.hostValues();
            assertEquals(List.of("skip", "nonskip", "pool", "path"),
                    List.copyOf(values.keySet()));
            double skip = 0.175;
            double nonSkip = 3.5 / 12 - 0.2;
            double pool = 0.175;
            double path = 0.1875;
            assertEquals(skip, values.get("skip"), 1e-12);
            assertEquals(nonSkip, values.get("nonskip"), 1e-12);
            assertEquals(pool, values.get("pool"), 1e-12);
            assertEquals(path, values.get("path"), 1e-12);
            assertEquals(0.01 * skip + 0.005 * (nonSkip + pool) - 0.1 * path,
                    ev.hostTotal(), 1e-12);
        }
    }

    @Test
    void zeroLambdasSkipTheirTerms() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerConfig base = RegularizerConfig.defaults();

            RegularizerSet gatesOnly = new RegularizerSet(base.withLambdas(0, 0, 0));
            assertEquals(List.of(), gatesOnly.terms());
            RegularizerSet.Evaluation none = gatesOnly.evaluate(input(m));
            assertEquals(Map.of(), none.hostValues());
            assertEquals(0.0, none.hostTotal());

            RegularizerSet sparsityOnly = new RegularizerSet(base.withLambdas(0.01, 0.005, 0));
            RegularizerSet.Evaluation sparsity = sparsityOnly.evaluate(input(m));
            assertEquals(List.of("skip", "nonskip"), List.copyOf(sparsity.terms().keySet()));
            assertEquals(0.01 * PAPER_SKIP + 0.005 * PAPER_NONSKIP, sparsity.hostTotal(), 1e-12);

            RegularizerSet pathOnly = new RegularizerSet(base.withLambdas(0, 0, 0.005));
            RegularizerSet.Evaluation path = pathOnly.evaluate(input(m));
            assertEquals(List.of("path"), List.copyOf(path.terms().keySet()));
            assertEquals(-0.005 * PAPER_PATH, path.hostTotal(), 1e-12);
        }
    }

    @Test
    void configValidation() {
        assertEquals("lambda-skip must be >= 0, found -0.01",
                assertThrows(IllegalArgumentException.class,
                        () -> RegularizerConfig.defaults().withLambdas(-0.01, 0.005, 0.005))
                        .getMessage());
        assertEquals("lambda-nonskip must be >= 0, found -1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> RegularizerConfig.defaults().withLambdas(0.01, -1, 0.005))
                        .getMessage());
        assertEquals("lambda-path must be >= 0, found NaN",
                assertThrows(IllegalArgumentException.class,
                        () -> RegularizerConfig.defaults().withLambdas(0.01, 0.005, Double.NaN))
                        .getMessage());
        assertEquals("regularizer form must be one of PAPER, REFERENCE_CODE, found null",
                assertThrows(IllegalArgumentException.class,
                        () -> RegularizerConfig.defaults().withForm(null)).getMessage());
    }
}
