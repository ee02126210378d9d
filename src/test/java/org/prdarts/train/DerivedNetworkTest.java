package org.prdarts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.Genotypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output shapes of the derived network and its auxiliary head, the parameter count against DJL's,
 * and the same values in both memory layouts.
 */
class DerivedNetworkTest {
    /**
     * Between the two layouts the engine sums a weight gradient over batch and pixels in another
     * order, and training-mode BatchNorm's backward pass (a difference of nearly equal sums) magnifies
     * that rounding. With 8 images of 16 to 64 pixels a side the largest difference seen was 9.5e-6 of
     * a tensor's largest value, and perturbing the input by 1e-7 of itself in one layout moved the
     * gradients by up to 4.5e-6; with 3 images of 8 pixels (2x2 maps in the last cells) both reached
     * 1e-4, which is why the inputs here are larger.
     */
    private static final double LAYOUT_RELATIVE = 1e-4;
    /** Logits of the two layouts at 2 to 8 channels agree to this share of the largest logit. */
    private static final double SMALL_CHANNELS_RELATIVE = 1e-5;

    static NetworkConfig tiny(Genotype g, boolean aux, boolean imagenet, int channels, int size) {
        return new NetworkConfig(g, channels, size, size, 5, 4, 3, aux, imagenet, 0.2);
    }

    @Test
    void cifarNetworkShapesWithAuxiliaryHead() {
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedNetwork net = new DerivedNetwork(tiny(Genotypes.PRDARTS, true, false, 1, 8));
            net.initialize(m);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomNormal(new Shape(3, 1, 8, 8));
            DerivedNetwork.Output train = net.forward(ps, x, null, true);
            assertEquals(new Shape(3, 5), train.logits().getShape());
            assertEquals(new Shape(3, 5), train.auxLogits().getShape());
            DerivedNetwork.Output eval = net.forward(ps, x, null, false);
            assertEquals(new Shape(3, 5), eval.logits().getShape());
            assertNull(eval.auxLogits(), "the auxiliary head runs only in training");
            // cells 1 and 2 reduce (L=3): 8x8 -> 4x4 -> 2x2; cell outputs concat 4 nodes
            assertTrue(net.cells().get(1).isReduction());
            assertTrue(net.cells().get(2).isReduction());
        }
    }

    @Test
    void rgbOddSizeAndImagenetStemWork() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            DerivedNetwork odd = new DerivedNetwork(tiny(Genotypes.DARTS_V2, true, false, 3, 11));
            odd.initialize(m);
            assertEquals(new Shape(2, 5), odd.forward(ps, m.zeros(new Shape(2, 3, 11, 11)), null, true)
                    .auxLogits().getShape());
            DerivedNetwork in = new DerivedNetwork(tiny(Genotypes.DARTS_V1, true, true, 3, 32));
            in.initialize(m);
            DerivedNetwork.Output out = in.forward(ps, m.randomNormal(new Shape(2, 3, 32, 32)), null, true);
            assertEquals(new Shape(2, 5), out.logits().getShape());
            assertEquals(new Shape(2, 5), out.auxLogits().getShape());
        }
    }

    @Test
    void bothLayoutsGiveTheSameLogitsAndGradients() {
        // every op kind of the space (DARTS_V2 and PRDARTS between them), odd sizes, the auxiliary
        // head, drop path, both stems, training and evaluation mode
        Object[][] cases = {{Genotypes.PRDARTS, false, 1, 16}, {Genotypes.DARTS_V2, false, 3, 19},
            {Genotypes.DARTS_V1, true, 3, 64}};
        for (Object[] c : cases) {
            Genotype g = (Genotype) c[0];
            boolean imagenet = (Boolean) c[1];
            int channels = (Integer) c[2];
            int size = (Integer) c[3];
            String what = g + (imagenet ? ", imagenet stem" : ", cifar stem");
            try (NDManager m = NDManager.newBaseManager()) {
                DerivedNetwork net = new DerivedNetwork(tiny(g, true, imagenet, channels, size));
                net.initialize(m);
                ParameterStore ps = new ParameterStore(m, false);
                NDArray x = m.randomNormal(new Shape(8, channels, size, size));
                int sites = net.cells().stream().mapToInt(DerivedCell::sites).sum();
                DropPath drop = DropPath.draw(m, 7, 0, 0, sites, 8, 0.3);
                for (boolean training : new boolean[] {true, false}) {
                    net.setChannelsLast(false);
                    List<NDArray> nchw = pass(m, net, x, drop, training);
                    net.setChannelsLast(true);
                    List<NDArray> nhwc = pass(m, net, x, drop, training);
                    assertEquals(nchw.size(), nhwc.size());
                    for (int i = 0; i < nchw.size(); i++) {
                        double scale = nchw.get(i).abs().max().getFloat();
                        double diff = nchw.get(i).sub(nhwc.get(i)).abs().max().getFloat();
                        assertTrue(scale > 0, what + " tensor " + i + " is all zeros: the comparison would prove nothing");
                        assertTrue(diff <= LAYOUT_RELATIVE * scale, what + (training ? " training" : " evaluation")
                                + " tensor " + i + ": largest difference " + diff + ", largest magnitude " + scale);
                    }
                }
            }
        }
    }

    /**
     * At the channel counts where FactorizedReduce leaves channels-last layout (fewer than 16 input
     * channels) and where it keeps it, on grey and colour input, with the auxiliary head: the
     * layout changes no logit, in training and in evaluation mode. (FactorizedReduce's
     * gradients are compared at these counts in FactorizedReduceLayoutTest.)
     */
    @Test
    void smallChannelCountsGiveTheSameLogitsInBothLayouts() {
        int[][] cases = {{2, 1}, {4, 3}, {6, 1}, {8, 3}, {2, 3}, {4, 1}, {6, 3}, {8, 1}};
        for (int[] c : cases) {
            String what = "C=" + c[0] + ", " + c[1] + " input channels";
            try (NDManager m = NDManager.newBaseManager()) {
                DerivedNetwork net = new DerivedNetwork(new NetworkConfig(Genotypes.DARTS_V2, c[1], 32, 32, 5, c[0], 3,
                        true, false, 0.2));
                net.initialize(m);
                NDArray x = m.randomNormal(new Shape(8, c[1], 32, 32));
                int sites = net.cells().stream().mapToInt(DerivedCell::sites).sum();
                DropPath drop = DropPath.draw(m, 7, 0, 0, sites, 8, 0.3);
                ParameterStore ps = new ParameterStore(m, false);
                for (boolean training : new boolean[] {true, false}) {
                    net.setChannelsLast(false);
                    NDArray nchw = net.forward(ps, x, training ? drop : null, training).logits();
                    net.setChannelsLast(true);
                    NDArray nhwc = net.forward(ps, x, training ? drop : null, training).logits();
                    double scale = nchw.abs().max().getFloat();
                    double diff = nchw.sub(nhwc).abs().max().getFloat();
                    assertTrue(scale > 0, what + ": all logits are zero, the comparison would prove nothing");
                    assertTrue(diff <= SMALL_CHANNELS_RELATIVE * scale, what + (training ? " training" : " evaluation")
                            + ": largest logit difference " + diff + ", largest logit " + scale);
                }
            }
        }
    }

    /**
     * Logits, auxiliary logits and the gradients of the input and of every weight of one pass
     * (the loss a fixed combination of both outputs); in evaluation mode the logits alone.
     */
    private static List<NDArray> pass(NDManager m, DerivedNetwork net, NDArray x, DropPath drop, boolean training) {
        ParameterGroup weights = ParameterGroup.of(net);
        weights.zeroGradients(m);
        ParameterStore ps = new ParameterStore(m, false);
        List<NDArray> result = new ArrayList<>();
        if (!training) {
            result.add(net.forward(ps, x, null, false).logits().duplicate());
            return result;
        }
        NDArray leaf = x.duplicate();
        leaf.setRequiresGradient(true);
        DerivedNetwork.Output out;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            out = net.forward(ps, leaf, drop, true);
            // a fixed random combination of the outputs (the same in both layouts: seeded by the shape)
            NDArray loss = out.logits().mul(probe(m, out.logits().getShape(), 1)).sum()
                    .add(out.auxLogits().mul(probe(m, out.auxLogits().getShape(), 2)).sum());
            gc.backward(loss);
        }
        result.add(out.logits().duplicate());
        result.add(out.auxLogits().duplicate());
        result.add(leaf.getGradient().duplicate());
        for (NDArray gradient : weights.gradients(m)) {
            result.add(gradient.duplicate());
        }
        return result;
    }

    private static NDArray probe(NDManager m, Shape shape, int salt) {
        float[] v = new float[Math.toIntExact(shape.size())];
        Random r = new Random(salt);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, shape);
    }

    @Test
    void analyticParameterCountEqualsTheBlocksTrainableParameters() {
        Genotype twoNodes = GenotypeFormat.parse("Genotype(normal=[('sep_conv_5x5', 1), ('skip_connect', 0),"
                + " ('dil_conv_3x3', 2), ('avg_pool_3x3', 1)], normal_concat=[2, 3],"
                + " reduce=[('skip_connect', 0), ('dil_conv_5x5', 1), ('max_pool_3x3', 2), ('sep_conv_3x3', 0)],"
                + " reduce_concat=[2, 3])");
        Object[][] cases = {{Genotypes.PRDARTS, false}, {twoNodes, false}, {Genotypes.DARTS_V2, true}};
        for (Object[] c : cases) {
            {
                Genotype g = (Genotype) c[0];
                boolean imagenet = (Boolean) c[1];
                NetworkConfig cfg = tiny(g, true, imagenet, imagenet ? 3 : 1, imagenet ? 32 : 8);
                NetworkSize size = NetworkSize.of(cfg);
                try (NDManager m = NDManager.newBaseManager()) {
                    DerivedNetwork net = new DerivedNetwork(cfg);
                    net.initialize(m);
                    assertEquals(size.totalParams(), ParameterGroup.of(net).scalarCount(), g + " imagenet=" + imagenet);
                }
            }
        }
    }

    @Test
    void cellOutputsConcatenateTheConcatNodes() {
        Genotype g = GenotypeFormat.parse("Genotype(normal=[('skip_connect', 0), ('skip_connect', 1),"
                + " ('skip_connect', 2), ('skip_connect', 0)], normal_concat=[3],"
                + " reduce=[('skip_connect', 0), ('skip_connect', 1), ('skip_connect', 2), ('skip_connect', 0)],"
                + " reduce_concat=[2, 3])");
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedCell cell = new DerivedCell(g, 4, false, false);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray y = cell.forward(ps, m.ones(new Shape(2, 6, 5, 5)), m.ones(new Shape(2, 6, 5, 5)), null, 0, true);
            assertArrayEquals(new long[] {2, 4, 5, 5}, y.getShape().getShape());
        }
    }

    @Test
    void configRejectsBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(Genotypes.PRDARTS, 1, 8, 8, 10, 5, 3, true, false, 0.2));
        assertEquals("channels must be even and >= 2, found 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(Genotypes.PRDARTS, 1, 8, 8, 10, 4, 3, true, false, 1.0));
        assertEquals("drop-path must be in [0, 1), found 1.0", e.getMessage());
    }
}
