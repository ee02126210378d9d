package org.prdarts.repro;

import java.nio.file.Path;

/**
 * What every kind of run tells its caller as it goes; each kind adds its own progress callbacks.
 *
 * @param <E> the kind of run's epoch record
 */
public interface RunListener<E> {

    /** Called after every epoch with the record written to metrics.jsonl. */
    default void epoch(E record) {
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
}
