package org.prdarts.search.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;

/**
 * Hand-computed values on a 2-node cell (5 edges; chain edges 1 = (input 1 -> node 0) and
 * 4 = (node 0 -> node 1)). Betas are chosen as logit(p) + tau * ln(-a/b) so that P(g != 0) is
 * exactly the table p. Op columns: none, max, avg, skip, sep3, sep5, dil3, dil5.
 */
class RegularizerValuesTest {
    private static final double TAU = 1;
    private static final double A = -0.1;
    private static final double B = 1.1;
    private static final CellTopology TWO_NODES = new CellTopology(2);
    private static final List<String> OPS = Primitives.DARTS;

    private static final double[][] NORMAL_P = {
        {0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5},
        {0.5, 0.5, 0.5, 0.25, 0.75, 0.5, 0.25, 0.5},
        {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
        {0.5, 0.5, 0.5, 0.75, 0.5, 0.5, 0.5, 0.5},
        {0.25, 0.5, 0.5, 0.25, 0.25, 0.25, 0.75, 0.75},
    };
    private static final double[][] REDUCE_P = constant(5, 8, 0.25);

    /** Selected ops per edge (column indices) in the reference-code tests. */
    private static final int[][] NORMAL_SELECTED = {{3, 4}, {4, 6}, {0, 1}, {3, 2}, {6, 7}};
    private static final int[][] REDUCE_POOLS_ONLY = {{1, 2}, {1, 2}, {1, 2}, {1, 2}, {1, 2}};
    private static final int[][] REDUCE_ONE_CHAIN_CONV = {{1, 2}, {4, 1}, {1, 2}, {1, 2}, {1, 2}};

    private static double[][] constant(int rows, int cols, double v) {
        double[][] t = new double[rows][cols];
        for (double[] row : t) {
            Arrays.fill(row, v);
        }
        return t;
    }

    static NDArray betaFor(NDManager m, double[][] p) {
        int rows = p.length;
        int cols = p[0].length;
        double[] beta = new double[rows * cols];
        for (int e = 0; e < rows; e++) {
            for (int t = 0; t < cols; t++) {
                beta[e * cols + t] = Math.log(p[e][t] / (1 - p[e][t])) + TAU * Math.log(-A / B);
            }
        }
        return m.create(beta, new Shape(rows, cols));
    }

    static boolean[][] mask(int[][] selected, int ops) {
        boolean[][] active = new boolean[selected.length][ops];
        for (int e = 0; e < selected.length; e++) {
            for (int t : selected[e]) {
                active[e][t] = true;
            }
        }
        return active;
    }

    private static RegularizerInput input(NDManager m, double[][] normal, double[][] reduce,
                                          int[][] normalSel, int[][] reduceSel) {
        return new RegularizerInput(betaFor(m, normal), betaFor(m, reduce), TAU, A, B, OPS,
                TWO_NODES, normalSel == null ? null : mask(normalSel, OPS.size()),
                reduceSel == null ? null : mask(reduceSel, OPS.size()));
    }

    private static double value(Regularizer r, RegularizerInput in) {
        return r.value(in).getDouble();
    }

    @Test
    void paperFormValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = input(m, NORMAL_P, REDUCE_P, null, null);
            Regularizer.Form paper = Regularizer.Form.PAPER;
            // skip: normal (0.75 + 0.25 + 0.5 + 0.75 + 0.25) / 5 = 0.5, reduce 0.25.
            assertEquals(0.375, value(new SkipRegularizer(paper), in), 1e-12);
            // non-skip: normal 17.25 over 5 edges x 7 ops, reduce 0.25.
            assertEquals((17.25 / 35 + 0.25) / 2, value(new NonSkipRegularizer(paper), in), 1e-12);
            // path, mean factor (default): normal (2 / 4) * (2 / 4), reduce 0.25 * 0.25.
            assertEquals((0.25 + 0.0625) / 2, value(new PathRegularizer(paper), in), 1e-12);
            // path, sum factor: normal (0.75+0.5+0.25+0.5) * (0.25+0.25+0.75+0.75) = 4, reduce 1 * 1.
            assertEquals(2.5, value(new PathRegularizer(paper, PathRegularizer.Factor.SUM), in), 1e-12);
        }
    }

    @Test
    void paperFormLooksOpsUpByName() {
        List<String> reversed = new ArrayList<>(OPS);
        Collections.reverse(reversed);
        double[][] normal = new double[5][8];
        for (int e = 0; e < 5; e++) {
            for (int t = 0; t < 8; t++) {
                normal[e][t] = NORMAL_P[e][7 - t];
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = RegularizerInput.of(betaFor(m, normal), betaFor(m, REDUCE_P),
                    TAU, A, B, reversed, TWO_NODES);
            Regularizer.Form paper = Regularizer.Form.PAPER;
            assertEquals(0.375, value(new SkipRegularizer(paper), in), 1e-12);
            assertEquals((17.25 / 35 + 0.25) / 2, value(new NonSkipRegularizer(paper), in), 1e-12);
            assertEquals((0.25 + 0.0625) / 2, value(new PathRegularizer(paper), in), 1e-12);
            assertEquals(2.5, value(new PathRegularizer(paper, PathRegularizer.Factor.SUM), in), 1e-12);
        }
    }

    @Test
    void paperFormOnAnOpSubset() {
        List<String> ops = List.of(Primitives.NONE, Primitives.SKIP_CONNECT,
                Primitives.SEP_CONV_3X3);
        double[][] normal = new double[5][];
        for (int e = 0; e < 5; e++) {
            normal[e] = new double[] {NORMAL_P[e][0], NORMAL_P[e][3], NORMAL_P[e][4]};
        }
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = RegularizerInput.of(betaFor(m, normal),
                    betaFor(m, constant(5, 3, 0.25)), TAU, A, B, ops, TWO_NODES);
            Regularizer.Form paper = Regularizer.Form.PAPER;
            assertEquals(0.375, value(new SkipRegularizer(paper), in), 1e-12);
            // non-skip = mean of none and sep3: normal 4.75 / 10, reduce 0.25.
            assertEquals((0.475 + 0.25) / 2, value(new NonSkipRegularizer(paper), in), 1e-12);
            // path over sep3 only (mean and sum agree): normal 0.75 * 0.25, reduce 0.25 * 0.25.
            assertEquals((0.1875 + 0.0625) / 2, value(new PathRegularizer(paper), in), 1e-12);
            assertEquals((0.1875 + 0.0625) / 2,
                    value(new PathRegularizer(paper, PathRegularizer.Factor.SUM), in), 1e-12);

            List<String> noSkip = List.of(Primitives.NONE, Primitives.MAX_POOL_3X3);
            RegularizerInput without = RegularizerInput.of(betaFor(m, constant(5, 2, 0.5)),
                    betaFor(m, constant(5, 2, 0.5)), TAU, A, B, noSkip, TWO_NODES);
            assertEquals(0.0, value(new SkipRegularizer(paper), without));
            assertEquals(0.5, value(new NonSkipRegularizer(paper), without), 1e-12);
            assertEquals(0.0, value(new PathRegularizer(paper), without));
        }
    }

    @Test
    void referenceCodeFormValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = input(m, NORMAL_P, REDUCE_P, NORMAL_SELECTED, REDUCE_POOLS_ONLY);
            Regularizer.Form code = Regularizer.Form.REFERENCE_CODE;
            // skip: normal mean of the two selected skips 0.75, reduce none selected -> 0;
            // average 0.375, hinge 0.175.
            assertEquals(0.175, value(new SkipRegularizer(code), in), 1e-12);
            // non-skip (none + convs): normal 3.5 / 6, reduce 0; average, hinge.
            assertEquals(3.5 / 12 - 0.2, value(new NonSkipRegularizer(code), in), 1e-12);
            // pools: normal 0.5, reduce 0.25; average 0.375, hinge 0.175.
            assertEquals(0.175, value(new PoolRegularizer(), in), 1e-12);
            // path: normal mean(0.75, 0.25) * mean(0.75, 0.75) = 0.375; reduce has no selected
            // conv on the chain -> 0; no hinge.
            assertEquals(0.1875, value(new PathRegularizer(code), in), 1e-12);
        }
    }

    @Test
    void referenceCodeFormLeavesChainEdgesWithoutSelectedConvOut() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = input(m, NORMAL_P, REDUCE_P, NORMAL_SELECTED,
                    REDUCE_ONE_CHAIN_CONV);
            Regularizer.Form code = Regularizer.Form.REFERENCE_CODE;
            // reduce: only chain edge 1 has a selected conv (sep3, p 0.25): the product is 0.25.
            assertEquals((0.375 + 0.25) / 2, value(new PathRegularizer(code), in), 1e-12);
            assertEquals((3.5 / 6 + 0.25) / 2 - 0.2, value(new NonSkipRegularizer(code), in),
                    1e-12);
            assertEquals(0.175, value(new PoolRegularizer(), in), 1e-12);
        }
    }

    @Test
    void referenceCodeFormTreatsMissingMasksAsAllComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            RegularizerInput in = input(m, NORMAL_P, REDUCE_P, null, null);
            Regularizer.Form code = Regularizer.Form.REFERENCE_CODE;
            assertEquals(0.175, value(new SkipRegularizer(code), in), 1e-12);
            // Normal none + convs: e0 2.5, e1 2.5, e2 2.5, e3 2.5, e4 2.25 over 25 gates.
            assertEquals((12.25 / 25 + 0.25) / 2 - 0.2, value(new NonSkipRegularizer(code), in),
                    1e-12);
            // Path with means: normal 0.5 * 0.5, reduce 0.25 * 0.25.
            assertEquals((0.25 + 0.0625) / 2, value(new PathRegularizer(code), in), 1e-12);
        }
    }

    @Test
    void hingeCutsSmallTermsAndTheirGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray normal = betaFor(m, constant(5, 8, 0.1));
            NDArray reduce = betaFor(m, constant(5, 8, 0.1));
            normal.setRequiresGradient(true);
            reduce.setRequiresGradient(true);
            RegularizerInput in = RegularizerInput.of(normal, reduce, TAU, A, B, OPS, TWO_NODES);
            NDArray v;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                v = new SkipRegularizer(Regularizer.Form.REFERENCE_CODE).value(in);
                gc.backward(v);
            }
            assertEquals(0.0, v.getDouble());
            for (double g : normal.getGradient().toDoubleArray()) {
                assertEquals(0.0, g, 0.0);
            }
            // The paper form has no hinge.
            assertEquals(0.1, value(new SkipRegularizer(Regularizer.Form.PAPER), in), 1e-12);
            // A lower threshold lets it through.
            assertEquals(0.05, value(new SkipRegularizer(Regularizer.Form.REFERENCE_CODE, 0.05),
                    in), 1e-12);
        }
    }

    @Test
    void inputValidation() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ok = m.zeros(new Shape(5, 8));
            NDArray bad = m.zeros(new Shape(5, 7));
            assertEquals("reduceBeta must have shape (5, 8), found (5, 7)",
                    assertThrows(IllegalArgumentException.class, () -> RegularizerInput.of(ok, bad,
                            TAU, A, B, OPS, TWO_NODES)).getMessage());
            assertEquals("ops must not repeat an operation, found [none, none]",
                    assertThrows(IllegalArgumentException.class, () -> RegularizerInput.of(
                            m.zeros(new Shape(5, 2)), m.zeros(new Shape(5, 2)), TAU, A, B,
                            List.of("none", "none"), TWO_NODES)).getMessage());
            assertEquals("normalActive must have 5 rows, found 4",
                    assertThrows(IllegalArgumentException.class, () -> new RegularizerInput(ok,
                            ok, TAU, A, B, OPS, TWO_NODES, new boolean[4][8], null)).getMessage());
            assertEquals("hinge-threshold must be >= 0 and finite, found -0.1",
                    assertThrows(IllegalArgumentException.class, () -> new SkipRegularizer(
                            Regularizer.Form.REFERENCE_CODE, -0.1)).getMessage());
        }
    }
}
