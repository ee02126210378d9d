package org.prdarts.search;

/**
 * Measurements a search may take besides its own steps; they cost time and change nothing the
 * search learns.
 *
 * @param hessianEvery      measure the dominant eigenvalue of the architecture Hessian every this
 *                          many epochs (Zela et al. 2020); 0 = never
 * @param hessianIterations power iterations per measurement (each costs two backward passes)
 */
public record InstrumentConfig(int hessianEvery, int hessianIterations) {

    public InstrumentConfig {
        if (hessianEvery < 0) {
            throw new IllegalArgumentException("hessian-every must be >= 0, found " + hessianEvery);
        }
        if (hessianIterations < 1) {
            throw new IllegalArgumentException("hessian-iterations must be >= 1, found " + hessianIterations);
        }
    }

    public static InstrumentConfig defaults() {
        return new InstrumentConfig(0, 20);
    }

    /** Whether the Hessian is measured after the 0-based epoch. */
    public boolean hessianAt(int epoch) {
        return hessianEvery > 0 && (epoch + 1) % hessianEvery == 0;
    }
}
