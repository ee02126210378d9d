package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.prdarts.engine.Scratch;

import java.util.ArrayList;
import java.util.List;

/**
 * Adam with L2 weight decay added to the gradient (torch.optim.Adam, not AdamW), as DARTS uses for
 * the architecture parameters. Moments and the step count are exposed for checkpoints.
 */
public final class Adam {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final List<NDArray> m;
    private final List<NDArray> v;
    private long steps;
    private final NDManager stateManager;

    /** @param stateManager long-lived manager owning the moments */
    public Adam(NDManager stateManager, int size, double beta1, double beta2, double epsilon, double weightDecay) {
        this.stateManager = stateManager;
        if (beta1 < 0 || beta1 >= 1) {
            throw new IllegalArgumentException("Adam beta1 must be in [0, 1), found " + beta1);
        }
        if (beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("Adam beta2 must be in [0, 1), found " + beta2);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weight decay must be >= 0, found " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.m = new ArrayList<>();
        this.v = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            m.add(null);
            v.add(null);
        }
    }

    /** One update; gradients must live in a per-step scratch manager (temporaries go there). */
    public void step(List<NDArray> params, List<NDArray> grads, double lr) {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            NDArray g = grads.get(i);
            NDManager scratch = g.getManager();
            if (weightDecay != 0) {
                g = g.add(Scratch.on(scratch, p.mul(weightDecay)));
            }
            if (m.get(i) == null) {
                NDArray m0 = stateManager.zeros(p.getShape(), p.getDataType());
                NDArray v0 = stateManager.zeros(p.getShape(), p.getDataType());
                m.set(i, m0);
                v.set(i, v0);
            }
            NDArray mi = m.get(i);
            NDArray vi = v.get(i);
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.square().muli(1 - beta2));
            NDArray denom = Scratch.on(scratch, vi.div(c2)).sqrt().addi(epsilon);
            p.subi(Scratch.on(scratch, mi.div(c1)).divi(denom).muli(lr));
        }
    }

    public List<NDArray> firstMoments() {
        return m;
    }

    public List<NDArray> secondMoments() {
        return v;
    }

    public long steps() {
        return steps;
    }

    public void setSteps(long steps) {
        this.steps = steps;
    }
}
