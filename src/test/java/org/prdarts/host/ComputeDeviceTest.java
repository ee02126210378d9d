package org.prdarts.host;


import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComputeDeviceTest {

    @Test
    void noGpuSaysWhy() {
        assertTrue(ComputeDevice.noGpu(0).contains("no CUDA GPU is visible"));
        String cpuBuild = ComputeDevice.noGpu(2);
        assertTrue(cpuBuild.contains("2 CUDA GPU(s)") && cpuBuild.contains("PYTORCH_LIBRARY_PATH"), cpuBuild);
        assertEquals(1, cpuBuild.lines().count());
    }

    @Test
    void unknownDevicesAreRefused() {
        assertEquals("cpu()", ComputeDevice.resolve("cpu").toString());
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("tpu"));
    }
}
