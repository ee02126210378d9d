package org.prdarts.search;

import static org.prdarts.repro.Checks.nonNegative;
import static org.prdarts.repro.Checks.positive;

/**
 * The SGD optimizer of the network weights, the same for both methods, so that a comparison
 * compares search strategies and nothing else.
 *
 * @param lr          initial learning rate, cosine to lrMin over the epochs
 * @param lrMin       final learning rate, in [0, lr]
 * @param momentum    SGD momentum
 * @param nesterov    Nesterov momentum (off for both methods; the PR-DARTS reference code uses it)
 * @param weightDecay L2 weight decay
 * @param gradClip    global gradient-norm clip (0 = off)
 */
public record WeightOptimizerConfig(double lr, double lrMin, double momentum, boolean nesterov,
                                    double weightDecay, double gradClip) {

    public static final double DEFAULT_LR = 0.025;
    public static final double DEFAULT_LR_MIN = 0.001;
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Nesterov momentum (the PR-DARTS reference code turns it on). */
    public static final boolean DEFAULT_NESTEROV = false;
    /** DARTS' weight decay; the PR-DARTS reference code uses 5e-4. */
    public static final double DEFAULT_WEIGHT_DECAY = 3e-4;
    public static final double DEFAULT_GRAD_CLIP = 5;

    public WeightOptimizerConfig {
        positive("weight learning rate", lr);
        if (!(lrMin >= 0) || lrMin > lr) {
            throw new IllegalArgumentException("minimum weight learning rate must be in [0, " + lr + "], found "
                    + lrMin);
        }
        nonNegative("momentum", momentum);
        nonNegative("weight decay", weightDecay);
        nonNegative("gradient clip", gradClip);
    }

    public static WeightOptimizerConfig defaults() {
        return new WeightOptimizerConfig(DEFAULT_LR, DEFAULT_LR_MIN, DEFAULT_MOMENTUM, DEFAULT_NESTEROV,
                DEFAULT_WEIGHT_DECAY, DEFAULT_GRAD_CLIP);
    }

    /** A copy with another learning rate; the final rate is lowered to it if it was higher. */
    public WeightOptimizerConfig withLr(double newLr) {
        return new WeightOptimizerConfig(newLr, Math.min(lrMin, newLr), momentum, nesterov, weightDecay, gradClip);
    }

    public WeightOptimizerConfig withLrMin(double newLrMin) {
        return new WeightOptimizerConfig(lr, newLrMin, momentum, nesterov, weightDecay, gradClip);
    }

    public WeightOptimizerConfig withMomentum(double newMomentum) {
        return new WeightOptimizerConfig(lr, lrMin, newMomentum, nesterov, weightDecay, gradClip);
    }

    public WeightOptimizerConfig withNesterov(boolean newNesterov) {
        return new WeightOptimizerConfig(lr, lrMin, momentum, newNesterov, weightDecay, gradClip);
    }

    public WeightOptimizerConfig withWeightDecay(double newWeightDecay) {
        return new WeightOptimizerConfig(lr, lrMin, momentum, nesterov, newWeightDecay, gradClip);
    }

    public WeightOptimizerConfig withGradClip(double newGradClip) {
        return new WeightOptimizerConfig(lr, lrMin, momentum, nesterov, weightDecay, newGradClip);
    }
}
