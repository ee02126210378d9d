package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SgdStateTest {

    /** A step may leave only the momentum buffers in the state manager, with or without Nesterov. */
    @Test
    void stepsLeaveOnlyTheMomentumBuffers() {
        for (boolean nesterov : new boolean[] {false, true}) {
            try (NDManager base = NDManager.newBaseManager();
                 NDManager params = base.newSubManager();
                 NDManager state = base.newSubManager()) {
                NDArray p = params.create(new float[] {1f, 2f});
                Sgd sgd = new Sgd(state, 1, 0.5, 0.1, nesterov);
                for (int step = 0; step < 3; step++) {
                    try (NDManager scratch = base.newSubManager()) {
                        sgd.step(List.of(p), List.of(scratch.create(new float[] {1f, -1f})), 0.1);
                    }
                }
                assertEquals(1, state.getManagedArrays().size(), "arrays left in the state manager, nesterov "
                        + nesterov);
                if (!nesterov) {
                    // d_t = g + 0.1 p; buf_1 = d_1, buf_t = 0.5 buf + d_t; p -= 0.1 buf, by hand:
                    // p[0]: d = 1.1, buf 1.1, p 0.89; d = 1.089, buf 1.639, p 0.7261;
                    // d = 1.07261, buf 1.89211, p 0.536889 (p[1] likewise: 2.336808)
                    assertArrayEquals(new float[] {0.536889f, 2.336808f}, p.toFloatArray(), 1e-4f);
                }
            }
        }
    }
}
