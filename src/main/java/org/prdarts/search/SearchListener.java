package org.prdarts.search;

import org.prdarts.repro.RunListener;

/** Progress callbacks of a search (the CLI draws a progress bar from them). */
public interface SearchListener extends RunListener<SearchEpoch> {

    /** Called once the data is loaded and the supernet built. */
    default void started(String dataSource, int epochs, int stepsPerEpoch, int startEpoch, int startStep) {
    }

    /** Called when a time budget has laid the run out for another number of epochs, with why. */
    default void planned(int epochs, String why) {
    }

    /** Called after every step with running means of the epoch so far. */
    default void step(int epoch, int step, double trainLoss, double trainAcc, double validLoss,
                      double validAcc) {
    }

    SearchListener SILENT = new SearchListener() {
    };
}
