package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.Genotypes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output shapes of the derived network and its auxiliary head, and the parameter count against DJL's. */
class DerivedNetworkTest {

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
