package org.prdarts.search;

import org.prdarts.repro.MemoryEstimate;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.space.Genotype;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of a search.
 *
 * @param genotype   the derived cell pair
 * @param history    one record per epoch, as in metrics.jsonl
 * @param runDir     where the files went
 * @param seconds    wall time of the search, over every process that worked on it (a resumed search adds
 *                   the earlier processes' time up to the checkpoint it continued from)
 * @param dataSource which data the run used
 * @param memory     the memory estimate the run was checked against
 * @param peakResidentBytes the process's measured peak resident memory; null where it cannot be read
 * @param normalDecidedness how decided the final normal cell is
 * @param reduceDecidedness how decided the final reduction cell is
 */
public record SearchResult(Genotype genotype, List<SearchEpoch> history, Path runDir, double seconds,
                           String dataSource, MemoryEstimate memory, Long peakResidentBytes,
                           Decidedness.Cell normalDecidedness, Decidedness.Cell reduceDecidedness) {

    public SearchResult {
        history = List.copyOf(history);
    }

    /** The last epoch's record. */
    public SearchEpoch last() {
        return history.get(history.size() - 1);
    }
}
