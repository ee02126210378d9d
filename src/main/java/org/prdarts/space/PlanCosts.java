package org.prdarts.space;

import org.prdarts.space.ops.Cost;
import org.prdarts.space.ops.FactorizedReduce;
import org.prdarts.space.ops.Ops;
import org.prdarts.space.ops.ReluConvBn;

/**
 * Costs of the parts of a {@link NetworkPlan} (see {@link Cost}), in the search network
 * (searchMode: non-affine cells that release their intermediates) or in the derived network.
 * The stem and the classifier are affine in both.
 */
public final class PlanCosts {
    private PlanCosts() {
    }

    /**
     * The stem's convolutions and BNs. Tensors: in search mode each convolution's output, which
     * its BN keeps; in the derived network also each BN's output and, before every convolution
     * but the first, the ReLU of its input.
     */
    public static Cost stem(StemPlan stem, boolean searchMode) {
        Cost total = Cost.ZERO;
        double previous = 0;
        for (StemPlan.Conv conv : stem.convs()) {
            long pixels = conv.output().pixels();
            long out = conv.outChannels() * pixels;
            Cost layer = Cost.conv(conv.inChannels(), conv.outChannels(), StemPlan.Conv.KERNEL, 1, pixels)
                    .plus(Cost.bn(conv.outChannels()));
            total = total.plus(searchMode
                    ? layer.withElements(0, out)
                    : layer.withElements(previous, 2.0 * out));
            previous = out;
        }
        return total;
    }

    /** The preprocessing of a cell's input 0 (s0) or 1 (s1), made by {@link Ops#preprocessing}. */
    public static Cost preprocessing(CellPlan cell, int input, boolean searchMode) {
        long out = cell.inputSize().pixels();
        if (input == 0 && cell.reductionPrev()) {
            return FactorizedReduce.cost(cell.prevPrevChannels(), cell.channels(), cell.prevPrevSize().pixels(), out,
                    searchMode);
        }
        return input == 0
                ? ReluConvBn.cost(cell.prevPrevChannels(), cell.channels(), 1, cell.prevPrevSize().pixels(), out)
                : ReluConvBn.cost(cell.prevChannels(), cell.channels(), 1, out, out);
    }

    /**
     * One op of a cell reading from the given input. The ReLU of its input is counted at the
     * resolution of the cell's inputs, also for an edge from a node of a reduction cell, which
     * reads a quarter of that: an over-count the calibrated estimates include.
     */
    public static Cost op(CellPlan cell, String op, int input, boolean searchMode) {
        return Ops.cost(op, cell.channels(), cell.stride(input), cell.inputSize().pixels(),
                cell.outputSize().pixels(), searchMode);
    }

    /** The linear classifier after global average pooling. */
    public static Cost classifier(NetworkPlan plan) {
        return Cost.linear(plan.classifierChannels(), plan.numClasses());
    }
}
