package org.prdarts.train;

/**
 * One epoch of a training run, one line of metrics.jsonl.
 *
 * @param epoch     1-based
 * @param trainLoss mean main-head loss of the epoch's training steps
 * @param trainAcc  training accuracy
 * @param testLoss  mean loss on the test set after the epoch
 * @param testAcc   test accuracy after the epoch
 * @param lr        learning rate of the epoch
 * @param dropPath  drop-path probability of the epoch
 * @param seconds   wall time of the epoch (its test pass included), resumes included
 */
public record TrainEpoch(int epoch, double trainLoss, double trainAcc, double testLoss, double testAcc, double lr,
                         double dropPath, double seconds) {
}
