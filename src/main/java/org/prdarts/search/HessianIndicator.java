package org.prdarts.search;

import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The curvature indicator of Zela et al. (ICLR 2020, "Understanding and Robustifying Differentiable
 * Architecture Search"): the largest eigenvalue of the Hessian of the validation loss with respect
 * to the architecture parameters, and their early-stopping rule (DARTS-ES).
 *
 * <p>The Hessian is never formed: each product H v is a central finite difference of the gradient,
 * (grad(a + eps v) - grad(a - eps v)) / (2 eps), and Lanczos iteration runs on those products. The
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
     * The largest eigenvalue of H (the most positive, as Zela et al. take it from the full
     * Hessian's spectrum), by Lanczos iteration on H v products with full reorthogonalisation:
     * stopped when the largest Ritz value changes by less than {@code tolerance} relative, or after
     * {@code iterations} products, or when the Krylov space stops growing. Power iteration would find
     * the eigenvalue of largest magnitude instead, and where the most negative curvature is about as
     * large as the most positive it does not converge at all: its estimate then flips sign from one
     * measurement to the next.
     *
     * @param hvp        v -> H v (H symmetric up to the finite differences' error)
     * @param dimension  length of v
     * @param iterations most products to take
     * @param rng        the start vector's draws
     */
    public static Estimate largestEigenvalue(UnaryOperator<double[]> hvp, int dimension, int iterations,
                                             double tolerance, Random rng) {
        if (dimension < 1 || iterations < 1) {
            throw new IllegalArgumentException("dimension and iterations must be >= 1, found " + dimension
                    + " and " + iterations);
        }
        int steps = Math.min(iterations, dimension);
        double[][] q = new double[steps + 1][];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        q[0] = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            q[0][i] = rng.nextGaussian();
        }
        normalize(q[0]);
        double ritz = Double.NaN;
        for (int j = 0; j < steps; j++) {
            double[] w = hvp.apply(q[j]);
            alpha[j] = dot(q[j], w);
            double size = Math.sqrt(dot(w, w));
            // twice against every earlier vector: the products' rounding would otherwise bring back
            // directions already found and with them spurious copies of the largest Ritz value
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(q[i], w);
                    for (int k = 0; k < dimension; k++) {
                        w[k] -= c * q[i][k];
                    }
                }
            }
            double next = largestOfTridiagonal(alpha, beta, j + 1);
            boolean settled = Math.abs(next - ritz) <= tolerance * Math.abs(next);
            ritz = next;
            beta[j] = Math.sqrt(dot(w, w));
            if (settled || beta[j] <= 1e-10 * Math.max(size, Double.MIN_NORMAL)) {
                return new Estimate(ritz, j + 1);
            }
            q[j + 1] = w;
            for (int k = 0; k < dimension; k++) {
                q[j + 1][k] /= beta[j];
            }
        }
        return new Estimate(ritz, steps);
    }

    /**
     * The largest eigenvalue of the symmetric tridiagonal matrix with diagonal {@code a[0..n)} and
     * off-diagonal {@code b[0..n-1)}, by bisection on its Sturm sequence counts.
     */
    static double largestOfTridiagonal(double[] a, double[] b, int n) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double r = (i > 0 ? Math.abs(b[i - 1]) : 0) + (i < n - 1 ? Math.abs(b[i]) : 0);
            lo = Math.min(lo, a[i] - r);
            hi = Math.max(hi, a[i] + r);
        }
        for (int it = 0; it < 200 && hi - lo > 1e-13 * Math.max(1, Math.abs(hi)); it++) {
            double mid = 0.5 * (lo + hi);
            if (eigenvaluesBelow(a, b, n, mid) == n) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** How many eigenvalues of the tridiagonal matrix lie below x (the negative pivots of T - x I). */
    private static int eigenvaluesBelow(double[] a, double[] b, int n, double x) {
        int count = 0;
        double d = 1;
        for (int i = 0; i < n; i++) {
            d = a[i] - x - (i > 0 ? b[i - 1] * b[i - 1] / d : 0);
            if (d == 0) {
                d = 1e-300;
            }
            if (d < 0) {
                count++;
            }
        }
        return count;
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
