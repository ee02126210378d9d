package org.prdarts.train;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.space.Genotype;
import org.prdarts.space.Primitives;

/**
 * Resident memory a training run of a derived network will need, estimated from its configuration
 * before the network is built. The same model as the search estimate ({@link MemoryEstimate}):
 * every tensor a training forward pass creates is held until the step ends, so the step costs the
 * sum of its intermediate tensors; evaluation runs in batches of the same size without gradients,
 * so it never costs more than a training step. The activation part is the forward tensors times
 * {@link #FACTOR}, calibrated like the search's on short trainings unlike the quick preset
 * ({@code tools/memory-calibration.sh}): PRDARTS C=4, L=5, batch 96; DARTS_V2 C=12, L=3, batch 64;
 * PRDARTS C=8, L=5, batch 32 peaked at 2.19, 2.39 and 3.46 times their forward tensors beyond
 * runtime, parameters and optimizer (mean 2.7; the run with more steps is higher, as the allocator
 * grows over the first hundred steps).
 */
public final class TrainingMemory {

    /** Resident bytes of a training step per byte of its forward tensors (see the class comment). */
    public static final double FACTOR = 2.7;

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
        double n = 0;
        int c = net.channels();
        int[] size = net.stemSizes();
        long cPP;
        long cP;
        boolean reductionPrev;
        if (net.imagenet()) {
            long h1 = (long) NetworkConfig.halve(net.inputHeight()) * NetworkConfig.halve(net.inputWidth());
            long s0 = (long) size[0] * size[1];
            long s1 = (long) size[2] * size[3];
            // conv, BN, ReLU at C/2; conv, BN at C; ReLU, conv, BN at C
            n += 3.0 * (c / 2) * h1 + 2.0 * c * s0 + c * s0 + 2.0 * c * s1;
            cPP = c;
            cP = c;
            reductionPrev = true;
        } else {
            long stem = (long) NetworkConfig.STEM_MULTIPLIER * c;
            n += 2.0 * stem * size[2] * size[3];
            cPP = stem;
            cP = stem;
            reductionPrev = false;
        }
        long hPP = size[0];
        long wPP = size[1];
        long h = size[2];
        long w = size[3];
        long cCurr = c;
        Genotype g = net.genotype();
        boolean dropPath = net.dropPath() > 0;
        for (int i = 0; i < net.layers(); i++) {
            boolean reduction = net.isReduction(i);
            if (reduction) {
                cCurr *= 2;
            }
            long in = h * w;
            long outH = reduction ? NetworkConfig.halve((int) h) : h;
            long outW = reduction ? NetworkConfig.halve((int) w) : w;
            long out = outH * outW;
            // s0: FactorizedReduce (ReLU, two half convs, concatenation, BN) or ReLU-conv-BN; s1: ReLU-conv-BN
            n += cPP * hPP * wPP + (reductionPrev ? 3.0 : 2.0) * cCurr * in;
            n += cP * in + 2.0 * cCurr * in;
            for (Genotype.Pair p : g.cell(reduction)) {
                boolean strided = reduction && p.input() < 2;
                n += opElements(p.op(), cCurr * in, cCurr * out, strided);
                boolean identity = p.op().equals(Primitives.SKIP_CONNECT) && !strided;
                if (dropPath && !identity) {
                    // the keep mask and the masked, rescaled output
                    n += 2.0 * cCurr * out;
                }
            }
            // one sum per node, then the concatenation of the kept nodes
            n += (double) (g.cell(reduction).size() / 2) * cCurr * out;
            int cOut = DerivedCell.outputChannels(g, reduction, (int) cCurr);
            n += (double) cOut * out;
            if (i == net.auxiliaryCell() && net.auxiliary()) {
                int[] geo = AuxiliaryHead.geometry((int) outH, (int) outW, net.imagenet());
                long pooled = (long) geo[4] * geo[5];
                long convOut = (long) geo[6] * geo[7];
                // ReLU, pooling, conv-BN-ReLU to HIDDEN, conv-BN-ReLU to FEATURES, pooling, logits
                n += (double) cOut * out + (double) cOut * pooled + 3.0 * AuxiliaryHead.HIDDEN * pooled
                        + 3.0 * AuxiliaryHead.FEATURES * convOut + AuxiliaryHead.FEATURES + net.numClasses();
            }
            cPP = cP;
            cP = cOut;
            hPP = h;
            wPP = w;
            h = outH;
            w = outW;
            reductionPrev = reduction;
        }
        // global pooling and logits
        return n + cP + net.numClasses();
    }

    /** Elements of the tensors one kept op creates; in and out are its input and output elements per image. */
    private static double opElements(String op, long in, long out, boolean strided) {
        return switch (op) {
            // ReLU, then (depthwise, pointwise, BN) twice with a ReLU between
            case Primitives.SEP_CONV_3X3, Primitives.SEP_CONV_5X5 -> in + 7.0 * out;
            case Primitives.DIL_CONV_3X3, Primitives.DIL_CONV_5X5 -> in + 3.0 * out;
            // output and its 64-bit argmax indices
            case Primitives.MAX_POOL_3X3 -> 3.0 * out;
            // one pooling call, its padding corrected in place
            case Primitives.AVG_POOL_3X3 -> out;
            // FactorizedReduce when strided, else the input itself
            case Primitives.SKIP_CONNECT -> strided ? in + 3.0 * out : 0;
            case Primitives.NONE -> out;
            default -> throw new IllegalArgumentException("unknown operation '" + op + "'");
        };
    }
}
