package org.prdarts.train;

import org.prdarts.repro.RunListener;

/** Progress callbacks of a training run (the CLI draws a progress bar from them). */
public interface TrainListener extends RunListener<TrainEpoch> {

    /**
     * Called once the data is loaded and the network built; a resumed run starts at epoch
     * {@code startEpoch}, step {@code startStep} (both from 0), a new one at 0, 0.
     */
    default void started(String dataSource, NetworkSize size, int epochs, int stepsPerEpoch, int startEpoch,
                         int startStep) {
    }

    /** Called after every step with running means of the epoch so far. */
    default void step(int epoch, int step, double trainLoss, double trainAcc) {
    }

    TrainListener SILENT = new TrainListener() {
    };
}
