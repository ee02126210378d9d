package org.prdarts.supernet;

import org.prdarts.space.NetworkPlan;
import org.prdarts.space.Resolution;
import org.prdarts.space.ops.Ops;

import java.util.List;

/**
 * Shape of the search network (docs/method.md section 2).
 *
 * @param inputChannels  channels of the input images (1 or 3)
 * @param numClasses     classifier outputs
 * @param channels       C, channels of the first cell's nodes
 * @param layers         L, number of cells; reductions sit at L/3 and 2L/3
 * @param nodes          N, intermediate nodes per cell
 * @param ops            candidate operations, names from the op registry
 * @param stemMultiplier the stem outputs stemMultiplier * C channels (DARTS: {@link NetworkPlan#STEM_MULTIPLIER})
 */
public record SupernetConfig(int inputChannels, int numClasses, int channels, int layers, int nodes,
                             List<String> ops, int stemMultiplier) {

    public SupernetConfig {
        positive("input channels", inputChannels);
        if (numClasses < 2) {
            throw new IllegalArgumentException("number of classes must be >= 2, found " + numClasses);
        }
        positive("channels", channels);
        if (channels % 2 != 0) {
            throw new IllegalArgumentException("channels must be even (FactorizedReduce halves them), found "
                    + channels);
        }
        positive("layers", layers);
        positive("nodes", nodes);
        positive("stem multiplier", stemMultiplier);
        ops = Ops.validate(ops);
    }

    public SupernetConfig(int inputChannels, int numClasses, int channels, int layers, int nodes,
                          List<String> ops) {
        this(inputChannels, numClasses, channels, layers, nodes, ops, NetworkPlan.STEM_MULTIPLIER);
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, found " + value);
        }
    }

    /** The search network's shape, cell by cell, for images of the given size. */
    public NetworkPlan plan(Resolution image) {
        return NetworkPlan.search(inputChannels, image, numClasses, channels, layers, nodes, stemMultiplier);
    }
}
