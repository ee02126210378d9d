package org.prdarts.search;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.space.CellPlan;
import org.prdarts.space.NetworkPlan;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.Resolution;
import org.prdarts.space.ops.Cost;
import org.prdarts.space.PlanCosts;
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
 * saved tensors times a factor, calibrated on measured peaks (2 cores, PyTorch 2.7.1 CPU, glibc with
 * two malloc arenas as the launcher sets; peak minus runtime, parameters, optimizer and data, over
 * the saved tensors): {@link #ALL_OPS_FACTOR} where every op runs, {@link #TWO_OPS_FACTOR} for
 * PR-DARTS {@code top2}. DARTS held 1.35 times its saved tensors after one iteration of C=16, L=8,
 * batch 64, 32x32x3 and 2.16 after three ({@code prdarts bench}), 1.45 on C=8, L=5, 28x28x1 after
 * four, and 1.73 over the 240 steps of the quick preset's search; PR-DARTS {@code top2} 1.27 and
 * 1.28 on the same bench networks and 1.67 in the quick search. Running every op leaves blocks of
 * more sizes for the allocator to keep. Measured again on the launcher's serial collector (the
 * figures above are on G1): DARTS 1.46 over the quick search, 1.44 to 2.0 in three 11 to 19-step
 * runs of the paper's search network; PR-DARTS {@code top2} 1.43 over the quick search and 1.34
 * on the paper's search network at batch 128.
 * The data set is not included: add its resident cost with {@link MemoryEstimate#plusData}.
 */
public final class SearchMemory {
    private SearchMemory() {
    }

    /**
     * Resident bytes of a search step per byte of the tensors its forward pass keeps for the
     * backward pass, where every op of every edge runs (DARTS, PR-DARTS with full gates): those
     * tensors, the backward pass's gradients and workspaces, the forward pass's short-lived
     * temporaries and what the allocator keeps (see the class comment).
     */
    public static final double ALL_OPS_FACTOR = 1.7;

    /** As {@link #ALL_OPS_FACTOR}, where two ops of every edge run (PR-DARTS {@code top2}). */
    public static final double TWO_OPS_FACTOR = 1.5;

    private static final long FLOAT_BYTES = 4;

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
        double factor = top2 ? TWO_OPS_FACTOR : ALL_OPS_FACTOR;
        long activations = (long) (factor * (counts.forwardElements * batch
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

        /** A block of the network: its scalars, and every tensor it leaves for the backward pass. */
        void add(Cost cost, boolean affine) {
            trainable += cost.trainable(affine);
            state += cost.untrained(affine);
            forwardElements += cost.inputRelu() + cost.elements();
        }
    }

    /**
     * Walks the search network's plan: the stem, then per cell the preprocessing of its two
     * inputs, the states its edges read and every candidate op of every edge; the classifier.
     */
    private static Counts walk(SupernetConfig net, int height, int width, boolean top2) {
        Counts n = new Counts();
        NetworkPlan plan = net.plan(new Resolution(height, width));
        n.add(PlanCosts.stem(plan.stem(), true), true);
        for (CellPlan cell : plan.cells()) {
            // preprocessing of s0 and s1: the ReLU of each input, the convolution's output (or
            // FactorizedReduce's concatenation) and the preprocessed state
            n.add(PlanCosts.preprocessing(cell, 0, true).plus(PlanCosts.preprocessing(cell, 1, true)), false);
            // the one ReLU the ops reading a state share, for the two inputs and every node but the
            // last (which no edge reads), and the value of each such node
            long in = cell.channels() * cell.inputSize().pixels();
            long out = cell.channels() * cell.outputSize().pixels();
            n.forwardElements += 2.0 * in + 2.0 * (net.nodes() - 1) * out;
            for (int node = 0; node < net.nodes(); node++) {
                for (int j = 0; j < node + 2; j++) {
                    double executed = 0;
                    int counted = 0;
                    for (String op : net.ops()) {
                        Cost cost = PlanCosts.op(cell, op, j, true);
                        n.trainable += cost.trainable(false);
                        n.state += cost.untrained(false);
                        // the op's tensors and its output, which the gradient of its mixing weight
                        // needs; `none` is never executed, and the edge's input ReLU is shared
                        if (!op.equals(Primitives.NONE)) {
                            executed += cost.elements();
                            counted++;
                        }
                    }
                    if (top2 && counted > 0) {
                        executed *= Math.min(2, counted) / (double) counted;
                    }
                    n.forwardElements += executed;
                }
            }
        }
        n.add(PlanCosts.classifier(plan), true);
        return n;
    }
}
