package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.space.ops.Primitives;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes, parameter counts and hand-computed values of the operation registry. */
class OpsTest {
    private static final int C = 4;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** A deterministic, non-constant input: x[i] = sin(i). */
    private static NDArray input(NDManager m, int channels, int size) {
        int n = 2 * channels * size * size;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i);
        }
        return m.create(v, new Shape(2, channels, size, size));
    }

    private static NDArray run(LazyBlock op, NDArray x) {
        return op.forward(new ParameterStore(x.getManager(), false), x, true);
    }

    @Test
    void registryHasTheEightDartsOpsInDartsOrder() {
        assertEquals(Primitives.DARTS, Ops.names().subList(0, Primitives.DARTS.size()));
    }

    @ParameterizedTest(name = "{0} stride {1} size {2}")
    @CsvSource({
        "none,1,8,8", "none,2,8,4", "none,2,9,5",
        "max_pool_3x3,1,8,8", "max_pool_3x3,2,8,4", "max_pool_3x3,2,9,5",
        "avg_pool_3x3,1,8,8", "avg_pool_3x3,2,8,4", "avg_pool_3x3,2,9,5",
        "skip_connect,1,8,8", "skip_connect,2,8,4", "skip_connect,2,9,5",
        "sep_conv_3x3,1,8,8", "sep_conv_3x3,2,8,4", "sep_conv_3x3,2,9,5",
        "sep_conv_5x5,1,8,8", "sep_conv_5x5,2,8,4", "sep_conv_5x5,2,9,5",
        "dil_conv_3x3,1,8,8", "dil_conv_3x3,2,8,4", "dil_conv_3x3,2,9,5",
        "dil_conv_5x5,1,8,8", "dil_conv_5x5,2,8,4", "dil_conv_5x5,2,9,5"})
    void outputShape(String name, int stride, int size, int expected) {
        for (boolean searchMode : new boolean[] {false, true}) {
            try (NDManager m = manager.newSubManager()) {
                NDArray y = run(Ops.create(name, C, stride, true, searchMode), input(m, C, size));
                assertEquals(new Shape(2, C, expected, expected), y.getShape(), name + " search=" + searchMode);
            }
        }
    }

    /**
     * Trainable scalars of each op with C input and output channels (convolutions have no bias):
     * <ul>
     *   <li>none, pools, skip_connect stride 1: 0 (the search-mode BN after a pool is non-affine)</li>
     *   <li>skip_connect stride 2 (FactorizedReduce): 2 * (C * C/2) + affine * 2C</li>
     *   <li>sep_conv_kxk: 2 * (C*k*k + C*C) + affine * 2 * 2C</li>
     *   <li>dil_conv_kxk: C*k*k + C*C + affine * 2C</li>
     * </ul>
     */
    static long handCount(String name, int stride, boolean affine) {
        long bn = affine ? 2L * C : 0;
        return switch (name) {
            case "none", "max_pool_3x3", "avg_pool_3x3" -> 0;
            case "skip_connect" -> stride == 1 ? 0 : 2L * (C * (C / 2)) + bn;
            case "sep_conv_3x3" -> 2 * (C * 9L + C * C) + 2 * bn;
            case "sep_conv_5x5" -> 2 * (C * 25L + C * C) + 2 * bn;
            case "dil_conv_3x3" -> C * 9L + C * C + bn;
            case "dil_conv_5x5" -> C * 25L + C * C + bn;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void parameterCountsMatchHandCounts() {
        for (String name : Primitives.DARTS) {
            for (int stride : new int[] {1, 2}) {
                for (boolean affine : new boolean[] {true, false}) {
                    for (boolean searchMode : new boolean[] {false, true}) {
                        try (NDManager m = manager.newSubManager()) {
                            LazyBlock op = Ops.create(name, C, stride, affine, searchMode);
                            run(op, input(m, C, 8));
                            assertEquals(handCount(name, stride, affine), ParameterGroup.of(op).scalarCount(),
                                    name + " stride " + stride + " affine " + affine + " search " + searchMode);
                        }
                    }
                }
            }
        }
    }

    /** The registry's costs count the scalars of the ops it builds, as each network builds them. */
    @Test
    void registryCostsCountTheBuiltOps() {
        for (String name : Primitives.DARTS) {
            for (int stride : new int[] {1, 2}) {
                for (boolean searchMode : new boolean[] {false, true}) {
                    boolean affine = !searchMode;
                    try (NDManager m = manager.newSubManager()) {
                        LazyBlock op = Ops.create(name, C, stride, affine, searchMode);
                        run(op, input(m, C, 8));
                        Cost cost = Ops.cost(name, C, stride, 64, 64 / (stride * stride), searchMode);
                        String what = name + " stride " + stride + " search " + searchMode;
                        assertEquals(ParameterGroup.of(op).scalarCount(), cost.trainable(affine), what);
                        assertEquals(allScalars(op), cost.trainable(affine) + cost.untrained(affine), what);
                        assertEquals(cost.weights() * 64 / (stride * stride), cost.multAdds(), what);
                    }
                }
            }
        }
    }

    @Test
    void preprocessingCostsCountTheBuiltBlocks() {
        for (boolean halve : new boolean[] {false, true}) {
            try (NDManager m = manager.newSubManager()) {
                LazyBlock block = Ops.preprocessing(halve, C, true, false);
                NDArray y = run(block, input(m, 6, 8));
                assertEquals(new Shape(2, C, halve ? 4 : 8, halve ? 4 : 8), y.getShape());
                Cost cost = halve ? FactorizedReduce.cost(6, C, 64, 16, false) : ReluConvBn.cost(6, C, 1, 64, 64);
                // 6 -> 4 channels without bias (two 6 -> 2 halves for FactorizedReduce), affine BN
                assertEquals(6 * C + 2 * C, cost.trainable(true));
                assertEquals(ParameterGroup.of(block).scalarCount(), cost.trainable(true));
                assertEquals(allScalars(block), cost.trainable(true) + cost.untrained(true));
            }
        }
    }

    private static long allScalars(LazyBlock block) {
        long n = 0;
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            n += p.getValue().getArray().size();
        }
        return n;
    }

    @Test
    void sepConv3x3HandCountSpelledOut() {
        // C=4 affine: 2 * (4*9 + 4*4) + 2 * 2*4 = 104 + 16 = 120
        assertEquals(120, handCount("sep_conv_3x3", 1, true));
        try (NDManager m = manager.newSubManager()) {
            LazyBlock op = Ops.create("sep_conv_3x3", C, 1, true, false);
            run(op, input(m, C, 8));
            assertEquals(120, ParameterGroup.of(op).scalarCount());
        }
    }

    @Test
    void reluConvBnParameterCount() {
        // 1x1 conv from 6 to 4 channels without bias, affine BN: 4*6 + 2*4 = 32; non-affine: 24
        try (NDManager m = manager.newSubManager()) {
            ReluConvBn affine = new ReluConvBn(4, 1, 1, 0, true);
            NDArray y = run(affine, input(m, 6, 8));
            assertEquals(new Shape(2, 4, 8, 8), y.getShape());
            assertEquals(32, ParameterGroup.of(affine).scalarCount());
            ReluConvBn plain = new ReluConvBn(4, 1, 1, 0, false);
            run(plain, input(m, 6, 8));
            assertEquals(24, ParameterGroup.of(plain).scalarCount());
        }
    }

    /** arange 4x4: rows 0 1 2 3 / 4 5 6 7 / 8 9 10 11 / 12 13 14 15. */
    private static NDArray arange4x4(NDManager m) {
        return m.arange(0f, 16f).reshape(1, 1, 4, 4);
    }

    @Test
    void averagePoolingLeavesThePaddingOutOfTheMean() {
        try (NDManager m = manager.newSubManager()) {
            float[] y = run(new Pool(false, 1, false), arange4x4(m)).toFloatArray();
            // corner: (0+1+4+5)/4 = 2.5, not 10/9
            assertEquals(2.5f, y[0], 1e-5);
            // top edge (0,1): (0+1+2+4+5+6)/6 = 3
            assertEquals(3f, y[1], 1e-5);
            // interior (1,1): (0+1+2+4+5+6+8+9+10)/9 = 5
            assertEquals(5f, y[5], 1e-5);
            // far corner (3,3): (10+11+14+15)/4 = 12.5
            assertEquals(12.5f, y[15], 1e-5);

            float[] s2 = run(new Pool(false, 2, false), arange4x4(m)).toFloatArray();
            // windows centred on (0,0), (0,2), (2,0), (2,2): 10/4, 24/6, 51/6, 90/9
            assertArrayEquals(new float[] {2.5f, 4f, 8.5f, 10f}, s2, 1e-5f);
        }
    }

    @Test
    void maxPoolingKnownValues() {
        try (NDManager m = manager.newSubManager()) {
            float[] y = run(new Pool(true, 1, false), arange4x4(m)).toFloatArray();
            assertArrayEquals(new float[] {5, 6, 7, 7, 9, 10, 11, 11, 13, 14, 15, 15, 13, 14, 15, 15}, y, 0f);
            float[] s2 = run(new Pool(true, 2, false), arange4x4(m)).toFloatArray();
            assertArrayEquals(new float[] {5, 7, 13, 15}, s2, 0f);
        }
    }

    @ParameterizedTest(name = "{0}x{0} -> {1}x{1}")
    @CsvSource({"7,4", "8,4", "9,5"})
    void factorizedReduceShapes(int size, int expected) {
        try (NDManager m = manager.newSubManager()) {
            // 6 channels in, 4 out: the cell preprocessing changes the channel count too
            FactorizedReduce fr = new FactorizedReduce(4, true);
            NDArray y = run(fr, input(m, 6, size));
            assertEquals(new Shape(2, 4, expected, expected), y.getShape());
            // two 1x1 convolutions 6 -> 2 each, affine BN over 4: 2*(2*6) + 2*4 = 32
            assertEquals(32, ParameterGroup.of(fr).scalarCount());
        }
    }

    @Test
    void factorizedReduceNeedsEvenChannels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FactorizedReduce(5, true));
        assertEquals("FactorizedReduce needs an even channel count, found 5", e.getMessage());
    }

    @Test
    void noneGivesZerosOfTheOutputShape() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, C, 9);
            NDArray y1 = run(Ops.create("none", C, 1, false, true), x);
            assertEquals(x.getShape(), y1.getShape());
            assertEquals(0f, y1.abs().sum().getFloat());
            NDArray y2 = run(Ops.create("none", C, 2, false, true), x);
            assertEquals(new Shape(2, C, 5, 5), y2.getShape());
            assertEquals(0f, y2.abs().sum().getFloat());
        }
    }

    @Test
    void identityReturnsItsInput() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, C, 8);
            assertEquals(x, run(Ops.create("skip_connect", C, 1, true, false), x));
        }
    }

    @Test
    void unknownOpNamesTheRegistry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ops.create("conv_7x7", C, 1, true, false));
        assertTrue(e.getMessage().startsWith("unknown operation 'conv_7x7', expected one of none, "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ops.validate(List.of("none", "none")));
        assertThrows(IllegalArgumentException.class, () -> Ops.validate(List.of()));
    }

    /**
     * PyTorch's convention, which Layers documents: after one training pass from fresh running
     * statistics (mean 0, variance 1), running_mean = 0.9 * 0 + 0.1 * batch mean and
     * running_var = 0.9 * 1 + 0.1 * unbiased batch variance.
     */
    @Test
    void batchNormMomentumFollowsPyTorch() {
        try (NDManager m = manager.newSubManager()) {
            // one channel, values 1..8 : mean 4.5, unbiased variance 6
            NDArray x = m.arange(1f, 9f).reshape(2, 1, 2, 2);
            BatchNorm bn = Layers.bn(false);
            bn.initialize(m, DataType.FLOAT32, x.getShape());
            ParameterStore ps = new ParameterStore(m, false);
            bn.forward(ps, new ai.djl.ndarray.NDList(x), true);
            float mean = bn.getParameters().get("runningMean").getArray().getFloat(0);
            float var = bn.getParameters().get("runningVar").getArray().getFloat(0);
            assertEquals(0.45f, mean, 1e-5, "running mean");
            assertEquals(0.9f + 0.6f, var, 1e-4, "running variance");
        }
    }
}
