package org.prdarts.theory;

import org.prdarts.repro.Checks;

/**
 * Sizes of the theory experiments, validated.
 *
 * @param channels       m, channels of a node
 * @param positions      p, positions of a node
 * @param kernel         convolution kernel width (odd)
 * @param nodes          h, nodes of the cell
 * @param samples        n, training samples (rows of the Gram matrix)
 * @param configurations random mixing-weight (or gate) configurations per theorem
 * @param steps          gradient-descent steps per run
 * @param eta            gradient-descent step size
 * @param logitSpread    standard deviation of the random logits behind Theorem 1's mixing weights
 * @param activation     sigma
 * @param convInitScale  convolution weights start at N(0, convInitScale^2 / kernel)
 * @param readout        the nodes the output reads
 * @param seed           seed of data, weights and configurations
 */
public record TheoryConfig(int channels, int positions, int kernel, int nodes, int samples, int configurations,
                           int steps, double eta, double logitSpread, Activation activation, double convInitScale,
                           CellModel.Readout readout, long seed) {

    public TheoryConfig {
        atLeast("channels", channels, 1);
        atLeast("positions", positions, 1);
        atLeast("kernel", kernel, 1);
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("kernel must be odd, found " + kernel);
        }
        atLeast("nodes", nodes, 2);
        atLeast("samples", samples, 2);
        atLeast("configurations", configurations, 3);
        atLeast("steps", steps, 1);
        Checks.positive("eta", eta);
        Checks.positive("conv init scale", convInitScale);
        Checks.nonNegative("logit spread", logitSpread);
    }

    /** The sizes the study uses: seconds on one core. */
    public static TheoryConfig defaults(long seed) {
        return new TheoryConfig(16, 8, 3, 4, 8, 24, 10, 0.05, 2.0, Activation.TANH, 0.2,
                CellModel.Readout.LAST_NODE, seed);
    }

    public TheoryConfig withConfigurations(int n) {
        return new TheoryConfig(channels, positions, kernel, nodes, samples, n, steps, eta, logitSpread, activation,
                convInitScale, readout, seed);
    }

    public TheoryConfig withSeed(long s) {
        return new TheoryConfig(channels, positions, kernel, nodes, samples, configurations, steps, eta, logitSpread,
                activation, convInitScale, readout, s);
    }

    public TheoryConfig withNodes(int h) {
        return new TheoryConfig(channels, positions, kernel, h, samples, configurations, steps, eta, logitSpread,
                activation, convInitScale, readout, seed);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", found " + value);
        }
    }
}
