package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.prdarts.repro.MemoryEstimate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On a GPU the tensors of a run are checked against the GPU's free memory, the runtime against the host's. */
class GpuMemoryCheckTest {
    private static final long GIB = 1L << 30;

    @Test
    void tensorsMustFitTheGpusFreeMemory() {
        // 1 + 1 + 3 GiB of tensors on the GPU, 100 MiB on the host
        MemoryEstimate e = MemoryEstimate.of(GIB, GIB, 3 * GIB, 100L << 20);
        assertDoesNotThrow(() -> e.requireOnGpu(6 * GIB, 0, "gpu(0)", "search", "smaller"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.requireOnGpu(4 * GIB, 0, "gpu(0)", "search", "smaller"));
        assertTrue(ex.getMessage().contains("5.00 GiB of GPU memory") && ex.getMessage().contains("4.00 GiB free on gpu(0)"),
                ex.getMessage());
        // --max-memory caps the GPU's memory too
        IllegalArgumentException capped = assertThrows(IllegalArgumentException.class,
                () -> e.requireOnGpu(80 * GIB, 2 * GIB, "gpu(0)", "search", "smaller"));
        assertTrue(capped.getMessage().contains("under --max-memory"), capped.getMessage());
    }
}
