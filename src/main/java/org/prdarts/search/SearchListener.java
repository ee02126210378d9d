package org.prdarts.search;

import java.nio.file.Path;
import java.util.Map;

/** Progress callbacks of a search (the CLI draws a progress bar from them). */
public interface SearchListener {

    /** Called once the data is loaded and the supernet built. */
    default void started(String dataSource, int epochs, int stepsPerEpoch, int startEpoch, int startStep) {
    }

    /** Called after every step with running means of the epoch so far. */
    default void step(int epoch, int step, double trainLoss, double trainAcc, double validLoss,
                      double validAcc) {
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

    /** A remark worth showing (e.g. a checkpoint that was skipped on resume). */
    default void note(String message) {
    }

    SearchListener SILENT = new SearchListener() {
    };
}
