package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import java.util.List;

/** Clipping by the global L2 norm of all gradients (torch.nn.utils.clip_grad_norm_). */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** The global L2 norm of the gradients. */
    public static double globalNorm(List<NDArray> grads) {
        NDList squares = new NDList(grads.size());
        for (NDArray g : grads) {
            squares.add(g.square().sum().reshape(1));
        }
        return Math.sqrt(NDArrays.concat(squares).sum().getFloat());
    }

    /** Scales the gradients in place so their global norm is at most maxNorm; returns the norm. */
    public static double clip(List<NDArray> grads, double maxNorm) {
        double norm = globalNorm(grads);
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (NDArray g : grads) {
                g.muli(coef);
            }
        }
        return norm;
    }
}
