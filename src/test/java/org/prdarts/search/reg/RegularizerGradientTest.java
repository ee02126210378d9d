package org.prdarts.search.reg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Rng;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;

/** Autograd gradients against central finite differences, in double precision. */
class RegularizerGradientTest {
    private static final double TAU = 0.5;
    private static final double A = -0.1;
    private static final double B = 1.1;
    private static final CellTopology TOPOLOGY = new CellTopology(3);
    private static final List<String> OPS = Primitives.DARTS;
    private static final int EDGES = TOPOLOGY.edges();
    private static final int N_OPS = OPS.size();
    private static final double H = 1e-6;

    private static final double[] NORMAL = uniform(21);
    private static final double[] REDUCE = uniform(22);
    // Two ops per edge, so that every chain edge holds a conv and each group is non-empty.
    private static final boolean[][] NORMAL_ACTIVE = pattern(0, 4);
    private static final boolean[][] REDUCE_ACTIVE = pattern(1, 6);

    private static double[] uniform(long seed) {
        Rng rng = Rng.of(seed, Rng.Stream.INIT);
        double[] v = new double[EDGES * N_OPS];
        for (int i = 0; i < v.length; i++) {
            v[i] = -1.5 + 3 * rng.nextDouble();
        }
        return v;
    }

    private static boolean[][] pattern(int first, int second) {
        boolean[][] active = new boolean[EDGES][N_OPS];
        for (int e = 0; e < EDGES; e++) {
            active[e][(e + first) % N_OPS] = true;
            active[e][(e + second) % N_OPS] = true;
        }
        return active;
    }

    private static RegularizerInput input(NDArray normal, NDArray reduce) {
        return new RegularizerInput(normal, reduce, TAU, A, B, OPS, TOPOLOGY, NORMAL_ACTIVE,
                REDUCE_ACTIVE);
    }

    private static double evaluate(NDManager parent, Function<RegularizerInput, NDArray> f,
                                   double[] normal, double[] reduce) {
        try (NDManager m = parent.newSubManager()) {
            Shape shape = new Shape(EDGES, N_OPS);
            return f.apply(input(m.create(normal, shape), m.create(reduce, shape))).getDouble();
        }
    }

    private static void checkGradient(String what, Function<RegularizerInput, NDArray> f) {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(EDGES, N_OPS);
            NDArray normal = m.create(NORMAL, shape);
            NDArray reduce = m.create(REDUCE, shape);
            normal.setRequiresGradient(true);
            reduce.setRequiresGradient(true);
            double value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray v = f.apply(input(normal, reduce));
                value = v.getDouble();
                gc.backward(v);
            }
            assertTrue(value != 0, what + ": degenerate test, value is 0");
            double[][] grads = {normal.getGradient().toDoubleArray(),
                reduce.getGradient().toDoubleArray()};
            int nonZero = 0;
            for (int cell = 0; cell < 2; cell++) {
                for (int i = 0; i < EDGES * N_OPS; i++) {
                    double[] plusN = NORMAL.clone();
                    double[] plusR = REDUCE.clone();
                    double[] minusN = NORMAL.clone();
                    double[] minusR = REDUCE.clone();
                    (cell == 0 ? plusN : plusR)[i] += H;
                    (cell == 0 ? minusN : minusR)[i] -= H;
                    double numeric = (evaluate(m, f, plusN, plusR)
                            - evaluate(m, f, minusN, minusR)) / (2 * H);
                    assertEquals(numeric, grads[cell][i], 1e-7,
                            what + " cell " + cell + " gate " + i);
                    nonZero += grads[cell][i] != 0 ? 1 : 0;
                }
            }
            assertTrue(nonZero > 0, what + ": no gradient at all");
        }
    }

    @Test
    void skipGradients() {
        checkGradient("skip paper", new SkipRegularizer(Regularizer.Form.PAPER)::value);
        checkGradient("skip code", new SkipRegularizer(Regularizer.Form.REFERENCE_CODE)::value);
    }

    @Test
    void nonSkipGradients() {
        checkGradient("nonskip paper", new NonSkipRegularizer(Regularizer.Form.PAPER)::value);
        checkGradient("nonskip code",
                new NonSkipRegularizer(Regularizer.Form.REFERENCE_CODE)::value);
    }

    @Test
    void poolGradients() {
        checkGradient("pool code", new PoolRegularizer()::value);
    }

    @Test
    void pathGradients() {
        checkGradient("path paper", new PathRegularizer(Regularizer.Form.PAPER)::value);
        checkGradient("path paper sum",
                new PathRegularizer(Regularizer.Form.PAPER, PathRegularizer.Factor.SUM)::value);
        checkGradient("path code", new PathRegularizer(Regularizer.Form.REFERENCE_CODE)::value);
    }

    @Test
    void totalGradients() {
        RegularizerSet paper = new RegularizerSet(RegularizerConfig.defaults());
        checkGradient("total paper", in -> paper.evaluate(in).total());
        RegularizerSet code = new RegularizerSet(RegularizerConfig.defaults()
                .withForm(Regularizer.Form.REFERENCE_CODE));
        checkGradient("total code", in -> code.evaluate(in).total());
    }
}
