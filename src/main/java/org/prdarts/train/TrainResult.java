package org.prdarts.train;

import org.prdarts.repro.MemoryEstimate;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a training run.
 *
 * @param runDir     the run directory (a model directory for eval and predict)
 * @param history    one record per epoch, as in metrics.jsonl
 * @param evaluation the final test-set evaluation
 * @param size       parameters and mult-adds of the network
 * @param seconds    wall time of the run, over every process that worked on it (a resumed run adds the
 *                   earlier processes' time up to the checkpoint it continued from)
 * @param dataSource where the images came from
 * @param memory     the memory estimate made before the run
 * @param peakResidentBytes measured peak resident memory of the process, or null where not measurable
 */
public record TrainResult(Path runDir, List<TrainEpoch> history, Evaluation evaluation, NetworkSize size,
                          double seconds, String dataSource, MemoryEstimate memory, Long peakResidentBytes) {

    /** The last epoch's record. */
    public TrainEpoch last() {
        return history.get(history.size() - 1);
    }
}
