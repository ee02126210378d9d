package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.space.ops.Primitives;
import org.prdarts.supernet.Mixing;
import org.prdarts.supernet.SearchNetwork;
import org.prdarts.supernet.SupernetConfig;
import org.prdarts.search.relax.GateConfig;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;


class MemoryEstimateTest {

    private static final SupernetConfig QUICK = new SupernetConfig(1, 10, 8, 5, 4, Primitives.DARTS);

    @Test
    void parameterCountByHand() {
        // stem 1->6 3x3 (54) + affine BN (12); pre0, pre1 6->2 1x1 (12 each);
        // two edges of sep_conv_3x3 at C=2: 2 * (2*9 + 2*2) = 44 each; classifier 2->2 + bias (6)
        SupernetConfig net = new SupernetConfig(1, 2, 2, 1, 1,
                List.of(Primitives.SKIP_CONNECT, Primitives.SEP_CONV_3X3));
        assertEquals(54 + 12 + 24 + 88 + 6, SearchMemory.trainableParameters(net));
    }

    @Test
    void parameterCountMatchesTheBuiltNetwork() {
        // reductions at cells 1 and 2 (L=3), FactorizedReduce after them, odd sizes on the way
        checkAgainstNetwork(new SupernetConfig(1, 10, 4, 3, 1, Primitives.DARTS), 7);
        checkAgainstNetwork(new SupernetConfig(3, 5, 6, 4, 2,
                List.of(Primitives.NONE, Primitives.MAX_POOL_3X3, Primitives.SKIP_CONNECT,
                        Primitives.DIL_CONV_5X5), 2), 6);
    }

    private static void checkAgainstNetwork(SupernetConfig config, int size) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SearchNetwork net = new SearchNetwork(config);
            ParameterStore ps = new ParameterStore(manager, false);
            int edges = net.cells().get(0).edgeCount();
            int ops = config.ops().size();
            try (NDManager scratch = manager.newSubManager()) {
                NDArray x = scratch.zeros(new Shape(2, config.inputChannels(), size, size));
                Mixing all = new Mixing(scratch.ones(new Shape(edges, ops)), null);
                net.forward(ps, x, all, all, true);
            }
            assertEquals(ParameterGroup.of(net).scalarCount(), SearchMemory.trainableParameters(config),
                    "trainable scalars of " + config);
            long all = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                all += p.getValue().getArray().size();
            }
            assertEquals(all, SearchMemory.trainableParameters(config) + SearchMemory.stateScalars(config),
                    "all scalars of " + config);
        }
    }

    @Test
    void activationsByHand() {
        // one normal cell, one node, two identity edges, 4x4 images, batch 1, per image, what
        // stays alive for the backward pass: the stem conv output kept by its BN 6*16 = 96; each
        // preprocessing: ReLU 6*16 + conv output 2*16 = 128; the two edges' input states and their
        // ReLUs 2*2*2*16 = 128; identities keep nothing beyond their input: 480 elements
        SupernetConfig net = new SupernetConfig(1, 2, 2, 1, 1, List.of(Primitives.NONE, Primitives.SKIP_CONNECT));
        MemoryEstimate e = SearchMemory.forSearch(net, 1, 4, 4, Method.DARTS, GateConfig.Mode.TOP2);
        // one pass's tensors are resident at the peak (the passes run in separate managers),
        // plus the two input batches, times the calibrated factor for backward and allocator
        long expected = (long) (SearchMemory.ALL_OPS_FACTOR * (480 + 2 * 16) * 4);
        assertEquals(expected, e.activationBytes());
        // PR-DARTS top2 runs the same single op here, under the factor of two-op passes
        MemoryEstimate top2 = SearchMemory.forSearch(net, 1, 4, 4, Method.PRDARTS, GateConfig.Mode.TOP2);
        assertEquals((long) (SearchMemory.TWO_OPS_FACTOR * (480 + 2 * 16) * 4), top2.activationBytes());
    }

    @Test
    void partsOfTheQuickPreset() {
        MemoryEstimate e = SearchMemory.forSearch(QUICK, 64, 28, 28, Method.DARTS, GateConfig.Mode.TOP2);
        long weights = SearchMemory.trainableParameters(QUICK);
        long archScalars = 2L * 14 * 8;
        assertEquals((weights + SearchMemory.stateScalars(QUICK) + archScalars) * 4, e.parameterBytes());
        assertEquals((weights * (2 + MemoryEstimate.UPDATE_TEMPORARIES) + 3 * archScalars) * 4, e.optimizerBytes());
        assertEquals(MemoryEstimate.RUNTIME_BYTES, e.runtimeBytes());
        assertEquals(e.parameterBytes() + e.optimizerBytes() + e.activationBytes() + e.runtimeBytes(), e.total());
    }

    @Test
    void executedOpsOrderTheMethods() {
        long darts = SearchMemory.forSearch(QUICK, 64, 28, 28, Method.DARTS, GateConfig.Mode.TOP2).activationBytes();
        long full = SearchMemory.forSearch(QUICK, 64, 28, 28, Method.PRDARTS, GateConfig.Mode.FULL).activationBytes();
        long top2 = SearchMemory.forSearch(QUICK, 64, 28, 28, Method.PRDARTS, GateConfig.Mode.TOP2).activationBytes();
        // full gates execute the same seven ops DARTS does; top2 two of seven per edge
        assertEquals(darts, full);
        assertTrue(top2 < 0.4 * darts && top2 > 0.2 * darts, "top2 " + top2 + " vs darts " + darts);
    }

    @Test
    void activationsScaleWithTheBatch() {
        MemoryEstimate one = SearchMemory.forSearch(QUICK, 32, 28, 28, Method.PRDARTS, GateConfig.Mode.TOP2);
        MemoryEstimate two = SearchMemory.forSearch(QUICK, 64, 28, 28, Method.PRDARTS, GateConfig.Mode.TOP2);
        assertEquals(2.0, (double) two.activationBytes() / one.activationBytes(), 1e-6);
        assertEquals(one.parameterBytes(), two.parameterBytes());
        assertEquals(one.optimizerBytes(), two.optimizerBytes());
    }

    @Test
    void refusesWhatDoesNotFit() {
        MemoryEstimate e = MemoryEstimate.of(1L << 20, 2L << 20, 1L << 30, 300L << 20);
        String hint = SearchMemory.suggestion(Method.PRDARTS, GateConfig.Mode.FULL);
        e.require(e.total(), "search", hint);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.require(1L << 30, "search", hint));
        assertTrue(ex.getMessage().startsWith("the search is estimated to need 1.30 GiB"), ex.getMessage());
        assertTrue(ex.getMessage().contains("more than the 1.00 GiB --max-memory allows"), ex.getMessage());
        assertTrue(ex.getMessage().contains("--batch-size") && ex.getMessage().contains("--gate-mode top2")
                && ex.getMessage().endsWith("or a larger --max-memory"), ex.getMessage());
        assertTrue(!ex.getMessage().contains("\n"), "one line");
        assertThrows(IllegalArgumentException.class, () -> e.require(-1, "search", hint));
    }

    @Test
    void dataBytesAddToTheRuntime() {
        MemoryEstimate e = MemoryEstimate.of(1, 2, 3, 4).plusData(100);
        // the bytes held, the decoding buffers and the heap the JVM keeps from them
        assertEquals(4 + 225, e.runtimeBytes());
        assertEquals(1 + 2 + 3 + 4 + 225, e.total());
        assertThrows(IllegalArgumentException.class, () -> e.plusData(-1));
    }

    @Test
    void describeNamesEveryPart() {
        MemoryEstimate e = MemoryEstimate.of(3L << 20, 5L << 20, 2L << 30, 330L << 20);
        assertEquals("estimated memory 2.33 GiB (parameters 3 MiB, optimizer 5 MiB, activations 2.00 GiB,"
                + " runtime 330 MiB)", e.describe());
    }

    @Test
    void sizesReadInTheirUnit() {
        assertEquals("1 KiB", MemoryEstimate.format(1024));
        assertEquals("512 MiB", MemoryEstimate.format(512L << 20));
        assertEquals("3.10 GiB", MemoryEstimate.format((long) (3.1 * (1L << 30))));
    }

    @Test
    void suggestionsPointAtTheCheaperSettings() {
        assertEquals("try a smaller --batch-size, fewer --channels/--layers, or --gate-mode top2",
                SearchMemory.suggestion(Method.PRDARTS, GateConfig.Mode.FULL));
        assertTrue(SearchMemory.suggestion(Method.DARTS, GateConfig.Mode.TOP2).contains("PR-DARTS with --gate-mode top2"));
    }

    @Test
    void rejectsBadInput() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> SearchMemory.forSearch(QUICK, 0, 28, 28, Method.DARTS, GateConfig.Mode.TOP2));
        assertEquals("batch size must be >= 1, found 0", batch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SearchMemory.forSearch(QUICK, 8, 28, 28, null,
                GateConfig.Mode.TOP2));
        assertThrows(IllegalArgumentException.class, () -> SearchMemory.forSearch(QUICK, 8, 28, 28, Method.PRDARTS,
                null));
        IllegalArgumentException total = assertThrows(IllegalArgumentException.class,
                () -> new MemoryEstimate(1, 2, 3, 4, 11));
        assertEquals("total must equal the sum of the parts (10), found 11", total.getMessage());
    }

    @Test
    void readsMemAvailable() {
        String text = "MemTotal:       24000000 kB\nMemFree:        20000000 kB\nMemAvailable:   21500000 kB\n";
        assertEquals(21500000L * 1024, MemoryEstimate.parseMeminfo(text, "MemAvailable").getAsLong());
        assertTrue(MemoryEstimate.parseMeminfo("MemTotal: 5 kB\n", "MemAvailable").isEmpty());
        assertTrue(MemoryEstimate.parseMeminfo("MemAvailable: many kB\n", "MemAvailable").isEmpty());
        assertTrue(MemoryEstimate.availableBytes() > 0);
    }
}
