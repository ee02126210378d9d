package org.prdarts.search;

import ai.djl.Device;
import org.prdarts.repro.CgroupMemory;
import org.prdarts.repro.ComputeDevice;
import org.prdarts.space.Primitives;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Resident memory a search will need, estimated before it starts from the supernet's shape alone.
 *
 * <p>The model follows how this code base runs a step on the PyTorch engine:
 * <ul>
 *   <li>the supernet releases each intermediate array once consumed, so a pass holds what autograd
 *       saves for the backward pass: per op its inner activations and its output (which the
 *       gradient of its mixing weight needs in an architecture pass, the larger of the two), and
 *       per cell state its value and the one ReLU all ops reading it share;</li>
 *   <li>the architecture pass and the weight pass of a step run in separate managers
 *       ({@link BilevelStrategy#step}), so the peak is one forward pass plus its backward;</li>
 *   <li>{@code none} is never executed; DARTS executes the seven other ops on every edge; PR-DARTS
 *       {@code top2} executes two ops per edge, costed as twice the mean of the non-{@code none}
 *       ops (ops are drawn by their gates, which start near uniform); {@code full} gates execute
 *       every non-{@code none} op, since a gate is exactly 0 only by chance;</li>
 *   <li>the backward pass frees each saved tensor once consumed; its own gradients and
 *       workspaces are covered by the factor below.</li>
 * </ul>
 *
 * <p>A step's resident peak is larger than its saved tensors: the backward pass allocates
 * gradients and kernel workspaces while they are still held, the forward pass makes short-lived
 * temporaries, and the native allocator keeps freed blocks. The activation part is therefore the
 * saved tensors times {@link #SEARCH_FACTOR}, calibrated on the peaks {@code prdarts bench} measured
 * (one process per run; 2 cores, PyTorch 2.7.1 CPU, glibc with two malloc arenas as the launcher
 * sets): DARTS C=16, L=8, batch 64, 32x32x3 peaked at 1.43 times its saved tensors beyond runtime,
 * parameters and optimizer, PR-DARTS {@code top2} on the same network at 1.19; the factor errs
 * towards the larger.
 * The data set's own bytes are not included: add them with {@link #plusData}.
 *
 * @param parameterBytes  network weights, BatchNorm running statistics and architecture logits
 * @param optimizerBytes  weight gradients, SGD momentum, the per-step update temporaries, and the
 *                        architecture gradients and Adam moments
 * @param activationBytes the tensors a step's forward pass keeps, times {@link #SEARCH_FACTOR} (or the
 *                        training factor): forward, backward and what the allocator keeps
 * @param runtimeBytes    the JVM and the PyTorch library before any model exists
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

    /**
     * Resident bytes of a search step per byte of the tensors its forward pass keeps for the
     * backward pass: those tensors, the backward pass's gradients and workspaces, the forward
     * pass's short-lived temporaries and what the allocator keeps (see the class comment).
     */
    public static final double SEARCH_FACTOR = 1.5;

    /** Per-step copies of the weights beyond gradient and momentum (clipping, decay, update). */
    public static final int UPDATE_TEMPORARIES = 6;

    private static final long FLOAT_BYTES = 4;

    /**
     * Untrained scalars per channel of a non-affine BatchNorm: the engine still allocates its
     * scale and shift (fixed at 1 and 0) beside the running mean and variance.
     */
    private static final int NON_AFFINE_BN = 4;

    public MemoryEstimate {
        nonNegative("parameter bytes", parameterBytes);
        nonNegative("optimizer bytes", optimizerBytes);
        nonNegative("activation bytes", activationBytes);
        nonNegative("runtime bytes", runtimeBytes);
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
     * Peak resident memory of a first-order search of the given supernet.
     *
     * @param net      the supernet's shape
     * @param batch    images per step (each pass)
     * @param height   image height
     * @param width    image width
     * @param method   "darts" or "prdarts"
     * @param gateMode "top2" or "full" (read for prdarts only)
     */
    public static MemoryEstimate forSearch(SupernetConfig net, int batch, int height, int width, String method,
                                           String gateMode) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batch);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1x1, found " + height + "x" + width);
        }
        if (!method.equals("darts") && !method.equals("prdarts")) {
            throw new IllegalArgumentException("method must be darts or prdarts, found '" + method + "'");
        }
        if (!gateMode.equals("top2") && !gateMode.equals("full")) {
            throw new IllegalArgumentException("gate mode must be top2 or full, found '" + gateMode + "'");
        }
        boolean top2 = method.equals("prdarts") && gateMode.equals("top2");
        Counts counts = walk(net, height, width, top2);
        int edges = net.nodes() * (net.nodes() + 3) / 2;
        long archScalars = 2L * edges * net.ops().size();
        long parameters = (counts.trainable + counts.state + archScalars) * FLOAT_BYTES;
        // gradient + momentum persist; the update's temporaries live until the step ends;
        // architecture: gradient + two Adam moments
        long optimizer = (counts.trainable * (2 + UPDATE_TEMPORARIES) + 3 * archScalars) * FLOAT_BYTES;
        long activations = (long) (SEARCH_FACTOR * (counts.forwardElements * batch
                + 2.0 * batch * net.inputChannels() * height * width) * FLOAT_BYTES);
        return of(parameters, optimizer, activations, RUNTIME_BYTES);
    }

    /** This estimate with the data set's in-memory bytes added to the runtime part. */
    public MemoryEstimate plusData(long datasetBytes) {
        if (datasetBytes < 0) {
            throw new IllegalArgumentException("data set bytes must be >= 0, found " + datasetBytes);
        }
        return of(parameterBytes, optimizerBytes, activationBytes, runtimeBytes + datasetBytes);
    }

    /** Trainable scalars of the search network, as {@code ParameterGroup.of(network)} counts them. */
    public static long trainableParameters(SupernetConfig net) {
        return walk(net, 1, 1, false).trainable;
    }

    /** Untrained scalars the network holds: BatchNorm statistics, and the fixed scale and shift of non-affine ones. */
    static long stateScalars(SupernetConfig net) {
        return walk(net, 1, 1, false).state;
    }

    /** One line for the run summary. */
    public String describe() {
        return String.format(Locale.ROOT, "estimated memory %s (parameters %s, optimizer %s, activations %s,"
                        + " runtime %s)", format(total), format(parameterBytes), format(optimizerBytes),
                format(activationBytes), format(runtimeBytes));
    }

    /** What to change when a search does not fit. */
    public static String suggestion(String method, String gateMode) {
        String base = "try a smaller --batch-size, fewer --channels/--layers";
        if (method.equals("prdarts") && !gateMode.equals("top2")) {
            return base + ", or --gate-mode top2";
        }
        return base + ", or PR-DARTS with --gate-mode top2 (two ops per edge)";
    }

    /**
     * Refuses a run that does not fit, before it writes anything.
     *
     * @param maxMemoryBytes the limit; 0 = what the system has available ({@link #availableBytes()})
     * @param what           the run, e.g. "search" or "training"
     * @param suggestion     what to change, e.g. {@link #suggestion(String, String)}
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
    void requireOnGpu(long gpuFreeBytes, long maxMemoryBytes, String gpu, String what, String suggestion) {
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
    static OptionalLong parseMeminfo(String text, String field) {
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

    private static void nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, found " + value);
        }
    }

    /** Scalar counts of the network and per-image elements of one forward pass. */
    private static final class Counts {
        long trainable;
        long state;
        double forwardElements;
    }

    /**
     * Walks the structure {@code SearchNetwork} builds: a 3x3 stem to stemMultiplier * C channels,
     * then L cells, channels doubled at each reduction cell, each cell preprocessing its two inputs
     * to C_cell channels (FactorizedReduce after a reduction cell, else ReLU-conv1x1-BN).
     */
    private static Counts walk(SupernetConfig net, int height, int width, boolean top2) {
        Counts n = new Counts();
        int c = net.channels();
        long stem = (long) net.stemMultiplier() * c;
        long image = (long) height * width;
        n.trainable += net.inputChannels() * stem * 9 + 2 * stem;
        n.state += 2 * stem;
        // the stem convolution's output, which its BatchNorm keeps
        n.forwardElements += (double) stem * image;
        long cPP = stem;
        long cP = stem;
        long cCurr = c;
        long hPP = height;
        long wPP = width;
        long hP = height;
        long wP = width;
        boolean reductionPrev = false;
        for (int i = 0; i < net.layers(); i++) {
            boolean reduction = net.isReduction(i);
            if (reduction) {
                cCurr *= 2;
            }
            long in = hP * wP;
            long out = reduction ? half(hP) * half(wP) : in;
            // preprocessing of s0 and s1: the ReLU of each input and the convolution output (or
            // FactorizedReduce's concatenation) before its BatchNorm
            n.trainable += reductionPrev ? 2 * cPP * (cCurr / 2) : cPP * cCurr;
            n.trainable += cP * cCurr;
            n.forwardElements += cPP * hPP * wPP + cP * in + 2.0 * cCurr * in;
            // every state an edge reads and its shared ReLU: the two preprocessed inputs and all
            // nodes but the last
            n.forwardElements += 2.0 * (2 * cCurr * in + (net.nodes() - 1) * cCurr * out);
            n.state += 2 * NON_AFFINE_BN * cCurr;
            for (int node = 0; node < net.nodes(); node++) {
                for (int j = 0; j < node + 2; j++) {
                    boolean strided = reduction && j < 2;
                    double executed = 0;
                    int counted = 0;
                    for (String op : net.ops()) {
                        n.trainable += opWeights(op, cCurr, strided);
                        n.state += opState(op, cCurr, strided);
                        if (!op.equals(Primitives.NONE)) {
                            executed += opElements(op, cCurr * in, cCurr * out, strided);
                            counted++;
                        }
                    }
                    if (top2 && counted > 0) {
                        executed *= Math.min(2, counted) / (double) counted;
                    }
                    n.forwardElements += executed;
                }
            }
            cPP = cP;
            cP = net.nodes() * cCurr;
            hPP = hP;
            wPP = wP;
            if (reduction) {
                hP = half(hP);
                wP = half(wP);
            }
            reductionPrev = reduction;
        }
        n.trainable += cP * net.numClasses() + net.numClasses();
        return n;
    }

    private static long half(long size) {
        return (size + 1) / 2;
    }

    /** Trainable scalars of one candidate op (the search network's ops are non-affine). */
    private static long opWeights(String op, long c, boolean strided) {
        return switch (op) {
            case Primitives.SEP_CONV_3X3 -> 2 * (c * 9 + c * c);
            case Primitives.SEP_CONV_5X5 -> 2 * (c * 25 + c * c);
            case Primitives.DIL_CONV_3X3 -> c * 9 + c * c;
            case Primitives.DIL_CONV_5X5 -> c * 25 + c * c;
            case Primitives.SKIP_CONNECT -> strided ? 2 * c * (c / 2) : 0;
            default -> 0;
        };
    }

    /** Untrained BatchNorm scalars of one candidate op. */
    private static long opState(String op, long c, boolean strided) {
        return switch (op) {
            case Primitives.SEP_CONV_3X3, Primitives.SEP_CONV_5X5 -> 2 * NON_AFFINE_BN * c;
            case Primitives.DIL_CONV_3X3, Primitives.DIL_CONV_5X5, Primitives.MAX_POOL_3X3,
                    Primitives.AVG_POOL_3X3 -> NON_AFFINE_BN * c;
            case Primitives.SKIP_CONNECT -> strided ? NON_AFFINE_BN * c : 0;
            default -> 0;
        };
    }

    /**
     * Elements (per image, float-sized) of the tensors one executed op keeps alive until the
     * backward pass of an architecture step, beyond its input and the input's ReLU (counted once
     * per state); in and out are the input and output elements of one image. The op's output is
     * kept for the gradient of its mixing weight; a weight step keeps one tensor less per op.
     */
    private static double opElements(String op, long in, long out, boolean strided) {
        return switch (op) {
            // depthwise and pointwise outputs twice, the inner ReLU, the output
            case Primitives.SEP_CONV_3X3, Primitives.SEP_CONV_5X5 -> 6.0 * out;
            // depthwise and pointwise outputs, the output
            case Primitives.DIL_CONV_3X3, Primitives.DIL_CONV_5X5 -> 3.0 * out;
            // pooled output, its 64-bit argmax indices (two floats each), the BatchNorm output
            case Primitives.MAX_POOL_3X3 -> 4.0 * out;
            case Primitives.AVG_POOL_3X3 -> 2.0 * out;
            // identity: its input; FactorizedReduce: the concatenation and the output
            case Primitives.SKIP_CONNECT -> strided ? 2.0 * out : 0;
            default -> 0;
        };
    }
}
