package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import org.prdarts.space.CellPlan;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Identity;
import org.prdarts.space.ops.LazyBlock;
import org.prdarts.space.ops.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of the derived network (DARTS model.py Cell): both inputs preprocessed to C channels
 * (FactorizedReduce for c_{k-2} after a reduction cell), each node the sum of its two kept ops,
 * the output the concatenation of the genotype's concat nodes. The ops come from the same
 * registry as the supernet's, with affine BN and no BN after pooling.
 */
public final class DerivedCell extends LazyBlock {
    private final boolean reduction;
    private final LazyBlock pre0;
    private final LazyBlock pre1;
    private final List<LazyBlock> ops = new ArrayList<>();
    private final int[] inputs;
    private final List<Integer> concat;

    /**
     * @param channels      C of this cell (each node has C channels)
     * @param reductionPrev whether the previous cell reduced, so c_{k-2} has twice the resolution
     */
    public DerivedCell(Genotype genotype, int channels, boolean reduction, boolean reductionPrev) {
        this.reduction = reduction;
        pre0 = addChildBlock("pre0", Ops.preprocessing(reductionPrev, channels, true, false));
        pre1 = addChildBlock("pre1", Ops.preprocessing(false, channels, true, false));
        List<Genotype.Pair> pairs = genotype.cell(reduction);
        inputs = new int[pairs.size()];
        for (int k = 0; k < pairs.size(); k++) {
            Genotype.Pair p = pairs.get(k);
            inputs[k] = p.input();
            ops.add(addChildBlock("op" + k + "_" + p.op(),
                    Ops.create(p.op(), channels, CellPlan.stride(reduction, p.input()), true, false)));
        }
        concat = genotype.concat(reduction);
    }

    public boolean isReduction() {
        return reduction;
    }

    /** Number of kept (op, input) pairs: the cell's drop-path sites. */
    public int sites() {
        return ops.size();
    }

    /** Whether kept pair k is an identity (skip_connect with stride 1), which drop path never touches. */
    public boolean isIdentity(int k) {
        return ops.get(k) instanceof Identity;
    }

    /**
     * @param dropPath masks of this step, or null for none; pair k of this cell uses site
     *                 {@code firstSite + k}. Only applied in training.
     */
    public NDArray forward(ParameterStore ps, NDArray s0, NDArray s1, DropPath dropPath, int firstSite,
                           boolean training) {
        List<NDArray> states = new ArrayList<>();
        states.add(pre0.forward(ps, s0, training));
        states.add(pre1.forward(ps, s1, training));
        for (int node = 0; node < inputs.length / 2; node++) {
            NDArray sum = null;
            for (int k = 2 * node; k < 2 * node + 2; k++) {
                NDArray h = ops.get(k).forward(ps, states.get(inputs[k]), training);
                if (training && dropPath != null && !isIdentity(k)) {
                    h = dropPath.apply(firstSite + k, h);
                }
                sum = sum == null ? h : sum.add(h);
            }
            states.add(sum);
        }
        NDList out = new NDList(concat.size());
        for (int i : concat) {
            out.add(states.get(i));
        }
        return NDArrays.concat(out, 1);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        throw new UnsupportedOperationException("a derived cell takes two inputs");
    }
}
