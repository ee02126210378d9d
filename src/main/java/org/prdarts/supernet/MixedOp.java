package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.prdarts.space.Primitives;
import org.prdarts.space.ops.LazyBlock;
import org.prdarts.space.ops.Ops;

import java.util.List;

/**
 * One edge of the search cell: the weighted sum of every candidate operation's output.
 *
 * <p>The weights come from outside (a relaxation); the mixed op holds no architecture state. Ops
 * marked inactive are not executed, and neither is `none`, whose output is zero: skipping it
 * changes neither the sum nor any gradient.
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
     * @param weights one scalar weight per op (index t of the op list)
     * @param active  which ops to compute; null = all
     * @return the mixed output, or null when no op contributed (all inactive or `none`)
     */
    public NDArray forward(ParameterStore ps, NDArray x, NDArray[] weights, boolean[] active,
                           boolean training) {
        NDArray sum = null;
        for (int t = 0; t < candidates.length; t++) {
            if ((active != null && !active[t]) || ops.get(t).equals(Primitives.NONE)) {
                continue;
            }
            invocations[t]++;
            NDArray y = candidates[t].forward(ps, x, training).mul(weights[t]);
            sum = sum == null ? y : sum.addi(y);
        }
        return sum;
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
