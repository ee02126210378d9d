package org.prdarts.search;

import static org.prdarts.repro.Checks.nonNegative;
import static org.prdarts.repro.Checks.nonNegativeFinite;
import static org.prdarts.repro.Checks.positive;

/**
 * The Adam optimizer of the architecture logits (DARTS alpha, PR-DARTS beta) and their
 * initialisation.
 *
 * @param lr          Adam learning rate; with reach > 0 the lowest one the scaling may choose
 * @param reach       with a value > 0, the search raises the learning rate to reach / (architecture
 *                    steps of the run), so that Adam, which moves a logit by at most about lr per
 *                    step, can move it by reach within the budget; 0 = lr as given
 * @param beta1       Adam's first-moment decay
 * @param beta2       Adam's second-moment decay
 * @param weightDecay Adam L2 weight decay
 * @param initScale   logits start at initScale * N(0, 1) ({@code --beta-init})
 */
public record ArchOptimizerConfig(double lr, double reach, double beta1, double beta2, double weightDecay,
                                  double initScale) {

    /** Adam's learning rate at the paper's budget, and the floor of the scaled one. */
    public static final double DEFAULT_LR = 3e-4;
    /**
     * The movement of a logit Adam can reach within a run's budget: 6, what DARTS' own schedule
     * allows (lr 3e-4 over 50 epochs of 391 steps on CIFAR-10's 25,000 search images: 5.9).
     */
    public static final double DEFAULT_REACH = 6;
    public static final double DEFAULT_BETA1 = 0.5;
    public static final double DEFAULT_BETA2 = 0.999;
    public static final double DEFAULT_WEIGHT_DECAY = 1e-3;
    /** Reference code; the paper's supplement says 0.5. */
    public static final double DEFAULT_INIT_SCALE = 1e-3;

    public ArchOptimizerConfig {
        positive("architecture learning rate", lr);
        nonNegativeFinite("arch-reach", reach);
        nonNegative("architecture weight decay", weightDecay);
        nonNegative("architecture init scale", initScale);
    }

    public static ArchOptimizerConfig defaults() {
        return new ArchOptimizerConfig(DEFAULT_LR, DEFAULT_REACH, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_WEIGHT_DECAY,
                DEFAULT_INIT_SCALE);
    }

    /**
     * The learning rate of a run with the given number of architecture steps:
     * {@code max(lr, reach / steps)}, or lr when reach is 0. Adam moves a logit by at most about lr
     * per step, so lr * steps is the farthest a logit can go; scaling lr to the budget lets a short
     * search move its logits as far as a long one can, instead of ending within noise of the
     * initialisation.
     */
    public double lrFor(long steps) {
        if (reach == 0 || steps <= 0) {
            return lr;
        }
        return Math.max(lr, reach / steps);
    }

    /** A copy with another learning rate, used as given: the scaling is switched off. */
    public ArchOptimizerConfig withLr(double newLr) {
        return new ArchOptimizerConfig(newLr, 0, beta1, beta2, weightDecay, initScale);
    }

    /** A copy with another reach; with an explicit learning rate beside it, that rate is the floor. */
    public ArchOptimizerConfig withReach(double newReach) {
        return new ArchOptimizerConfig(lr, newReach, beta1, beta2, weightDecay, initScale);
    }

    public ArchOptimizerConfig withWeightDecay(double newWeightDecay) {
        return new ArchOptimizerConfig(lr, reach, beta1, beta2, newWeightDecay, initScale);
    }

    public ArchOptimizerConfig withInitScale(double newInitScale) {
        return new ArchOptimizerConfig(lr, reach, beta1, beta2, weightDecay, newInitScale);
    }
}
