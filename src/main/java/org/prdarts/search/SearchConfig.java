package org.prdarts.search;

import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.Regularizer;
import org.prdarts.search.reg.RegularizerConfig;

import java.util.Locale;

/**
 * Optimisation settings of a search (SPEC.md sections 3, 4-6). Immutable and validated: every
 * message names the option, the rule and the value found.
 *
 * @param method          "darts" or "prdarts"
 * @param epochs          search epochs
 * @param batchSize       images per weight step and per architecture step
 * @param weightLr        initial learning rate of the network weights (cosine to weightLrMin)
 * @param momentum        SGD momentum of the weights
 * @param nesterov        Nesterov momentum (off for both methods; the PR-DARTS reference code uses it)
 * @param weightDecay     L2 weight decay of the weights (the same for both methods)
 * @param gradClip        global gradient-norm clip of the weights (0 = off)
 * @param archLr          Adam learning rate of the architecture logits; with archReach > 0 the lowest one
 * @param archReach       with a value > 0, the search raises the architecture learning rate to
 *                        archReach / (architecture steps of the run), so that Adam, which moves a
 *                        logit by at most about lr per step, can move it by archReach within the
 *                        budget; 0 = archLr as given
 * @param archWeightDecay Adam L2 weight decay of the architecture logits
 * @param archInitScale   logits start at archInitScale * N(0, 1) ({@code --beta-init})
 * @param secondOrder     DARTS second-order (unrolled) architecture gradient
 * @param tauStart        PR-DARTS gate temperature in the first epoch
 * @param tauEnd          PR-DARTS gate temperature in the last epoch
 * @param gateA           hard-concrete stretch lower end (a < 0)
 * @param gateB           hard-concrete stretch upper end (b > 1)
 * @param gateMode        "top2" or "full"
 * @param gateDropout     top2 gate dropout probability
 * @param regularizer     "paper" or "reference-code"
 * @param pathFactor      "mean" or "sum": how the paper-form path term combines a chain edge's
 *                        parametric probabilities
 * @param hinge           threshold of the reference-code hinge max(X - hinge, 0)
 * @param lambdaSkip      weight of the skip sparsity term
 * @param lambdaNonskip   weight of the non-skip sparsity term
 * @param lambdaPath      weight of the path-depth reward
 * @param seed            the run seed, split per consumer
 */
public record SearchConfig(String method, int epochs, int batchSize,
                           double weightLr, double weightLrMin, double momentum, boolean nesterov,
                           double weightDecay, double gradClip,
                           double archLr, double archReach, double archBeta1, double archBeta2, double archWeightDecay,
                           double archInitScale, boolean secondOrder,
                           double tauStart, double tauEnd, double gateA, double gateB, String gateMode,
                           double gateDropout, String regularizer, String pathFactor, double hinge,
                           double lambdaSkip, double lambdaNonskip, double lambdaPath,
                           long seed) {

    /** SGD momentum of the weights, both methods. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** L2 weight decay of the weights, both methods (DARTS; the PR-DARTS reference code uses 5e-4). */
    public static final double DEFAULT_WEIGHT_DECAY = 3e-4;
    /** Adam learning rate of the architecture logits at the paper's budget, and the floor of the scaled one. */
    public static final double DEFAULT_ARCH_LR = 3e-4;
    /**
     * The movement of a logit Adam can reach within a run's budget: 6, what DARTS' own schedule
     * allows (lr 3e-4 over 50 epochs of 391 steps on CIFAR-10's 25,000 search images: 5.9).
     */
    public static final double DEFAULT_ARCH_REACH = 6;
    /** Nesterov momentum, both methods (the PR-DARTS reference code turns it on). */
    public static final boolean DEFAULT_NESTEROV = false;
    /** Architecture logits start at this times N(0, 1) (reference code; the paper's supplement says 0.5). */
    public static final double DEFAULT_ARCH_INIT_SCALE = 1e-3;
    /** The path term's factor per chain edge: the mean over the parametric operations. */
    public static final String DEFAULT_PATH_FACTOR = "mean";
    /** The reference-code hinge threshold. */
    public static final double DEFAULT_HINGE = Regularizer.DEFAULT_HINGE_THRESHOLD;

    public SearchConfig {
        if (!method.equals("darts") && !method.equals("prdarts")) {
            throw new IllegalArgumentException("method must be darts or prdarts, found '" + method + "'");
        }
        atLeast("epochs", epochs, 1);
        atLeast("batch-size", batchSize, 1);
        positive("weight learning rate", weightLr);
        if (weightLrMin < 0 || weightLrMin > weightLr) {
            throw new IllegalArgumentException("minimum weight learning rate must be in [0, "
                    + weightLr + "], found " + weightLrMin);
        }
        nonNegative("momentum", momentum);
        nonNegative("weight decay", weightDecay);
        nonNegative("gradient clip", gradClip);
        positive("architecture learning rate", archLr);
        if (!(archReach >= 0) || Double.isInfinite(archReach)) {
            throw new IllegalArgumentException("arch-reach must be >= 0 and finite, found " + archReach);
        }
        nonNegative("architecture weight decay", archWeightDecay);
        nonNegative("architecture init scale", archInitScale);
        if (secondOrder && method.equals("prdarts")) {
            throw new IllegalArgumentException("second-order gradients are a DARTS option; PR-DARTS is first order");
        }
        if (!(tauStart > 0)) {
            throw new IllegalArgumentException("tau-start must be > 0, found " + tauStart);
        }
        if (!(tauEnd > 0)) {
            throw new IllegalArgumentException("tau-end must be > 0, found " + tauEnd);
        }
        if (tauEnd > tauStart) {
            throw new IllegalArgumentException("tau-end must be <= tau-start (" + tauStart + "), found " + tauEnd);
        }
        if (!(gateA < 0)) {
            throw new IllegalArgumentException("gate-a must be < 0, found " + gateA);
        }
        if (!(gateB > 1)) {
            throw new IllegalArgumentException("gate-b must be > 1, found " + gateB);
        }
        if (!gateMode.equals("top2") && !gateMode.equals("full")) {
            throw new IllegalArgumentException("gate-mode must be top2 or full, found '" + gateMode + "'");
        }
        if (gateDropout < 0 || gateDropout >= 1) {
            throw new IllegalArgumentException("gate-dropout must be in [0, 1), found " + gateDropout);
        }
        if (!regularizer.equals("paper") && !regularizer.equals("reference-code")) {
            throw new IllegalArgumentException("regularizer must be paper or reference-code, found '"
                    + regularizer + "'");
        }
        if (!"mean".equals(pathFactor) && !"sum".equals(pathFactor)) {
            throw new IllegalArgumentException("path-factor must be mean or sum, found '" + pathFactor + "'");
        }
        if (!(hinge >= 0) || Double.isInfinite(hinge)) {
            throw new IllegalArgumentException("hinge must be >= 0 and finite, found " + hinge);
        }
        nonNegative("lambda-skip", lambdaSkip);
        nonNegative("lambda-nonskip", lambdaNonskip);
        nonNegative("lambda-path", lambdaPath);
    }

    /**
     * The defaults for a method, with the given budget. Both methods share one weight optimizer
     * (SGD, momentum 0.9, weight decay 3e-4, no Nesterov), so that a comparison compares search
     * strategies and nothing else.
     */
    public static SearchConfig defaults(String method, int epochs, int batchSize, long seed) {
        return new SearchConfig(method, epochs, batchSize,
                0.025, 0.001, DEFAULT_MOMENTUM, DEFAULT_NESTEROV, DEFAULT_WEIGHT_DECAY, 5,
                DEFAULT_ARCH_LR, DEFAULT_ARCH_REACH, 0.5, 0.999, 1e-3, DEFAULT_ARCH_INIT_SCALE, false,
                1.0, 0.1, -0.1, 1.1, "top2", 0.4, "paper", DEFAULT_PATH_FACTOR, DEFAULT_HINGE,
                RegularizerConfig.DEFAULT_LAMBDA_SKIP, RegularizerConfig.DEFAULT_LAMBDA_NONSKIP,
                RegularizerConfig.DEFAULT_LAMBDA_PATH, seed);
    }

    /** The PR-DARTS regularizer these settings describe. */
    public RegularizerConfig regularizerConfig() {
        return new RegularizerConfig(lambdaSkip, lambdaNonskip, lambdaPath,
                regularizer.equals("reference-code") ? Regularizer.Form.REFERENCE_CODE : Regularizer.Form.PAPER,
                hinge, PathRegularizer.Factor.valueOf(pathFactor.toUpperCase(Locale.ROOT)));
    }

    /** A copy with another gate mode. */
    public SearchConfig withGateMode(String mode) {
        return new SearchConfig(method, epochs, batchSize, weightLr, weightLrMin, momentum, nesterov,
                weightDecay, gradClip, archLr, archReach, archBeta1, archBeta2, archWeightDecay, archInitScale,
                secondOrder, tauStart, tauEnd, gateA, gateB, mode, gateDropout, regularizer, pathFactor,
                hinge, lambdaSkip, lambdaNonskip, lambdaPath, seed);
    }

    /**
     * The architecture learning rate of a run with the given number of architecture steps:
     * {@code max(archLr, archReach / steps)}, or archLr when archReach is 0. Adam moves a logit by
     * at most about lr per step, so lr * steps is the farthest a logit can go; scaling lr to the
     * budget lets a short search move its logits as far as a long one can, instead of ending within
     * noise of the initialisation.
     */
    public double archLrFor(long steps) {
        if (archReach == 0 || steps <= 0) {
            return archLr;
        }
        return Math.max(archLr, archReach / steps);
    }

    /** A copy whose architecture learning rate is fixed to the given one (no further scaling). */
    public SearchConfig withArchLr(double lr) {
        return new SearchConfig(method, epochs, batchSize, weightLr, weightLrMin, momentum, nesterov,
                weightDecay, gradClip, lr, 0, archBeta1, archBeta2, archWeightDecay, archInitScale,
                secondOrder, tauStart, tauEnd, gateA, gateB, gateMode, gateDropout, regularizer, pathFactor,
                hinge, lambdaSkip, lambdaNonskip, lambdaPath, seed);
    }

    /** A copy with other regularizer weights (0 switches a term off). */
    public SearchConfig withLambdas(double skip, double nonskip, double path) {
        return new SearchConfig(method, epochs, batchSize, weightLr, weightLrMin, momentum, nesterov,
                weightDecay, gradClip, archLr, archReach, archBeta1, archBeta2, archWeightDecay, archInitScale,
                secondOrder, tauStart, tauEnd, gateA, gateB, gateMode, gateDropout, regularizer, pathFactor,
                hinge, skip, nonskip, path, seed);
    }

    /** Temperature of epoch e: linear from tauStart to tauEnd over the epochs. */
    public double tau(int epoch) {
        if (epochs == 1) {
            return tauStart;
        }
        return tauStart - (tauStart - tauEnd) * epoch / (epochs - 1);
    }

    private static void atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", found " + value);
        }
    }

    private static void positive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + " must be > 0, found " + value);
        }
    }

    private static void nonNegative(String field, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(field + " must be >= 0, found " + value);
        }
    }
}
