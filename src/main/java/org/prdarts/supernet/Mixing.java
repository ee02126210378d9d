package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;

/**
 * Mixing weights of one cell type for one forward pass.
 *
 * @param weights [edges, ops] weights, differentiable with respect to the architecture logits
 * @param active  which (edge, op) outputs must be computed; {@code null} means all of them. An
 *                inactive op's weight is exactly 0 in the forward pass, so the mixed op may skip it.
 */
public record Mixing(NDArray weights, boolean[][] active) {

    public boolean isActive(int edge, int op) {
        return active == null || active[edge][op];
    }
}
