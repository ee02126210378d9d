package org.prdarts.space;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * The shape of a DARTS network, cell by cell: channels and resolution of each cell's inputs and
 * output, which cells reduce, the stem, the auxiliary head and the classifier. The search network,
 * the derived network and every size and memory estimate walk this one plan.
 *
 * <p>Channels double at each reduction cell; a cell's inputs are the outputs of the two cells
 * before it (the stem's outputs for the first cell).
 *
 * @param stem       the stem
 * @param cells      the cells in order
 * @param auxiliary  the auxiliary head, or null when the network has none
 * @param numClasses outputs of the classifier
 */
public record NetworkPlan(StemPlan stem, List<CellPlan> cells, AuxiliaryPlan auxiliary, int numClasses) {

    /** The CIFAR stem widens the image to this many times C (DARTS: 3). */
    public static final int STEM_MULTIPLIER = 3;

    public NetworkPlan {
        cells = List.copyOf(cells);
    }

    /** Whether cell i of L is a reduction cell in DARTS: i = L/3 or i = 2L/3 (integer division). */
    public static boolean isReduction(int cell, int layers) {
        return cell == layers / 3 || cell == 2 * layers / 3;
    }

    /**
     * The search network (supernet): CIFAR stem, every cell's output the concatenation of its
     * {@code nodes} nodes, no auxiliary head. Reductions sit at DARTS' positions from three cells
     * on; a shorter search network has normal cells only.
     */
    public static NetworkPlan search(int inputChannels, Resolution image, int numClasses, int channels,
                                     int layers, int nodes, int stemMultiplier) {
        StemPlan stem = StemPlan.cifar(inputChannels, image, channels, stemMultiplier);
        return build(stem, channels, layers, i -> layers >= 3 && isReduction(i, layers), reduction -> nodes,
                -1, numClasses);
    }

    /**
     * The derived network of a genotype (DARTS NetworkCIFAR / NetworkImageNet): reductions at L/3
     * and 2L/3, each cell's output the concatenation of the genotype's concat nodes, the auxiliary
     * head (if any) after cell 2L/3.
     */
    public static NetworkPlan derived(Genotype genotype, int inputChannels, Resolution image, int numClasses,
                                      int channels, int layers, boolean imagenet, boolean auxiliary) {
        StemPlan stem = imagenet
                ? StemPlan.imagenet(inputChannels, image, channels)
                : StemPlan.cifar(inputChannels, image, channels, STEM_MULTIPLIER);
        return build(stem, channels, layers, i -> isReduction(i, layers),
                reduction -> genotype.concat(reduction).size(), auxiliary ? 2 * layers / 3 : -1, numClasses);
    }

    private static NetworkPlan build(StemPlan stem, int channels, int layers, IntPredicate reductionAt,
                                     ToIntFunction<Boolean> outputNodes, int auxiliaryCell, int numClasses) {
        List<CellPlan> cells = new ArrayList<>();
        AuxiliaryPlan auxiliary = null;
        int cPrevPrev = stem.outChannels();
        int cPrev = stem.outChannels();
        Resolution sizePrevPrev = stem.s0();
        Resolution sizePrev = stem.s1();
        boolean reductionPrev = stem.imagenet();
        int c = channels;
        for (int i = 0; i < layers; i++) {
            boolean reduction = reductionAt.test(i);
            if (reduction) {
                c *= 2;
            }
            Resolution out = reduction ? sizePrev.halved() : sizePrev;
            int cOut = outputNodes.applyAsInt(reduction) * c;
            cells.add(new CellPlan(i, reduction, reductionPrev, cPrevPrev, cPrev, c, cOut, sizePrevPrev, sizePrev,
                    out));
            if (i == auxiliaryCell) {
                auxiliary = AuxiliaryPlan.after(i, cOut, out, stem.imagenet(), numClasses);
            }
            cPrevPrev = cPrev;
            cPrev = cOut;
            sizePrevPrev = sizePrev;
            sizePrev = out;
            reductionPrev = reduction;
        }
        return new NetworkPlan(stem, cells, auxiliary, numClasses);
    }

    /** Channels the classifier reads: the last cell's output, after global average pooling. */
    public int classifierChannels() {
        return cells.get(cells.size() - 1).outChannels();
    }
}
