package org.prdarts.search.relax;

import ai.djl.ndarray.NDArray;
import org.prdarts.repro.Rng;
import org.prdarts.supernet.Mixing;

/** DARTS: per-edge softmax over the candidate operations (Liu et al., ICLR 2019, eq. 2). */
public final class SoftmaxRelaxation implements Relaxation {

    @Override
    public Mixing mix(NDArray logits, double tau, Rng rng) {
        return new Mixing(logits.softmax(1), null);
    }

    @Override
    public float[][] scores(NDArray logits, double tau) {
        return Tables.toTable(logits.softmax(1));
    }
}
