package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.prdarts.space.ops.Primitives;
import org.prdarts.space.ops.LazyBlock;
import org.prdarts.space.ops.Ops;
import org.prdarts.space.ops.PreActivated;

import java.util.List;

/**
 * One edge of the search cell: the weighted sum of every candidate operation's output.
 *
 * <p>The weights come from outside (a relaxation); the mixed op holds no architecture state. Ops
 * marked inactive are not executed, and neither is `none`, whose output is zero: skipping it
 * changes neither the sum nor any gradient.
 *
 * <p>Each op's output is released as soon as it is added to the sum. When the weights carry no
 * gradient (the weight step), the output is scaled in place: its product with the weight is then
 * not needed by the backward pass, so no copy is made and none is kept.
 */
public final class MixedOp extends LazyBlock {
    private final List<String> ops;
    private final LazyBlock[] candidates;
    private final long[] invocations;

    public MixedOp(int channels, int stride, List<String> ops) {
        this.ops = List.copyOf(ops);
        this.candidates = new LazyBlock[ops.size()];
        this.invocations = new long[ops.size()];
        for (int t = 0; t < ops.size(); t++) {
            candidates[t] = addChildBlock(ops.get(t), Ops.create(ops.get(t), channels, stride, false, true));
        }
    }

    /**
     * @param input   the edge's input state, with its shared ReLU
     * @param weights one scalar weight per op (index t of the op list)
     * @param active  which ops to compute; null = all
     * @return the mixed output, a new array, or null when no op contributed (all inactive or `none`)
     */
    NDArray forward(ParameterStore ps, CellState input, NDArray[] weights, boolean[] active,
                    boolean training) {
        NDArray x = input.value();
        NDArray sum = null;
        for (int t = 0; t < candidates.length; t++) {
            if ((active != null && !active[t]) || ops.get(t).equals(Primitives.NONE)) {
                continue;
            }
            invocations[t]++;
            NDArray y = candidates[t] instanceof PreActivated p
                    ? p.forwardActivated(ps, input.relu(), training)
                    : candidates[t].forward(ps, x, training);
            NDArray w = weights[t];
            boolean owned = y != x;
            NDArray term;
            if (owned && !w.hasGradient()) {
                term = y.muli(w);
            } else {
                term = y.mul(w);
                if (owned) {
                    y.close();
                }
            }
            if (sum == null) {
                sum = term;
            } else {
                sum.addi(term);
                term.close();
            }
        }
        return sum;
    }

    /** The mixed output for an input given alone (its ReLU is made here and released). */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray[] weights, boolean[] active,
                           boolean training) {
        CellState s = new CellState(x);
        try {
            return forward(ps, s, weights, active, training);
        } finally {
            s.closeRelu();
        }
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        throw new UnsupportedOperationException("a mixed op needs its mixing weights");
    }

    /** How many times each op has been executed (tests use this to check that top2 skips ops). */
    public long[] invocations() {
        return invocations.clone();
    }
}
