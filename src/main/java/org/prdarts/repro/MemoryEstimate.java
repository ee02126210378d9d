package org.prdarts.repro;

import org.prdarts.host.ComputeDevice;

import org.prdarts.host.CgroupMemory;

import ai.djl.Device;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Resident memory a run will need, estimated before it starts, in four parts, and the check that
 * refuses a run that does not fit the memory available (the host's, a container's cgroup limit, or
 * a GPU's). The search and the training each make their estimate from their network's shape
 * ({@code search.SearchMemory}, {@code train.TrainingMemory}).
 *
 * @param parameterBytes  network weights, BatchNorm running statistics and architecture logits
 * @param optimizerBytes  weight gradients, optimizer state, the per-step update temporaries
 * @param activationBytes the tensors a step's forward pass keeps, times a calibrated factor for the
 *                        backward pass and what the allocator keeps
 * @param runtimeBytes    the JVM and the PyTorch library before any model exists, plus the data set
 * @param total           the sum of the four parts
 */
public record MemoryEstimate(long parameterBytes, long optimizerBytes, long activationBytes, long runtimeBytes,
                             long total) {

    /**
     * Resident size of the process beyond the tensors: the JVM, the PyTorch library, its autograd
     * engine and kernels, thread pools. Measured with {@code MemoryCalibration}: VmRSS is 162 MiB
     * once the engine has run one operator; searches whose tensors are estimated at 25 MiB (PR-DARTS)
     * and 73 MiB (DARTS), C=4, L=3, batch 8, 16x16x1, peaked at 301 and 325 MiB, which leaves
     * about 275 MiB for the runtime once a supernet has run forward and backward.
     */
    public static final long RUNTIME_BYTES = 275L << 20;

    /** Per-step copies of the weights beyond gradient and momentum (clipping, decay, update). */
    public static final int UPDATE_TEMPORARIES = 6;

    public MemoryEstimate {
        Checks.nonNegative("parameter bytes", parameterBytes);
        Checks.nonNegative("optimizer bytes", optimizerBytes);
        Checks.nonNegative("activation bytes", activationBytes);
        Checks.nonNegative("runtime bytes", runtimeBytes);
        long sum = parameterBytes + optimizerBytes + activationBytes + runtimeBytes;
        if (total != sum) {
            throw new IllegalArgumentException("total must equal the sum of the parts (" + sum + "), found " + total);
        }
    }

    /** An estimate whose total is the sum of the parts. */
    public static MemoryEstimate of(long parameterBytes, long optimizerBytes, long activationBytes,
                                    long runtimeBytes) {
        return new MemoryEstimate(parameterBytes, optimizerBytes, activationBytes, runtimeBytes,
                parameterBytes + optimizerBytes + activationBytes + runtimeBytes);
    }

    /**
     * Resident bytes a loaded data set costs per byte it holds: besides the images and labels the
     * data set keeps, reading it decodes each compressed file into a buffer that grows by copying
     * and copies the images out of the file's bytes, and the JVM keeps the heap those took.
     * Measured: loading Fashion-MNIST (55,160,000 bytes held) raised a fresh JVM's resident size by
     * 118 MiB, 2.24 times the bytes held, on the launcher's serial collector with a 64 MB initial
     * heap (by 155 MiB on G1 with a machine-sized initial heap).
     */
    public static final double DATA_RESIDENT_FACTOR = 2.25;

    /** This estimate with a loaded data set's resident cost added to the runtime part. */
    public MemoryEstimate plusData(long datasetBytes) {
        if (datasetBytes < 0) {
            throw new IllegalArgumentException("data set bytes must be >= 0, found " + datasetBytes);
        }
        return of(parameterBytes, optimizerBytes, activationBytes,
                runtimeBytes + (long) Math.ceil(DATA_RESIDENT_FACTOR * datasetBytes));
    }

    /** One line for the run summary. */
    public String describe() {
        return String.format(Locale.ROOT, "estimated memory %s (parameters %s, optimizer %s, activations %s,"
                        + " runtime %s)", format(total), format(parameterBytes), format(optimizerBytes),
                format(activationBytes), format(runtimeBytes));
    }

    /**
     * Refuses a run that does not fit, before it writes anything.
     *
     * @param maxMemoryBytes the limit; 0 = what the system has available ({@link #availableBytes()})
     * @param what           the run, e.g. "search" or "training"
     * @param suggestion     what to change, e.g. {@code SearchMemory.suggestion}
     * @throws IllegalArgumentException naming the estimate, the limit and what to change
     */
    public void require(long maxMemoryBytes, String what, String suggestion) {
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("max-memory must be >= 0 bytes, found " + maxMemoryBytes);
        }
        long limit = maxMemoryBytes > 0 ? maxMemoryBytes : availableBytes();
        if (total > limit) {
            // two sizes that round alike are shown in bytes, so the refusal never reads "437 MiB, more than 437 MiB"
            boolean alike = format(total).equals(format(limit));
            throw new IllegalArgumentException("the " + what + " is estimated to need "
                    + (alike ? String.format(Locale.ROOT, "%,d bytes", total) : format(total))
                    + " of memory, more than the "
                    + (alike ? String.format(Locale.ROOT, "%,d bytes", limit) : format(limit))
                    + (maxMemoryBytes > 0 ? " --max-memory allows"
                    : " available") + " (" + describe() + "): " + suggestion
                    + (maxMemoryBytes > 0 ? ", or a larger --max-memory" : ""));
        }
    }

    /**
     * As {@link #require(long, String, String)} for a run on {@code device}. On a GPU the
     * parameters, optimizer state and activations live in the GPU's memory and must fit what is
     * free there ({@code maxMemoryBytes} caps it when given); the rest (runtime, data) stays on
     * the host and must fit the host's available memory.
     */
    public void require(long maxMemoryBytes, Device device, String what, String suggestion) {
        if (device.isGpu()) {
            requireOnGpu(ComputeDevice.freeBytes(device), maxMemoryBytes, device.toString(), what, suggestion);
        } else {
            require(maxMemoryBytes, what, suggestion);
        }
    }

    /** The GPU check of {@link #require(long, Device, String, String)}, given the GPU's free bytes. */
    public void requireOnGpu(long gpuFreeBytes, long maxMemoryBytes, String gpu, String what, String suggestion) {
        long tensors = parameterBytes + optimizerBytes + activationBytes;
        long limit = maxMemoryBytes > 0 ? Math.min(maxMemoryBytes, gpuFreeBytes) : gpuFreeBytes;
        if (tensors > limit) {
            throw new IllegalArgumentException("the " + what + " is estimated to need " + format(tensors)
                    + " of GPU memory (parameters, optimizer, activations), more than the " + format(limit)
                    + " free on " + gpu + (maxMemoryBytes > 0 && maxMemoryBytes < gpuFreeBytes ? " under --max-memory"
                    : "") + ": " + suggestion);
        }
        of(0, 0, 0, runtimeBytes).require(0, what, suggestion);
    }

    /**
     * Memory the system can still give this process: {@code MemAvailable} of /proc/meminfo (where
     * that file is missing, the machine's total physical memory), or less where a cgroup limit
     * (a container's) leaves less room ({@link CgroupMemory}).
     */
    public static long availableBytes() {
        return Math.min(hostAvailableBytes(), CgroupMemory.availableBytes().orElse(Long.MAX_VALUE));
    }

    private static long hostAvailableBytes() {
        Path meminfo = Path.of("/proc/meminfo");
        if (Files.isReadable(meminfo)) {
            try {
                OptionalLong v = parseMeminfo(Files.readString(meminfo), "MemAvailable");
                if (v.isPresent()) {
                    return v.getAsLong();
                }
            } catch (IOException e) {
                // procfs unreadable: fall through to the JVM's view of physical memory
            }
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    /** The value in bytes of a {@code Name:  1234 kB} line of /proc/meminfo text. */
    public static OptionalLong parseMeminfo(String text, String field) {
        String prefix = field + ":";
        for (String line : text.split("\n")) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
                    } catch (NumberFormatException e) {
                        return OptionalLong.empty();
                    }
                }
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /** Bytes in KiB, MiB or GiB (GiB with two decimals). */
    public static String format(long bytes) {
        double mib = bytes / 1048576.0;
        if (mib < 1) {
            return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
        }
        return mib >= 1024 ? String.format(Locale.ROOT, "%.2f GiB", mib / 1024)
                : String.format(Locale.ROOT, "%.0f MiB", mib);
    }
}
