package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Optimizer updates against values worked out by hand with PyTorch's rules, on p0 = [1, -2] and
 * the fixed gradients g1 = [0.5, 0.3], g2 = [-0.2, 0.4].
 */
class OptimTest {
    private static final float[] P0 = {1f, -2f};
    private static final float[][] GRADS = {{0.5f, 0.3f}, {-0.2f, 0.4f}};
    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private interface Update {
        void step(List<NDArray> params, List<NDArray> grads);
    }

    private static float[][] twoSteps(NDArray p, Update update) {
        float[][] out = new float[2][];
        for (int s = 0; s < 2; s++) {
            try (NDManager scratch = manager.newSubManager()) {
                update.step(List.of(p), List.of(scratch.create(GRADS[s])));
            }
            out[s] = p.toFloatArray();
        }
        return out;
    }

    /**
     * torch.optim.SGD(lr=0.1, momentum=0.9, weight_decay=0.01), dampening 0:
     * step 1: d = g1 + 0.01 p0 = [0.51, 0.28]; buf = d; p1 = p0 - 0.1 buf = [0.949, -2.028].
     * step 2: d = g2 + 0.01 p1 = [-0.19051, 0.37972]; buf = 0.9 [0.51, 0.28] + d = [0.26849, 0.63172];
     * p2 = p1 - 0.1 buf = [0.922151, -2.091172].
     */
    @Test
    void sgdWithMomentumAndWeightDecayMatchesTorch() {
        try (NDManager state = manager.newSubManager()) {
            NDArray p = state.create(P0);
            Sgd sgd = new Sgd(state, 1, 0.9, 0.01, false);
            float[][] r = twoSteps(p, (ps, gs) -> sgd.step(ps, gs, 0.1));
            assertArrayEquals(new float[] {0.949f, -2.028f}, r[0], 1e-6f);
            assertArrayEquals(new float[] {0.922151f, -2.091172f}, r[1], 1e-6f);
            assertArrayEquals(new float[] {0.26849f, 0.63172f}, sgd.buffers().get(0).toFloatArray(), 1e-6f);
        }
    }

    /**
     * Nesterov: the update is d + 0.9 buf.
     * step 1: d = buf = [0.51, 0.28]; p1 = p0 - 0.1 * 1.9 d = [0.9031, -2.0532].
     * step 2: d = [-0.190969, 0.379468]; buf = [0.268031, 0.631468]; d + 0.9 buf = [0.0502589, 0.9477892];
     * p2 = [0.89807411, -2.14797892].
     */
    @Test
    void sgdNesterovMatchesTorch() {
        try (NDManager state = manager.newSubManager()) {
            NDArray p = state.create(P0);
            Sgd sgd = new Sgd(state, 1, 0.9, 0.01, true);
            float[][] r = twoSteps(p, (ps, gs) -> sgd.step(ps, gs, 0.1));
            assertArrayEquals(new float[] {0.9031f, -2.0532f}, r[0], 1e-6f);
            assertArrayEquals(new float[] {0.89807411f, -2.14797892f}, r[1], 1e-6f);
        }
    }

    @Test
    void plainSgdWithoutMomentumOrDecay() {
        try (NDManager state = manager.newSubManager()) {
            NDArray p = state.create(P0);
            Sgd sgd = new Sgd(state, 1, 0, 0, false);
            float[][] r = twoSteps(p, (ps, gs) -> sgd.step(ps, gs, 0.1));
            // p0 - 0.1 g1 = [0.95, -2.03]; then - 0.1 g2 = [0.97, -2.07]
            assertArrayEquals(new float[] {0.95f, -2.03f}, r[0], 1e-6f);
            assertArrayEquals(new float[] {0.97f, -2.07f}, r[1], 1e-6f);
        }
    }

    /**
     * torch.optim.Adam(lr=0.01, betas=(0.5, 0.999), eps=1e-8, weight_decay=0.001), L2 added to the
     * gradient: d = g + 0.001 p; m = 0.5 m + 0.5 d; v = 0.999 v + 0.001 d^2;
     * p -= 0.01 * (m / (1 - 0.5^t)) / (sqrt(v / (1 - 0.999^t)) + 1e-8).
     * step 1: d = [0.501, 0.298]; m/c1 = d and v/c2 = d^2, so p1 = p0 - 0.01 sign(d) = [0.99, -2.01].
     * step 2: d = [-0.19901, 0.40201]; m = [0.025745, 0.273495]; v = [2.90355e-4, 2.471112e-4];
     * p2 = [0.98909931, -2.02037166].
     */
    @Test
    void adamWithL2DecayMatchesTorch() {
        try (NDManager state = manager.newSubManager()) {
            NDArray p = state.create(P0);
            Adam adam = new Adam(state, 1, 0.5, 0.999, 1e-8, 0.001);
            float[][] r = twoSteps(p, (ps, gs) -> adam.step(ps, gs, 0.01));
            assertArrayEquals(new float[] {0.99f, -2.01f}, r[0], 1e-6f);
            assertArrayEquals(new float[] {0.98909931f, -2.02037166f}, r[1], 2e-6f);
            assertArrayEquals(new float[] {0.025745f, 0.273495f}, adam.firstMoments().get(0).toFloatArray(), 1e-6f);
            assertArrayEquals(new float[] {2.90355e-4f, 2.471112e-4f}, adam.secondMoments().get(0).toFloatArray(),
                    1e-9f);
            assertEquals(2, adam.steps());
        }
    }

    @Test
    void optimizersRejectBadSettings() {
        assertEquals("momentum must be >= 0, found -0.1", assertThrows(IllegalArgumentException.class,
                () -> new Sgd(manager, 1, -0.1, 0, false)).getMessage());
        assertEquals("Adam beta1 must be in [0, 1), found 1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adam(manager, 1, 1.0, 0.999, 1e-8, 0)).getMessage());
        assertEquals("weight decay must be >= 0, found -1.0", assertThrows(IllegalArgumentException.class,
                () -> new Adam(manager, 1, 0.5, 0.999, 1e-8, -1)).getMessage());
    }

    /** Gradients [3, 4] and [12]: global norm sqrt(9 + 16 + 144) = 13. */
    @Test
    void clippingScalesToTheMaxNorm() {
        try (NDManager scratch = manager.newSubManager()) {
            List<NDArray> grads = List.of(scratch.create(new float[] {3, 4}), scratch.create(new float[] {12}));
            assertEquals(13.0, GradientClipping.globalNorm(grads), 1e-6);
            assertEquals(13.0, GradientClipping.clip(grads, 6.5), 1e-6);
            // scaled by 6.5 / 13 = 0.5
            assertArrayEquals(new float[] {1.5f, 2f}, grads.get(0).toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {6f}, grads.get(1).toFloatArray(), 1e-5f);
            assertEquals(6.5, GradientClipping.globalNorm(grads), 1e-5);
            // already below the limit: untouched
            float[] before = grads.get(0).toFloatArray();
            GradientClipping.clip(grads, 20);
            assertArrayEquals(before, grads.get(0).toFloatArray(), 0f);
        }
    }

    /** lr(e) = 0.001 + 0.024 * (1 + cos(pi e / 10)) / 2. */
    @Test
    void cosineScheduleValues() {
        CosineSchedule s = new CosineSchedule(0.025, 0.001, 10);
        assertEquals(0.025, s.at(0), 1e-12);
        assertEquals(0.013, s.at(5), 1e-12);
        assertEquals(0.001, s.at(10), 1e-12);
        // e = 1 of 4 is a quarter: 0.001 + 0.024 * (1 + cos(pi/4)) / 2
        assertEquals(0.001 + 0.012 * (1 + Math.sqrt(0.5)), new CosineSchedule(0.025, 0.001, 4).at(1), 1e-12);
        assertEquals("epochs must be >= 1, found 0", assertThrows(IllegalArgumentException.class,
                () -> new CosineSchedule(0.025, 0.001, 0)).getMessage());
    }
}
