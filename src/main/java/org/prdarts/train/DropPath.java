package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.prdarts.repro.Rng;

/**
 * DARTS drop_path: each sample's op output is zeroed with probability p and otherwise divided by
 * 1 - p, so its expected value is unchanged. Unlike DARTS, which draws from the engine RNG, the
 * masks of a step come from {@code Rng.of(seed, DROP_PATH, epoch, step)} and are built as one
 * array [sites, batch, 1, 1, 1]: a step is the same whatever ran before it, so a resumed run
 * continues exactly.
 */
public final class DropPath {
    private final NDArray masks;
    private final double prob;

    private DropPath(NDArray masks, double prob) {
        this.masks = masks;
        this.prob = prob;
    }

    /** The probability of epoch e of E: p * e / E (DARTS' linear ramp). */
    public static double ramp(double maxProb, int epoch, int epochs) {
        return maxProb * epoch / epochs;
    }

    /**
     * Masks of one step, or null when {@code prob} is 0 (nothing is dropped).
     *
     * @param sites drop-path sites of the network (one per kept (op, input) pair of every cell)
     */
    public static DropPath draw(NDManager manager, long seed, int epoch, int step, int sites, int batch,
                                double prob) {
        if (!(prob >= 0 && prob < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), found " + prob);
        }
        if (prob == 0) {
            return null;
        }
        float keep = (float) (1 - prob);
        float scaled = 1f / keep;
        float[] m = new float[sites * batch];
        Rng rng = Rng.of(seed, Rng.Stream.DROP_PATH, epoch, step);
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < keep ? scaled : 0f;
        }
        return new DropPath(manager.create(m, new Shape(sites, batch, 1, 1, 1)), prob);
    }

    public double prob() {
        return prob;
    }

    /** The masks, [sites, batch, 1, 1, 1]. */
    public NDArray masks() {
        return masks;
    }

    /** x [batch, C, H, W] times the mask of one site. */
    public NDArray apply(int site, NDArray x) {
        return x.mul(masks.get(new NDIndex(site)));
    }
}
