package org.prdarts.space.ops;

/**
 * What a block costs for one image: its scalars, its multiply-adds and the tensors its forward
 * pass leaves in memory. Each block states its own cost beside the layers it builds, so a change
 * to a block changes its counts in one place.
 *
 * <p>The tensors depend on how the block runs. In the search network (search mode) blocks release
 * every intermediate array once consumed, so what stays is what autograd saves for the backward
 * pass; in the derived network every tensor the forward pass creates stays until the step ends.
 *
 * @param weights    trainable scalars of the convolutions and linear layers (BatchNorm apart)
 * @param bnChannels channels of the BatchNorms
 * @param multAdds   multiply-adds of the convolutions and linear layers (pooling is not counted)
 * @param inputRelu  elements of the ReLU of the input, for a block that starts with one
 *                   ({@link PreActivated}; the search cell computes it once per state)
 * @param elements   elements of the other tensors the forward pass leaves, its output included
 */
public record Cost(long weights, long bnChannels, long multAdds, double inputRelu, double elements) {

    /** Nothing: no scalars, no work, no tensors. */
    public static final Cost ZERO = new Cost(0, 0, 0, 0, 0);

    /**
     * Scalars per channel of a non-affine BatchNorm: the engine still allocates its scale and shift
     * (fixed at 1 and 0) beside the running mean and variance.
     */
    private static final int NON_AFFINE_BN = 4;

    /** A bias-free convolution producing outPixels positions. */
    public static Cost conv(int inChannels, int outChannels, int kernel, int groups, long outPixels) {
        long w = Math.multiplyExact((long) inChannels / groups * kernel * kernel, (long) outChannels);
        return new Cost(w, 0, Math.multiplyExact(w, outPixels), 0, 0);
    }

    /** A BatchNorm over the given channels. */
    public static Cost bn(long channels) {
        return new Cost(0, channels, 0, 0, 0);
    }

    /** A linear layer with bias. */
    public static Cost linear(int in, int out) {
        return new Cost(Math.addExact(Math.multiplyExact((long) in, out), out), 0, Math.multiplyExact((long) in, out),
                0, 0);
    }

    public Cost plus(Cost other) {
        return new Cost(Math.addExact(weights, other.weights), Math.addExact(bnChannels, other.bnChannels),
                Math.addExact(multAdds, other.multAdds), inputRelu + other.inputRelu, elements + other.elements);
    }

    /** This cost's scalars and work with the given tensors. */
    public Cost withElements(double inputRelu, double elements) {
        return new Cost(weights, bnChannels, multAdds, inputRelu, elements);
    }

    /** Trained scalars: the weights, and the scale and shift of affine BatchNorms. */
    public long trainable(boolean affine) {
        return affine ? Math.addExact(weights, 2 * bnChannels) : weights;
    }

    /** Untrained scalars: BatchNorm statistics, and the fixed scale and shift of non-affine ones. */
    public long untrained(boolean affine) {
        return (affine ? 2 : NON_AFFINE_BN) * bnChannels;
    }
}
