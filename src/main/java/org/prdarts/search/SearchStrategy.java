package org.prdarts.search;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.Checkpointed;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.space.Genotype;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A differentiable search method, driven by the generic loop in {@link Search} (NASLib's
 * MetaOptimizer shape): per epoch {@link #newEpoch}, per step {@link #step}, then the genotype;
 * its whole state goes into a checkpoint through {@link #saveState} and comes back through
 * {@link #loadState}. The loop keeps the epoch's sums; the strategy keeps none.
 */
public interface SearchStrategy extends Checkpointed {

    /** The method this strategy implements. */
    Method method();

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

    /**
     * Method-specific facts for the epoch record (derived cell, weight tables, schedules...).
     *
     * @param regularizers the mean of each regularizer term over the epoch's steps (from {@link StepStats})
     */
    SearchEpoch.Facts epochFacts(Map<String, Double> regularizers);

    /** Learning rate of the network weights in the current epoch. */
    double learningRate();

    /** Adam's learning rate of the architecture logits in this run. */
    double archLearningRate();

    /** How decided the cell of one type is now ({@link Decidedness}). */
    Decidedness.Cell decidedness(boolean reduction);

    /** Adds the strategy's whole state (network, architecture, optimizers) to a checkpoint. */
    void saveState(Checkpoint.Builder b);

    /** Restores what {@link #saveState} wrote. */
    void loadState(Checkpoint c);

    /**
     * Loss and accuracy of the two halves of one step, and the value of each regularizer term of
     * the architecture loss (empty when the method has none).
     */
    record StepStats(double trainLoss, int trainCorrect, int trainCount,
                     double archLoss, int archCorrect, int archCount, Map<String, Double> regularizers) {
        public StepStats {
            // in the terms' order, which the epoch record keeps
            regularizers = Collections.unmodifiableMap(new LinkedHashMap<>(regularizers));
        }
    }
}
