package org.prdarts.search.relax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import org.prdarts.engine.Constants;
import org.prdarts.repro.Checks;

/**
 * The hard-concrete distribution (Louizos et al., ICLR 2018) as used for the PR-DARTS gates
 * (Zhou et al., NeurIPS 2020, Theorem 3).
 *
 * <pre>
 * s = sigmoid((ln u - ln(1-u) + beta) / tau),  u ~ Uniform(0, 1)
 * g = clamp(a + (b - a) * s, 0, 1)
 * P(g != 0) = sigmoid(beta - tau * ln(-a / b))
 * P(g == 1) = sigmoid(beta - tau * ln((1 - a) / (b - 1)))
 * </pre>
 *
 * <p>The uniform noise is passed in from the host so that every draw comes from the run's keyed
 * {@link org.prdarts.repro.Rng}, never from the engine's generator. NDArray results are attached to
 * the manager of {@code beta}, as DJL does for any operation on it.
 */
public final class HardConcrete {

    /** Lower stretch limit of the reference implementation and the paper. */
    public static final double DEFAULT_A = -0.1;
    /** Upper stretch limit of the reference implementation and the paper. */
    public static final double DEFAULT_B = 1.1;
    /**
     * Noise is clamped into [U_EPS, 1 - U_EPS] so that ln u and ln(1 - u) stay finite when the
     * generator returns exactly 0; the probability mass moved is 2e-6, far below anything a run
     * or a test can see.
     */
    public static final double U_EPS = 1e-6;

    private HardConcrete() {
    }

    /**
     * Draws gates g with the shape of {@code beta}, differentiable with respect to beta.
     *
     * @param u uniform draws in [0, 1), one per element of beta in row-major order
     */
    public static NDArray sample(NDArray beta, double tau, double a, double b, float[] u) {
        checkParameters(tau, a, b);
        if (u.length != beta.size()) {
            throw new IllegalArgumentException("noise length must equal the number of gates "
                    + beta.size() + ", found " + u.length);
        }
        // The logistic noise carries no gradient, so it is formed on the host in double precision.
        double[] noise = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            noise[i] = logisticNoise(u[i]);
        }
        // Scalars enter as arrays held by beta's manager, never as Number arguments: the engine
        // binding builds a Number into a temporary array, closes it, and the autograd graph then
        // reads freed memory in the backward pass (DJL 0.36, PyTorch CPU).
        NDArray s = Activation.sigmoid(beta.add(Constants.like(beta, noise)).mul(Constants.filled(beta, 1 / tau)));
        return s.mul(Constants.filled(beta, b - a)).add(a).clip(0, 1);
    }

    /** P(g != 0) = sigmoid(beta - tau * ln(-a / b)), elementwise and differentiable. */
    public static NDArray probNonZero(NDArray beta, double tau, double a, double b) {
        checkParameters(tau, a, b);
        return Activation.sigmoid(beta.sub(tau * Math.log(-a / b)));
    }

    /** P(g == 1) = sigmoid(beta - tau * ln((1 - a) / (b - 1))), elementwise and differentiable. */
    public static NDArray probOne(NDArray beta, double tau, double a, double b) {
        checkParameters(tau, a, b);
        return Activation.sigmoid(beta.sub(tau * Math.log((1 - a) / (b - 1))));
    }

    /** Host version of {@link #probNonZero(NDArray, double, double, double)}. */
    public static double probNonZero(double beta, double tau, double a, double b) {
        checkParameters(tau, a, b);
        return sigmoid(beta - tau * Math.log(-a / b));
    }

    /** Host version of {@link #probOne(NDArray, double, double, double)}. */
    public static double probOne(double beta, double tau, double a, double b) {
        checkParameters(tau, a, b);
        return sigmoid(beta - tau * Math.log((1 - a) / (b - 1)));
    }

    /** Host version of {@link #sample(NDArray, double, double, double, float[])} for one gate. */
    public static double sample(double beta, double tau, double a, double b, double u) {
        checkParameters(tau, a, b);
        double s = sigmoid((logisticNoise(u) + beta) / tau);
        return Math.min(1, Math.max(0, a + (b - a) * s));
    }

    /** Host table of P(g != 0) for a [rows, cols] logit array. */
    static float[][] probNonZeroTable(NDArray beta, double tau, double a, double b) {
        // A detached float copy: the table is host-only, so no graph node should be recorded.
        NDArray detached = beta.stopGradient();
        float[][] t;
        try (NDArray floats = detached.toType(DataType.FLOAT32, true)) {
            t = Tables.toTable(floats);
        } finally {
            if (detached != beta) {
                detached.close();
            }
        }
        for (float[] row : t) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) probNonZero(row[j], tau, a, b);
            }
        }
        return t;
    }

    /** Rejects a temperature or stretch interval for which the closed forms are undefined. */
    public static void checkParameters(double tau, double a, double b) {
        Checks.positiveFinite("tau", tau);
        checkStretch(a, b);
    }

    /** Rejects a stretch interval (a, b) that does not reach past [0, 1] on both sides. */
    public static void checkStretch(double a, double b) {
        Checks.finiteBelow("gate-a", a, 0);
        Checks.finiteAbove("gate-b", b, 1);
    }

    private static double logisticNoise(double u) {
        double c = Math.min(1 - U_EPS, Math.max(U_EPS, u));
        return Math.log(c) - Math.log1p(-c);
    }

    private static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
