package org.prdarts.train;

import java.nio.file.Path;
import java.util.Map;

/** Progress callbacks of a training run (the CLI draws a progress bar from them). */
public interface TrainListener {

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

    /** Called after every epoch with the record written to metrics.jsonl. */
    default void epoch(Map<String, Object> record) {
    }

    /**
     * Called when the run directory's files are complete up to the last finished epoch: after every
     * epoch's checkpoint and once more after the final files (the place to rebuild a report).
     */
    default void filesWritten(Path runDir) {
    }

    /** A remark the user should see, e.g. a skipped checkpoint. */
    default void note(String message) {
    }

    TrainListener SILENT = new TrainListener() {
    };
}
