package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Rng;
import org.prdarts.search.relax.SoftmaxRelaxation;
import org.prdarts.space.CellPlan;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.Resolution;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** The search network: shapes, reduction positions, which ops a mixing executes. */
class SupernetTest {
    private static final int NODES = 2;
    private static final int OPS = Primitives.DARTS.size();
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static SupernetConfig tiny(int inputChannels) {
        return new SupernetConfig(inputChannels, 10, 4, 3, NODES, Primitives.DARTS);
    }

    private static Mixing uniform(NDManager m, int edges) {
        return new Mixing(m.ones(new Shape(edges, OPS)).div(OPS), null);
    }

    @Test
    void logitsHaveShapeBatchByClassesForEveryInputSize() {
        for (int channels : new int[] {1, 3}) {
            SearchNetwork net = new SearchNetwork(tiny(channels));
            int edges = net.edges();
            // parameters live in the network's manager; each pass's tensors in a scratch one
            ParameterStore ps = new ParameterStore(manager, false);
            for (int size : new int[] {8, 9, 28, 32}) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray x = m.randomNormal(new Shape(2, channels, size, size));
                    Mixing w = uniform(m, edges);
                    NDArray logits = net.forward(ps, x, w, w, true);
                    assertEquals(new Shape(2, 10), logits.getShape(), channels + " channels, size " + size);
                }
            }
        }
    }

    @Test
    void reductionsSitAtOneThirdAndTwoThirds() {
        assertEquals(List.of(2, 5), reductions(8));
        assertEquals(List.of(1, 2), reductions(3));
        assertEquals(List.of(1, 3), reductions(5));
        assertEquals(List.of(4, 8), reductions(12));
        assertEquals(List.of(), reductions(2));
        SearchNetwork net = new SearchNetwork(new SupernetConfig(1, 10, 4, 5, NODES, Primitives.DARTS));
        for (int i = 0; i < 5; i++) {
            assertEquals(i == 1 || i == 3, net.cells().get(i).isReduction(), "cell " + i);
        }
    }

    private static List<Integer> reductions(int layers) {
        SupernetConfig c = new SupernetConfig(1, 10, 4, layers, NODES, Primitives.DARTS);
        List<Integer> r = new ArrayList<>();
        for (CellPlan cell : c.plan(new Resolution(8, 8)).cells()) {
            if (cell.reduction()) {
                r.add(cell.index());
            }
        }
        return r;
    }

    @Test
    void configRejectsBadShapes() {
        assertEquals("channels must be even (FactorizedReduce halves them), found 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new SupernetConfig(1, 10, 5, 3, 2, Primitives.DARTS)).getMessage());
        assertEquals("layers must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> new SupernetConfig(1, 10, 4, 0, 2, Primitives.DARTS)).getMessage());
        assertEquals("number of classes must be >= 2, found 1", assertThrows(IllegalArgumentException.class,
                () -> new SupernetConfig(1, 1, 4, 3, 2, Primitives.DARTS)).getMessage());
    }

    /**
     * A top-2 mixing: exactly two ops per edge, chosen so that every op index (none included)
     * is selected on some edge.
     */
    private static boolean[][] topTwo(int edges, int shift) {
        boolean[][] active = new boolean[edges][OPS];
        for (int e = 0; e < edges; e++) {
            active[e][(e + shift) % OPS] = true;
            active[e][(e + shift + 3) % OPS] = true;
        }
        return active;
    }

    private static long[][] counters(SearchNetwork net, int cell) {
        SearchCell c = net.cells().get(cell);
        long[][] out = new long[c.edgeCount()][];
        for (int e = 0; e < c.edgeCount(); e++) {
            out[e] = c.edge(e).invocations();
        }
        return out;
    }

    @Test
    void onlyTheActiveNonNoneOpsAreExecuted() {
        SearchNetwork net = new SearchNetwork(tiny(1));
        int edges = net.edges();
        assertEquals(new CellTopology(NODES).edges(), edges);
        int none = Primitives.DARTS.indexOf(Primitives.NONE);
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(2, 1, 8, 8));
            Mixing all = uniform(m, edges);
            net.forward(ps, x, all, all, true);
            int cells = net.cells().size();
            long[][][] before = new long[cells][][];
            for (int i = 0; i < cells; i++) {
                before[i] = counters(net, i);
                for (int e = 0; e < edges; e++) {
                    // the all-active pass ran every op once, except `none`, which is never run
                    for (int t = 0; t < OPS; t++) {
                        assertEquals(t == none ? 0 : 1, before[i][e][t], "cell " + i + " edge " + e + " op " + t);
                    }
                }
            }
            boolean[][] normalMask = topTwo(edges, 0);
            boolean[][] reduceMask = topTwo(edges, 1);
            NDArray w = m.ones(new Shape(edges, OPS));
            net.forward(ps, x, new Mixing(w, normalMask), new Mixing(w, reduceMask), true);
            boolean noneSelected = false;
            for (int i = 0; i < cells; i++) {
                boolean[][] mask = net.cells().get(i).isReduction() ? reduceMask : normalMask;
                long[][] after = counters(net, i);
                for (int e = 0; e < edges; e++) {
                    int selected = 0;
                    for (int t = 0; t < OPS; t++) {
                        long expected = mask[e][t] && t != none ? 1 : 0;
                        assertEquals(expected, after[e][t] - before[i][e][t], "cell " + i + " edge " + e + " op " + t);
                        selected += mask[e][t] ? 1 : 0;
                        noneSelected |= mask[e][t] && t == none;
                    }
                    assertEquals(2, selected);
                }
            }
            assertTrue(noneSelected, "the masks should select `none` somewhere");
        }
    }

    @Test
    void softmaxMixingWeightsSumToOnePerEdge() {
        try (NDManager m = manager.newSubManager()) {
            int edges = new CellTopology(4).edges();
            Rng rng = Rng.of(3, Rng.Stream.INIT, 0);
            float[] v = new float[edges * OPS];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (3 * rng.nextGaussian());
            }
            NDArray logits = m.create(v, new Shape(edges, OPS));
            Mixing mix = new SoftmaxRelaxation().mix(logits, 1.0, null);
            assertEquals(null, mix.active());
            float[] sums = mix.weights().sum(new int[] {1}).toFloatArray();
            assertEquals(14, sums.length);
            for (float s : sums) {
                assertEquals(1f, s, 1e-5);
            }
            for (float w : mix.weights().toFloatArray()) {
                assertFalse(w < 0 || w > 1);
            }
        }
    }
}
