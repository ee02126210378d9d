package org.prdarts.train;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.space.CellPlan;
import org.prdarts.space.Genotype;
import org.prdarts.space.NetworkPlan;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.ops.Cost;
import org.prdarts.space.PlanCosts;

import java.util.List;

/**
 * Resident memory a training run of a derived network will need, estimated from its configuration
 * before the network is built. The same model as the search estimate ({@link MemoryEstimate}):
 * every tensor a training forward pass creates is held until the step ends, so the step costs the
 * sum of its intermediate tensors; evaluation runs in batches of the same size without gradients,
 * so it never costs more than a training step. The activation part is the forward tensors times
 * {@link #FACTOR}, calibrated on whole multi-epoch runs with the launcher's settings (glibc with two
 * arenas, the serial collector with a 64 MB initial heap; peak minus runtime, data, parameters and
 * optimizer, over the forward tensors): the quick preset's whole run 1.61 (3,125 steps), the cpu
 * preset's network over three epochs 1.36 (1,875 steps), the paper network at batch 32 over ten
 * epochs of 1,600 images 1.37 (500 steps). The peak rises at the first evaluation (new tensor
 * sizes for the allocator) and is nearly flat after it (the cpu preset's network gained 24 MiB over
 * its last 1,200 steps, the paper network 31 MiB over its last 60).
 */
public final class TrainingMemory {

    /** Resident bytes of a training step per byte of its forward tensors (see the class comment). */
    public static final double FACTOR = 1.5;

    private static final long FLOAT_BYTES = 4;

    private TrainingMemory() {
    }

    /**
     * @param net          the derived network
     * @param batch        images per step
     * @param datasetBytes bytes the training and test images take in memory
     */
    public static MemoryEstimate estimate(NetworkConfig net, int batch, long datasetBytes) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, found " + batch);
        }
        if (datasetBytes < 0) {
            throw new IllegalArgumentException("data set bytes must be >= 0, found " + datasetBytes);
        }
        NetworkSize size = NetworkSize.of(net);
        long trainable = size.totalParams();
        // BatchNorm running mean and variance: two scalars for each pair of affine ones
        long parameters = 2 * trainable * FLOAT_BYTES;
        long optimizer = trainable * (2 + MemoryEstimate.UPDATE_TEMPORARIES) * FLOAT_BYTES;
        long activations = (long) (FACTOR * (forwardElements(net) * batch
                + 2.0 * batch * net.inputChannels() * net.inputHeight() * net.inputWidth()) * FLOAT_BYTES);
        return MemoryEstimate.of(parameters, optimizer, activations, MemoryEstimate.RUNTIME_BYTES)
                .plusData(datasetBytes);
    }

    /**
     * Elements (per image, float-sized) of the tensors one training forward pass creates: stem,
     * each cell's preprocessing, kept ops, node sums and concatenation, drop-path masks and
     * products where drop path is on, the auxiliary head and the classifier.
     */
    static double forwardElements(NetworkConfig net) {
        NetworkPlan plan = net.plan();
        Genotype g = net.genotype();
        boolean dropPath = net.dropPath() > 0;
        double n = elements(PlanCosts.stem(plan.stem(), false));
        for (CellPlan cell : plan.cells()) {
            long out = cell.channels() * cell.outputSize().pixels();
            n += elements(PlanCosts.preprocessing(cell, 0, false)) + elements(PlanCosts.preprocessing(cell, 1, false));
            List<Genotype.Pair> pairs = g.cell(cell.reduction());
            for (Genotype.Pair p : pairs) {
                n += elements(PlanCosts.op(cell, p.op(), p.input(), false));
                boolean identity = p.op().equals(Primitives.SKIP_CONNECT) && cell.stride(p.input()) == 1;
                if (dropPath && !identity) {
                    // the masked, rescaled output (the mask is one scalar per image)
                    n += out;
                }
            }
            // one sum per node, then the concatenation of the kept nodes
            n += (double) (pairs.size() / 2) * out;
            n += (double) cell.outChannels() * cell.outputSize().pixels();
            if (plan.auxiliary() != null && cell.index() == plan.auxiliary().cell()) {
                n += elements(AuxiliaryHead.cost(plan.auxiliary()));
            }
        }
        // global pooling and logits
        return n + plan.classifierChannels() + net.numClasses();
    }

    /** Elements of every tensor a derived-network block creates: its input's ReLU and the rest. */
    private static double elements(Cost cost) {
        return cost.inputRelu() + cost.elements();
    }
}
