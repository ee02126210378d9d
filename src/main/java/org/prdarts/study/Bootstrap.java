package org.prdarts.study;

import java.util.Arrays;
import java.util.Random;

/** Percentile bootstrap intervals, seeded so that a study's numbers are reproducible. */
final class Bootstrap {
    private Bootstrap() {
    }

    /** A mean difference with its 95 % percentile-bootstrap interval. */
    record Interval(double mean, double low, double high, int resamples) {
    }

    /**
     * mean(a) - mean(b), each group resampled with replacement on its own, {@code resamples} times;
     * the interval runs from the 2.5th to the 97.5th percentile of the resampled differences. NaN
     * bounds when a group is empty.
     */
    static Interval differenceOfMeans(double[] a, double[] b, int resamples, long seed) {
        double mean = mean(a) - mean(b);
        if (a.length == 0 || b.length == 0) {
            return new Interval(mean, Double.NaN, Double.NaN, 0);
        }
        Random rng = new Random(seed);
        double[] d = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            d[i] = resampledMean(a, rng) - resampledMean(b, rng);
        }
        Arrays.sort(d);
        return new Interval(mean, d[(int) Math.floor(0.025 * (resamples - 1))],
                d[(int) Math.ceil(0.975 * (resamples - 1))], resamples);
    }

    private static double resampledMean(double[] v, Random rng) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[rng.nextInt(v.length)];
        }
        return s / v.length;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
    }
}
