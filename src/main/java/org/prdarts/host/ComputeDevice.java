package org.prdarts.host;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;

import java.lang.management.MemoryUsage;

/**
 * The device a run computes on, from its {@code --device} value, with one clear message where a
 * GPU is asked for and cannot be used: none on the machine, or a CPU build of PyTorch loaded
 * (the default; a CUDA build of libtorch is chosen with PYTORCH_LIBRARY_PATH, PYTORCH_VERSION
 * and PYTORCH_FLAVOR).
 */
public final class ComputeDevice {
    private ComputeDevice() {
    }

    /** "cpu" or "gpu" (the first GPU). */
    public static Device resolve(String name) {
        if ("gpu".equals(name)) {
            if (Engine.getInstance().getGpuCount() > 0) {
                return Device.gpu();
            }
            throw new IllegalArgumentException(noGpu(CudaUtils.hasCuda() ? CudaUtils.getGpuCount() : 0));
        }
        if (!"cpu".equals(name)) {
            throw new IllegalArgumentException("device must be cpu or gpu, found '" + name + "'");
        }
        return Device.cpu();
    }

    /** The message for --device gpu when the engine sees no GPU, given the CUDA GPUs the machine has. */
    static String noGpu(int cudaGpus) {
        if (cudaGpus == 0) {
            return "--device gpu: no CUDA GPU is visible on this machine (no NVIDIA GPU or driver); use --device cpu";
        }
        return "--device gpu: this machine has " + cudaGpus + " CUDA GPU(s), but the PyTorch library loaded is a "
                + "CPU build; set PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR to a CUDA build of "
                + "libtorch (docs/deploy.md, 'Run on a GPU'), or use --device cpu";
    }

    /** Free memory of a GPU in bytes, as its CUDA driver reports it. */
    public static long freeBytes(Device gpu) {
        MemoryUsage m = CudaUtils.getGpuMemory(gpu);
        return Math.max(0, m.getMax() - m.getCommitted());
    }
}
