package org.prdarts.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.prdarts.engine.ChannelsLast;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.ops.DilConv;
import org.prdarts.space.ops.FactorizedReduce;
import org.prdarts.space.ops.Identity;
import org.prdarts.space.ops.ReluConvBn;
import org.prdarts.space.ops.SepConv;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixed op and the search cell, which share ReLUs, scale in place and release arrays early,
 * against a plain implementation kept here: every op computes its own ReLU, average pooling sums
 * nine shifted slices, every product is a new array and nothing is released before the pass ends.
 * Outputs and the gradients of the input, of every weight and of the mixing weights must agree
 * to 1e-5 relative (largest difference over largest magnitude, per tensor), in the NCHW layout and
 * in the channels-last layout the search network uses; the same computation in the two layouts
 * agrees to 1e-4 (see {@link #LAYOUT_RELATIVE}).
 */
class MixedOpGradientTest {
    private static final double RELATIVE = 1e-5;
    /**
     * Between the two memory layouts the engine runs other kernels, which sum a weight gradient
     * over batch and pixels in another order; through a training-mode BatchNorm's backward pass
     * (a difference of nearly equal sums) that rounding reached 1.3e-5 of a tensor's largest
     * value in float32 (seen on 2 threads).
     */
    private static final double LAYOUT_RELATIVE = 1e-4;
    private static final int K = Primitives.DARTS.size();
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    // ---- the plain reference ----

    /** The child block added under name (DJL prefixes each child's name with its two-digit index). */
    private static Block named(Block parent, String name) {
        for (var p : parent.getChildren()) {
            if (p.getKey().substring(2).equals(name)) {
                return p.getValue();
            }
        }
        throw new IllegalStateException(parent.getClass().getSimpleName() + " has no child " + name);
    }

    private static NDArray child(Block parent, String name, ParameterStore ps, NDArray x) {
        return named(parent, name).forward(ps, new NDList(x), true).singletonOrThrow();
    }

    /** One candidate op, computed the plain way from its child blocks. */
    private static NDArray plainOp(Block op, ParameterStore ps, NDArray x) {
        if (op instanceof Identity) {
            return x;
        }
        if (op instanceof SepConv) {
            NDArray y = child(op, "bn1", ps, child(op, "pw1", ps, child(op, "dw1", ps, Activation.relu(x))));
            return child(op, "bn2", ps, child(op, "pw2", ps, child(op, "dw2", ps, Activation.relu(y))));
        }
        if (op instanceof DilConv) {
            return child(op, "bn", ps, child(op, "pw", ps, child(op, "dw", ps, Activation.relu(x))));
        }
        if (op instanceof ReluConvBn) {
            return child(op, "bn", ps, child(op, "conv", ps, Activation.relu(x)));
        }
        if (op instanceof FactorizedReduce) {
            NDArray r = Activation.relu(x);
            long h = r.getShape().get(2);
            long w = r.getShape().get(3);
            NDArray shifted = (h % 2 != 0 || w % 2 != 0) ? r.pad(new Shape(0, w % 2, 0, h % 2), 0) : r;
            NDArray a = child(op, "conv1", ps, r);
            NDArray b = child(op, "conv2", ps, shifted.get(new NDIndex(":, :, 1:, 1:")));
            return child(op, "bn", ps, NDArrays.concat(new NDList(a, b), 1));
        }
        throw new IllegalStateException("no plain form for " + op.getClass());
    }

    /** 3x3 average pooling, padding 1, padding left out of the mean: nine slices summed. */
    private static NDArray plainAveragePool(NDArray x, int stride) {
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        int ho = (h - 1) / stride + 1;
        int wo = (w - 1) / stride + 1;
        NDArray padded = x.pad(new Shape(1, 1, 1, 1), 0);
        NDArray sum = null;
        for (int di = 0; di < 3; di++) {
            for (int dj = 0; dj < 3; dj++) {
                NDArray part = padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}",
                        di, di + (ho - 1) * stride + 1, stride, dj, dj + (wo - 1) * stride + 1, stride));
                sum = sum == null ? part : sum.add(part);
            }
        }
        float[] counts = new float[ho * wo];
        for (int i = 0; i < ho; i++) {
            int rows = Math.min(i * stride + 1, h - 1) - Math.max(i * stride - 1, 0) + 1;
            for (int j = 0; j < wo; j++) {
                int cols = Math.min(j * stride + 1, w - 1) - Math.max(j * stride - 1, 0) + 1;
                counts[i * wo + j] = rows * cols;
            }
        }
        return sum.div(x.getManager().create(counts, new Shape(1, 1, ho, wo)));
    }

    /** The plain mixed op: sum over the executed ops of weight times output, all new arrays. */
    private static NDArray plainMixed(MixedOp mixed, List<String> ops, int stride, ParameterStore ps, NDArray x,
                                      NDArray[] w, boolean[] active) {
        NDArray sum = null;
        for (int t = 0; t < ops.size(); t++) {
            String name = ops.get(t);
            if ((active != null && !active[t]) || name.equals(Primitives.NONE)) {
                continue;
            }
            Block op = named(mixed, name);
            NDArray y;
            if (name.equals(Primitives.MAX_POOL_3X3)) {
                y = child(op, "bn", ps, ai.djl.nn.pooling.Pool.maxPool2d(x, new Shape(3, 3),
                        new Shape(stride, stride), new Shape(1, 1), false));
            } else if (name.equals(Primitives.AVG_POOL_3X3)) {
                y = child(op, "bn", ps, plainAveragePool(x, stride));
            } else {
                y = plainOp(op, ps, x);
            }
            NDArray term = y.mul(w[t]);
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }

    private static NDArray plainCell(SearchCell cell, int nodes, List<String> ops, ParameterStore ps, NDArray s0,
                                     NDArray s1, NDArray[] w, boolean[][] active) {
        CellTopology topology = new CellTopology(nodes);
        List<NDArray> states = new ArrayList<>();
        states.add(plainOp(named(cell, "pre0"), ps, s0));
        states.add(plainOp(named(cell, "pre1"), ps, s1));
        for (int i = 0; i < nodes; i++) {
            NDArray node = null;
            for (int j = 0; j < i + 2; j++) {
                int e = topology.edge(i, j);
                NDArray[] we = new NDArray[ops.size()];
                System.arraycopy(w, e * ops.size(), we, 0, ops.size());
                int stride = cell.isReduction() && j < 2 ? 2 : 1;
                NDArray y = plainMixed(cell.edge(e), ops, stride, ps, states.get(j), we,
                        active == null ? null : active[e]);
                if (y != null) {
                    node = node == null ? y : node.add(y);
                }
            }
            states.add(node);
        }
        return NDArrays.concat(new NDList(states.subList(2, states.size())), 1);
    }

    // ---- comparison ----

    /** Output and gradients (inputs, block weights, mixing weights when they take part) of one pass. */
    private static List<NDArray> pass(NDManager m, Block block, List<NDArray> inputs, NDArray mixing,
                                      boolean mixingGradient, NDArray probe,
                                      Function<List<NDArray>, NDArray> forward) {
        ParameterGroup weights = ParameterGroup.of(block);
        weights.zeroGradients(m);
        List<NDArray> leaves = new ArrayList<>();
        for (NDArray in : inputs) {
            NDArray leaf = in.duplicate();
            leaf.setRequiresGradient(true);
            leaves.add(leaf);
        }
        NDArray w = mixing.duplicate();
        if (mixingGradient) {
            w.setRequiresGradient(true);
        }
        NDArray out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            List<NDArray> args = new ArrayList<>(leaves);
            args.add(w);
            out = forward.apply(args);
            gc.backward(out.mul(probe).sum());
        }
        List<NDArray> result = new ArrayList<>();
        result.add(out.duplicate());
        for (NDArray leaf : leaves) {
            result.add(leaf.getGradient().duplicate());
        }
        for (NDArray g : weights.gradients(m)) {
            result.add(g.duplicate());
        }
        if (mixingGradient) {
            result.add(w.getGradient().duplicate());
        }
        return result;
    }

    /**
     * @param allUsed every weight took part in the pass, so every gradient must be non-zero (with
     *                two ops per edge, the other ops' weights get zero gradients, in both forms)
     */
    private static void assertClose(List<NDArray> expected, List<NDArray> actual, String what, boolean allUsed) {
        assertClose(expected, actual, what, allUsed, RELATIVE);
    }

    private static void assertClose(List<NDArray> expected, List<NDArray> actual, String what, boolean allUsed,
                                    double relative) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getShape(), actual.get(i).getShape(), what + " tensor " + i);
            double scale = expected.get(i).abs().max().getFloat();
            double diff = expected.get(i).sub(actual.get(i)).abs().max().getFloat();
            assertTrue(scale > 0 || !allUsed, what + " tensor " + i + " is all zeros: the comparison would prove nothing");
            assertTrue(diff <= relative * scale, what + " tensor " + i + ": largest difference " + diff
                    + ", largest magnitude " + scale);
        }
    }

    private static NDArray[] split(NDArray w, int n) {
        return w.reshape(n).split(n).toArray(new NDArray[0]);
    }

    // ---- tests ----

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {1, 2})
    void mixedOpMatchesThePlainSumWithAndWithoutMixingGradients(int stride) {
        try (NDManager m = manager.newSubManager()) {
            MixedOp op = new MixedOp(4, stride, Primitives.DARTS);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 4, 7, 7));
            NDArray w = m.randomUniform(0.1f, 1f, new Shape(K));
            op.forward(ps, x, split(w, K), null, true);
            NDArray probe = m.randomNormal(op.forward(ps, x, split(w, K), null, true).getShape());
            boolean[] two = new boolean[K];
            two[Primitives.DARTS.indexOf(Primitives.SEP_CONV_3X3)] = true;
            two[Primitives.DARTS.indexOf(Primitives.SKIP_CONNECT)] = true;
            for (boolean[] active : new boolean[][] {null, two}) {
                for (boolean mixingGradient : new boolean[] {false, true}) {
                    List<NDArray> plain = pass(m, op, List.of(x), w, mixingGradient, probe,
                            a -> plainMixed(op, Primitives.DARTS, stride, ps, a.get(0), split(a.get(1), K), active));
                    List<NDArray> fast = pass(m, op, List.of(x), w, mixingGradient, probe,
                            a -> op.forward(ps, a.get(0), split(a.get(1), K), active, true));
                    assertClose(plain, fast, "stride " + stride + (active == null ? ", all ops" : ", two ops")
                            + (mixingGradient ? ", mixing gradient" : ", detached mixing"), active == null);
                }
            }
        }
    }

    @Test
    void dilatedConvolutionByPhasesMatchesTheEnginesDilatedConvolution() {
        // stride 1 on maps the dilated kernel spans (the phase form) and on one it does not (the
        // engine's own convolution): odd, even and non-square sizes, both layouts
        long[][] sizes = {{7, 7}, {8, 8}, {6, 9}, {3, 3}, {12, 12}};
        try (NDManager m = manager.newSubManager()) {
            for (int kernel : new int[] {3, 5}) {
                for (long[] size : sizes) {
                    DilConv op = new DilConv(4, kernel, 1, 2, false);
                    ParameterStore ps = new ParameterStore(m, false);
                    NDArray x = m.randomNormal(new Shape(2, 4, size[0], size[1]));
                    NDArray probe = m.randomNormal(op.forward(ps, x, true).getShape());
                    assertEquals(x.getShape(), probe.getShape());
                    NDArray none = m.zeros(new Shape(1));
                    for (boolean channelsLast : new boolean[] {false, true}) {
                        Function<NDArray, NDArray> in = a -> channelsLast ? ChannelsLast.of(a) : a;
                        List<NDArray> plain = pass(m, op, List.of(x), none, false, probe,
                                a -> plainOp(op, ps, in.apply(a.get(0))));
                        List<NDArray> fast = pass(m, op, List.of(x), none, false, probe,
                                a -> op.forward(ps, in.apply(a.get(0)), true));
                        assertClose(plain, fast, "dil_conv " + kernel + "x" + kernel + " on " + size[0] + "x" + size[1]
                                + (channelsLast ? ", channels last" : ""), true);
                    }
                }
            }
        }
    }

    @Test
    void searchCellMatchesThePlainCell() {
        // a reduction cell has both kinds of edges: stride 2 from its inputs (FactorizedReduce for
        // skip_connect, here on odd sizes), stride 1 from its first node
        int nodes = 2;
        int edges = new CellTopology(nodes).edges();
        try (NDManager m = manager.newSubManager()) {
            SearchCell cell = new SearchCell(nodes, 4, true, false, Primitives.DARTS);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray s0 = m.randomNormal(new Shape(2, 6, 5, 5));
            NDArray s1 = m.randomNormal(new Shape(2, 6, 5, 5));
            NDArray w = m.randomUniform(0.1f, 1f, new Shape(edges * K));
            NDArray probe = m.randomNormal(cell.forward(ps, s0, s1, split(w, edges * K), null, true).getShape());
            boolean[][] top2 = new boolean[edges][K];
            for (int e = 0; e < edges; e++) {
                top2[e][e % K] = true;
                top2[e][(e + 3) % K] = true;
            }
            for (boolean[][] active : new boolean[][][] {null, top2}) {
                for (boolean mixingGradient : new boolean[] {false, true}) {
                    List<NDArray> plain = pass(m, cell, List.of(s0, s1), w, mixingGradient, probe,
                            a -> plainCell(cell, nodes, Primitives.DARTS, ps, a.get(0), a.get(1),
                                    split(a.get(2), edges * K), active));
                    List<NDArray> fast = pass(m, cell, List.of(s0, s1), w, mixingGradient, probe,
                            a -> cell.forward(ps, a.get(0), a.get(1), split(a.get(2), edges * K), active, true));
                    String what = "reduction cell" + (active == null ? ", all ops" : ", two ops per edge")
                            + (mixingGradient ? ", mixing gradient" : ", detached mixing");
                    assertClose(plain, fast, what, active == null);
                    // the search network lays its arrays out channels last: both forms on such inputs
                    List<NDArray> plainNhwc = pass(m, cell, List.of(s0, s1), w, mixingGradient, probe,
                            a -> plainCell(cell, nodes, Primitives.DARTS, ps, ChannelsLast.of(a.get(0)),
                                    ChannelsLast.of(a.get(1)), split(a.get(2), edges * K), active));
                    List<NDArray> fastNhwc = pass(m, cell, List.of(s0, s1), w, mixingGradient, probe,
                            a -> cell.forward(ps, ChannelsLast.of(a.get(0)), ChannelsLast.of(a.get(1)),
                                    split(a.get(2), edges * K), active, true));
                    assertClose(plainNhwc, fastNhwc, what + ", channels last", active == null);
                    assertClose(plain, plainNhwc, what + ", plain form in both layouts", active == null,
                            LAYOUT_RELATIVE);
                }
            }
        }
    }

    @Test
    void searchNetworkGivesTheSameLogitsAndGradientsInBothLayouts() {
        SupernetConfig config = new SupernetConfig(1, 10, 4, 3, 2, Primitives.DARTS);
        int edges = new CellTopology(config.nodes()).edges();
        try (NDManager m = manager.newSubManager()) {
            SearchNetwork net = new SearchNetwork(config);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(3, 1, 9, 9));
            NDArray w = m.randomUniform(0.1f, 1f, new Shape(edges, K));
            Function<List<NDArray>, NDArray> forward = a -> net.forward(ps, a.get(0),
                    new Mixing(a.get(1), null), new Mixing(a.get(1), null), true);
            NDArray probe = m.randomNormal(net.forward(ps, x, new Mixing(w, null), new Mixing(w, null), true).getShape());
            for (boolean mixingGradient : new boolean[] {false, true}) {
                net.setChannelsLast(false);
                List<NDArray> nchw = pass(m, net, List.of(x), w, mixingGradient, probe, forward);
                net.setChannelsLast(true);
                List<NDArray> nhwc = pass(m, net, List.of(x), w, mixingGradient, probe, forward);
                assertClose(nchw, nhwc, "search network" + (mixingGradient ? ", mixing gradient" : ", detached mixing"),
                        true, LAYOUT_RELATIVE);
            }
        }
    }
}
