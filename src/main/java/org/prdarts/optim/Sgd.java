package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.prdarts.engine.Scratch;

import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum, optional Nesterov, and L2 weight decay added to the gradient, with PyTorch's
 * update rule (dampening 0; the first momentum buffer is the gradient itself). The momentum buffers
 * are exposed so checkpoints can save them.
 */
public final class Sgd {
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final List<NDArray> buffers;
    private final NDManager stateManager;

    /** @param stateManager long-lived manager owning the momentum buffers */
    public Sgd(NDManager stateManager, int size, double momentum, double weightDecay, boolean nesterov) {
        this.stateManager = stateManager;
        if (momentum < 0) {
            throw new IllegalArgumentException("momentum must be >= 0, found " + momentum);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, found " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            buffers.add(null);
        }
    }

    /**
     * One update of every array. Gradients must live in a per-step scratch manager: temporaries
     * are attached to it, so nothing but the parameters and the momentum buffers outlives the step.
     */
    public void step(List<NDArray> params, List<NDArray> grads, double lr) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray d = grads.get(i);
            NDManager scratch = d.getManager();
            if (weightDecay != 0) {
                d = d.add(Scratch.on(scratch, p.mul(weightDecay)));
            }
            if (momentum != 0) {
                NDArray buf = buffers.get(i);
                if (buf == null) {
                    buf = d.duplicate();
                    buf.attach(stateManager);
                    buffers.set(i, buf);
                } else {
                    buf.muli(momentum).addi(d);
                }
                d = nesterov ? d.add(Scratch.on(scratch, buf.mul(momentum))) : buf;
            }
            // without Nesterov d is the momentum buffer, whose products would otherwise attach to
            // the long-lived state manager and outlive the step
            p.subi(Scratch.on(scratch, d.mul(lr)));
        }
    }

    /** Momentum buffers by parameter index (null where no step was taken yet). */
    public List<NDArray> buffers() {
        return buffers;
    }
}
