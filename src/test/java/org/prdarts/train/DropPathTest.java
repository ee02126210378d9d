package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropPathTest {

    @Test
    void keepsTheExpectedValueAndDrawsReproducibly() {
        try (NDManager m = NDManager.newBaseManager()) {
            int batch = 20_000;
            DropPath d = DropPath.draw(m, 7, 3, 11, 2, batch, 0.3);
            NDArray x = m.full(new Shape(batch, 1, 1, 1), 2f);
            float[] y = d.apply(1, x).toFloatArray();
            double mean = 0;
            int zeros = 0;
            for (float v : y) {
                assertTrue(v == 0f || Math.abs(v - 2f / 0.7f) < 1e-5, "each sample is dropped or scaled by 1/keep");
                zeros += v == 0f ? 1 : 0;
                mean += v;
            }
            mean /= batch;
            // mean of 20,000 draws: std of the mean = 2 / 0.7 * sqrt(0.3 * 0.7 / 20000) ~ 0.009
            assertEquals(2.0, mean, 0.04);
            assertEquals(0.3, zeros / (double) batch, 0.015);
            DropPath again = DropPath.draw(m, 7, 3, 11, 2, batch, 0.3);
            assertArrayEquals(d.masks().toFloatArray(), again.masks().toFloatArray());
            DropPath other = DropPath.draw(m, 7, 3, 12, 2, batch, 0.3);
            assertTrue(!java.util.Arrays.equals(d.masks().toFloatArray(), other.masks().toFloatArray()));
            assertNull(DropPath.draw(m, 7, 3, 11, 2, batch, 0));
            assertEquals(0.1, DropPath.ramp(0.2, 5, 10), 1e-12);
        }
    }

    /** A cell whose node 0 is skip_connect(0) + avg_pool_3x3(1): only the pooling output may be dropped. */
    @Test
    void neverTouchesIdentityOpsAndIsOffInEvaluation() {
        Genotype g = GenotypeFormat.parse("Genotype(normal=[('skip_connect', 0), ('avg_pool_3x3', 1)],"
                + " normal_concat=[2], reduce=[('skip_connect', 0), ('avg_pool_3x3', 1)], reduce_concat=[2])");
        try (NDManager m = NDManager.newBaseManager()) {
            DerivedCell cell = new DerivedCell(g, 2, false, false);
            assertTrue(cell.isIdentity(0));
            assertTrue(!cell.isIdentity(1));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray s0 = m.randomNormal(new Shape(64, 2, 4, 4));
            NDArray s1 = m.randomNormal(new Shape(64, 2, 4, 4));
            cell.forward(ps, s0, s1, null, 0, true);
            // masks that drop every sample of site 1 (the pool) and site 0 (the identity)
            DropPath all = DropPath.draw(m, 1, 0, 0, 2, 64, 0.999999);
            float[] dropped = cell.forward(ps, s0, s1, all, 0, true).toFloatArray();
            float[] identityOnly = cell.forward(ps, s0, s1, null, 0, true).toFloatArray();
            NDArray pre0 = cell.forward(ps, s0, m.zeros(s1.getShape()), null, 0, true);
            // with the pool dropped the node equals the identity path alone: preprocess(s0)
            assertEquals(0, m.create(dropped).sub(pre0.flatten()).abs().max().getFloat(), 1e-5,
                    "the identity path is kept");
            assertTrue(!java.util.Arrays.equals(dropped, identityOnly), "the pool path was dropped");
            float[] eval1 = cell.forward(ps, s0, s1, all, 0, false).toFloatArray();
            float[] eval2 = cell.forward(ps, s0, s1, null, 0, false).toFloatArray();
            assertArrayEquals(eval2, eval1, "drop path does nothing in evaluation");
        }
    }
}
