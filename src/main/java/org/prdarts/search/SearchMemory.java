package org.prdarts.search;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.space.Primitives;
import org.prdarts.supernet.SupernetConfig;

/**
 * The memory estimate of a search ({@link MemoryEstimate}): resident memory a search will need, estimated before it starts from the supernet's shape alone.
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
 * The data set's own bytes are not included: add them with {@link MemoryEstimate#plusData}.
 */
public final class SearchMemory {
    private SearchMemory() {
    }

    /**
     * Resident bytes of a search step per byte of the tensors its forward pass keeps for the
     * backward pass: those tensors, the backward pass's gradients and workspaces, the forward
     * pass's short-lived temporaries and what the allocator keeps (see the class comment).
     */
    public static final double SEARCH_FACTOR = 1.5;

    private static final long FLOAT_BYTES = 4;

    /**
     * Untrained scalars per channel of a non-affine BatchNorm: the engine still allocates its
     * scale and shift (fixed at 1 and 0) beside the running mean and variance.
     */
    private static final int NON_AFFINE_BN = 4;

    /**
     * Peak resident memory of a first-order search of the given supernet.
     *
     * @param net      the supernet's shape
     * @param batch    images per step (each pass)
     * @param height   image height
     * @param width    image width
     * @param method   the search method
     * @param gateMode how PR-DARTS applies its gates (read for PR-DARTS only)
     */
    public static MemoryEstimate forSearch(SupernetConfig net, int batch, int height, int width, Method method,
                                           GateConfig.Mode gateMode) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batch);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1x1, found " + height + "x" + width);
        }
        if (method == null || gateMode == null) {
            throw new IllegalArgumentException("method and gate mode must be given, found " + method + ", "
                    + gateMode);
        }
        boolean top2 = method == Method.PRDARTS && gateMode == GateConfig.Mode.TOP2;
        Counts counts = walk(net, height, width, top2);
        int edges = net.nodes() * (net.nodes() + 3) / 2;
        long archScalars = 2L * edges * net.ops().size();
        long parameters = (counts.trainable + counts.state + archScalars) * FLOAT_BYTES;
        // gradient + momentum persist; the update's temporaries live until the step ends;
        // architecture: gradient + two Adam moments
        long optimizer = (counts.trainable * (2 + MemoryEstimate.UPDATE_TEMPORARIES) + 3 * archScalars) * FLOAT_BYTES;
        long activations = (long) (SEARCH_FACTOR * (counts.forwardElements * batch
                + 2.0 * batch * net.inputChannels() * height * width) * FLOAT_BYTES);
        return MemoryEstimate.of(parameters, optimizer, activations, MemoryEstimate.RUNTIME_BYTES);
    }

    public static long trainableParameters(SupernetConfig net) {
        return walk(net, 1, 1, false).trainable;
    }

    /** Untrained scalars the network holds: BatchNorm statistics, and the fixed scale and shift of non-affine ones. */
    static long stateScalars(SupernetConfig net) {
        return walk(net, 1, 1, false).state;
    }

    /** What to change when a search does not fit. */
    public static String suggestion(Method method, GateConfig.Mode gateMode) {
        String base = "try a smaller --batch-size, fewer --channels/--layers";
        if (method == Method.PRDARTS && gateMode != GateConfig.Mode.TOP2) {
            return base + ", or --gate-mode top2";
        }
        return base + ", or PR-DARTS with --gate-mode top2 (two ops per edge)";
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
