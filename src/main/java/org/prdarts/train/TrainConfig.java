package org.prdarts.train;

import org.prdarts.repro.Checks;

/**
 * Optimisation settings of training a derived network from scratch (docs/method.md section 8), immutable
 * and validated.
 *
 * @param epochs          training epochs
 * @param batchSize       images per step
 * @param lr              initial learning rate, cosine-annealed to lrMin per epoch
 * @param lrMin           final learning rate (DARTS: 0)
 * @param momentum        SGD momentum
 * @param weightDecay     L2 weight decay
 * @param gradClip        global gradient-norm clip (0 = off)
 * @param auxiliaryWeight weight of the auxiliary head's loss (0 = no auxiliary head)
 * @param dropPath        drop-path probability of the last epoch, ramped linearly from 0
 * @param seed            the run seed, split per consumer
 */
public record TrainConfig(int epochs, int batchSize, double lr, double lrMin, double momentum,
                          double weightDecay, double gradClip, double auxiliaryWeight, double dropPath,
                          long seed) {

    public TrainConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
        }
        if (batchSize < 2) {
            // BN cannot normalise a single image per channel in training mode
            throw new IllegalArgumentException("batch-size must be >= 2, found " + batchSize);
        }
        Checks.positive("lr", lr);
        if (!(lrMin >= 0 && lrMin <= lr)) {
            throw new IllegalArgumentException("lr-min must be in [0, lr = " + lr + "], found " + lrMin);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), found " + momentum);
        }
        Checks.nonNegative("weight-decay", weightDecay);
        if (!(gradClip >= 0)) {
            throw new IllegalArgumentException("grad-clip must be >= 0 (0 = off), found " + gradClip);
        }
        if (!(auxiliaryWeight >= 0)) {
            throw new IllegalArgumentException("auxiliary-weight must be >= 0 (0 = off), found " + auxiliaryWeight);
        }
        if (!(dropPath >= 0 && dropPath < 1)) {
            throw new IllegalArgumentException("drop-path must be in [0, 1), found " + dropPath);
        }
    }

    /** The paper's CIFAR recipe (docs/method.md section 8) with the given length and batch: lr 0.025 cosine to 0, momentum 0.9,
     * wd 3e-4, clip 5, auxiliary 0.4, drop path 0.2, seed 1. */
    public static TrainConfig defaults(int epochs, int batchSize) {
        return new TrainConfig(epochs, batchSize, 0.025, 0, 0.9, 3e-4, 5, 0.4, 0.2, 1);
    }

    public boolean auxiliary() {
        return auxiliaryWeight > 0;
    }

    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(newEpochs, batchSize, lr, lrMin, momentum, weightDecay, gradClip, auxiliaryWeight,
                dropPath, seed);
    }

    public TrainConfig withLr(double newLr) {
        return new TrainConfig(epochs, batchSize, newLr, lrMin, momentum, weightDecay, gradClip, auxiliaryWeight,
                dropPath, seed);
    }

    /** This config with another final drop-path probability. */
    public TrainConfig withDropPath(double p) {
        return new TrainConfig(epochs, batchSize, lr, lrMin, momentum, weightDecay, gradClip, auxiliaryWeight,
                p, seed);
    }
}
