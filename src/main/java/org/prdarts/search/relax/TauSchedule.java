package org.prdarts.search.relax;

import org.prdarts.repro.Checks;

/**
 * The PR-DARTS gate temperature, falling linearly from {@code start} in the first epoch to
 * {@code end} in the last.
 *
 * @param start temperature of the first epoch (reference code 1; the paper states 10)
 * @param end   temperature of the last epoch, at most start
 */
public record TauSchedule(double start, double end) {

    public static final double DEFAULT_START = 1.0;
    public static final double DEFAULT_END = 0.1;

    public TauSchedule {
        Checks.positive("tau-start", start);
        Checks.positive("tau-end", end);
        if (end > start) {
            throw new IllegalArgumentException("tau-end must be <= tau-start (" + start + "), found " + end);
        }
    }

    public static TauSchedule defaults() {
        return new TauSchedule(DEFAULT_START, DEFAULT_END);
    }

    /** Temperature of epoch {@code epoch} of a run of {@code epochs} epochs. */
    public double at(int epoch, int epochs) {
        if (epochs == 1) {
            return start;
        }
        return start - (start - end) * epoch / (epochs - 1);
    }
}
