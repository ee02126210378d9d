package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.repro.Rng;

import java.util.List;

/**
 * The architecture logits of both cell types, [edges, ops] each: alpha for DARTS, beta for
 * PR-DARTS. Kept apart from the network's weights so the two optimizers see disjoint sets.
 */
public final class ArchitectureParameters {
    private final NDArray normal;
    private final NDArray reduce;

    private ArchitectureParameters(NDArray normal, NDArray reduce) {
        this.normal = normal;
        this.reduce = reduce;
    }

    /** Logits initialised to scale * N(0, 1), drawn on the host from the run's INIT stream. */
    public static ArchitectureParameters initialize(NDManager manager, int edges, int ops, double scale,
                                                    long seed) {
        return new ArchitectureParameters(
                gaussian(manager, edges, ops, scale, Rng.of(seed, Rng.Stream.INIT, 1)),
                gaussian(manager, edges, ops, scale, Rng.of(seed, Rng.Stream.INIT, 2)));
    }

    private static NDArray gaussian(NDManager manager, int edges, int ops, double scale, Rng rng) {
        float[] v = new float[edges * ops];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * rng.nextGaussian());
        }
        NDArray a = manager.create(v, new Shape(edges, ops));
        a.setRequiresGradient(true);
        return a;
    }

    public NDArray normal() {
        return normal;
    }

    public NDArray reduce() {
        return reduce;
    }

    public NDArray of(boolean reduction) {
        return reduction ? reduce : normal;
    }

    public ParameterGroup asGroup() {
        return new ParameterGroup(List.of("normal", "reduce"), List.of(normal, reduce));
    }
}
