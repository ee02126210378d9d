package org.prdarts.search;

import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The curvature indicator of Zela et al. (ICLR 2020, "Understanding and Robustifying Differentiable
 * Architecture Search"): the dominant eigenvalue of the Hessian of the validation loss with respect
 * to the architecture parameters, and their early-stopping rule (DARTS-ES).
 *
 * <p>The Hessian is never formed: each product H v is a central finite difference of the gradient,
 * (grad(a + eps v) - grad(a - eps v)) / (2 eps), and power iteration runs on those products. The
 * reference code computes the full Hessian by autograd; with a few hundred architecture parameters a
 * product costs two backward passes instead. For PR-DARTS the gradient function must hold its gate
 * noise fixed, or the difference measures the noise rather than the curvature.
 */
public final class HessianIndicator {
    private HessianIndicator() {
    }

    /** The eigenvalue estimate and the iterations it took. */
    public record Estimate(double eigenvalue, int iterations) {
    }

    /**
     * H v by central differences of a gradient function: exact for a quadratic loss.
     *
     * @param eps step along v (v has unit norm, so eps is the step's length)
     */
    public static double[] hessianVectorProduct(UnaryOperator<double[]> gradient, double[] a, double[] v,
                                                double eps) {
        double[] plus = new double[a.length];
        double[] minus = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            plus[i] = a[i] + eps * v[i];
            minus[i] = a[i] - eps * v[i];
        }
        double[] gp = gradient.apply(plus);
        double[] gm = gradient.apply(minus);
        double[] hv = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            hv[i] = (gp[i] - gm[i]) / (2 * eps);
        }
        return hv;
    }

    /**
     * Power iteration on H v products: the eigenvalue of largest magnitude (its sign kept, as the
     * Rayleigh quotient v.Hv), stopped when it changes by less than {@code tolerance} relative.
     *
     * @param hvp        v -> H v
     * @param dimension  length of v
     * @param iterations most products to take
     * @param rng        the start vector's draws
     */
    public static Estimate dominantEigenvalue(UnaryOperator<double[]> hvp, int dimension, int iterations,
                                              double tolerance, Random rng) {
        if (dimension < 1 || iterations < 1) {
            throw new IllegalArgumentException("dimension and iterations must be >= 1, found " + dimension
                    + " and " + iterations);
        }
        double[] v = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = rng.nextGaussian();
        }
        normalize(v);
        double lambda = Double.NaN;
        for (int it = 1; it <= iterations; it++) {
            double[] hv = hvp.apply(v);
            double rayleigh = dot(v, hv);
            double norm = Math.sqrt(dot(hv, hv));
            if (norm == 0) {
                return new Estimate(0, it);
            }
            for (int i = 0; i < dimension; i++) {
                v[i] = hv[i] / norm;
            }
            if (Math.abs(rayleigh - lambda) <= tolerance * Math.abs(rayleigh)) {
                return new Estimate(rayleigh, it);
            }
            lambda = rayleigh;
        }
        return new Estimate(lambda, iterations);
    }

    /**
     * DARTS-ES (Zela et al., section 4.3): with the local average of the eigenvalue over a window of
     * {@code window} measurements, stop at measurement i when avg(i - window) / avg(i) < ratio, and keep
     * the architecture of measurement i - window. Zela et al. use a window of 5 epochs and a ratio
     * of 0.75 (the average grew by a factor above 1 / 0.75 = 1.33).
     *
     * @param eigenvalues one per measurement, in order
     * @return the index of the measurement whose architecture to keep, or -1 while the rule has not fired
     */
    public static int earlyStop(double[] eigenvalues, int window, double ratio) {
        if (window < 1 || !(ratio > 0 && ratio < 1)) {
            throw new IllegalArgumentException("window must be >= 1 and ratio in (0, 1), found " + window
                    + " and " + ratio);
        }
        for (int i = 2 * window - 1; i < eigenvalues.length; i++) {
            double now = mean(eigenvalues, i - window + 1, i);
            double before = mean(eigenvalues, i - 2 * window + 1, i - window);
            if (now > 0 && before / now < ratio) {
                return i - window;
            }
        }
        return -1;
    }

    /** Where DARTS-ES fires in a run: the epoch whose cell it keeps and the epoch whose measurement fired it. */
    public record EarlyStop(SearchEpoch kept, SearchEpoch fired) {
    }

    /**
     * {@link #earlyStop(double[], int, double)} over a run's epochs, with the window and ratio of
     * {@link InstrumentConfig}; the epochs without a measurement are skipped. Empty while it has not fired.
     */
    public static java.util.Optional<EarlyStop> earlyStop(java.util.List<SearchEpoch> history) {
        java.util.List<SearchEpoch> measured = history.stream()
                .filter(e -> !Double.isNaN(e.archHessianEigenvalue())).toList();
        int kept = earlyStop(measured.stream().mapToDouble(SearchEpoch::archHessianEigenvalue).toArray(),
                InstrumentConfig.EARLY_STOP_WINDOW, InstrumentConfig.EARLY_STOP_RATIO);
        return kept < 0 ? java.util.Optional.empty() : java.util.Optional.of(new EarlyStop(measured.get(kept),
                measured.get(kept + InstrumentConfig.EARLY_STOP_WINDOW)));
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i <= to; i++) {
            s += v[i];
        }
        return s / (to - from + 1);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        for (int i = 0; i < v.length; i++) {
            v[i] /= n;
        }
    }
}
