package org.prdarts.search.derive;

import java.util.Arrays;

/**
 * A calibrated "decided": a node's margin counts only when it exceeds what a null search (the
 * same search with shuffled labels, {@code --shuffle-labels}) reaches at the same step count. The
 * analytic bound of {@link Decidedness} assumes the logits move as a random walk of Adam steps;
 * the null measures the walk the search really takes.
 */
public final class NullCalibration {
    private NullCalibration() {
    }

    /**
     * The q-quantile of the null's margins by nearest rank (the smallest value with at least a
     * share q of the margins at or below it): no interpolation, so the threshold is a margin the
     * null reached.
     */
    public static double quantile(double[] nullMargins, double q) {
        if (nullMargins.length == 0 || !(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile needs margins and q in (0, 1], found "
                    + nullMargins.length + " margins and q " + q);
        }
        double[] s = nullMargins.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(q * s.length) - 1];
    }

    /** Nodes whose margin is strictly above the threshold. */
    public static int decided(double[] margins, double threshold) {
        int n = 0;
        for (double m : margins) {
            if (m > threshold) {
                n++;
            }
        }
        return n;
    }

    /** Concatenation of several margin arrays (the null's nodes over cells and seeds). */
    public static double[] pool(double[]... margins) {
        return Arrays.stream(margins).flatMapToDouble(Arrays::stream).toArray();
    }
}
