package org.prdarts.search.relax;

import ai.djl.ndarray.NDArray;
import org.prdarts.repro.Rng;
import org.prdarts.supernet.Mixing;

/**
 * Turns architecture logits into mixing weights. DARTS (softmax) and PR-DARTS (hard-concrete gates)
 * differ only here; the supernet receives the result and holds no architecture state.
 */
public interface Relaxation {

    /**
     * @param logits [edges, ops] architecture parameters of one cell type (alpha or beta)
     * @param tau    current temperature (ignored by relaxations without one)
     * @param rng    noise source for this pass (ignored by deterministic relaxations)
     */
    Mixing mix(NDArray logits, double tau, Rng rng);

    /**
     * Deterministic weights used to rank operations at derivation time (softmax for DARTS,
     * P(g != 0) for PR-DARTS), as a host table [edges][ops].
     */
    float[][] scores(NDArray logits, double tau);
}
