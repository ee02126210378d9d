package org.prdarts.search;

/**
 * Measurements a search may take besides its own steps; they cost time and change nothing the
 * search learns.
 *
 * @param hessianEvery      measure the largest eigenvalue of the architecture Hessian every this
 *                          many epochs (Zela et al. 2020); 0 = never
 * @param hessianIterations most Lanczos iterations per measurement (each costs two backward passes)
 * @param hessianEarlyStop  keep the cell of the epoch the DARTS-ES rule points to ({@link
 *                          HessianIndicator#earlyStop}, window {@value #EARLY_STOP_WINDOW}
 *                          measurements, ratio {@value #EARLY_STOP_RATIO}) instead of the last one
 * @param shuffledLabels    a null search: the labels of the training set (both halves) permuted once
 *                          before the split, so the architecture gradient carries no signal; its
 *                          node margins and logit spreads are the noise floor of a real search with
 *                          the same data, budget and seed ({@link org.prdarts.search.derive.NullCalibration})
 */
public record InstrumentConfig(int hessianEvery, int hessianIterations, boolean hessianEarlyStop,
                               boolean shuffledLabels) {
    /** Zela et al.'s local-average window, in measurements (epochs at --hessian-every 1). */
    public static final int EARLY_STOP_WINDOW = 5;
    /** Zela et al.'s ratio: stop once the earlier local average is below 0.75 of the current one. */
    public static final double EARLY_STOP_RATIO = 0.75;

    public InstrumentConfig {
        if (hessianEvery < 0) {
            throw new IllegalArgumentException("hessian-every must be >= 0, found " + hessianEvery);
        }
        if (hessianIterations < 1) {
            throw new IllegalArgumentException("hessian-iterations must be >= 1, found " + hessianIterations);
        }
        if (hessianEarlyStop && hessianEvery == 0) {
            throw new IllegalArgumentException("hessian-early-stop needs hessian-every >= 1, found 0");
        }
    }

    public static InstrumentConfig defaults() {
        return new InstrumentConfig(0, 20, false, false);
    }

    /** Whether the Hessian is measured after the 0-based epoch. */
    public boolean hessianAt(int epoch) {
        return hessianEvery > 0 && (epoch + 1) % hessianEvery == 0;
    }
}
