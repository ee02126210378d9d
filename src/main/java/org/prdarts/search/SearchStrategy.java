package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.prdarts.space.Genotype;

import java.util.Map;

/**
 * A differentiable search method, driven by the generic loop in {@link Search} (NASLib's
 * MetaOptimizer shape): per epoch {@link #newEpoch}, per step {@link #step}, then the genotype.
 */
public interface SearchStrategy {

    /** Method name as the CLI spells it ("darts", "prdarts"). */
    String method();

    /** Moves the schedules (learning rate, temperature) to the given epoch (0-based). */
    void newEpoch(int epoch);

    /**
     * One search step: a weight step on the training batch and an architecture step on the
     * architecture batch. All temporaries must live in {@code scratch}, closed by the caller.
     */
    StepStats step(NDManager scratch, NDArray trainX, NDArray trainY, NDArray archX, NDArray archY,
                   int epoch, int step);

    /** The cell derived from the current architecture parameters. */
    Genotype genotype();

    /** Method-specific facts for the epoch record (schedules, weight tables, regularizers...). */
    Map<String, Object> epochState();

    /** Learning rate of the network weights in the current epoch. */
    double learningRate();

    /** Loss and accuracy of the two halves of one step. */
    record StepStats(double trainLoss, int trainCorrect, int trainCount,
                     double archLoss, int archCorrect, int archCount) {
    }
}
