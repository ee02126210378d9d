package org.prdarts.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import org.prdarts.space.CellPlan;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.LazyBlock;
import org.prdarts.space.ops.Ops;

import java.util.ArrayList;
import java.util.List;

/**
 * The DARTS search cell: two preprocessed inputs, N intermediate nodes each summing a mixed op
 * from every earlier state, output = concatenation of the intermediate nodes.
 *
 * <p>The ReLU of each state is computed once and shared by all ops that start with one; every
 * state's handle is released when the cell's output exists.
 */
public final class SearchCell extends LazyBlock {
    private final CellTopology topology;
    private final boolean reduction;
    private final LazyBlock pre0;
    private final LazyBlock pre1;
    private final MixedOp[] edges;
    private final int opCount;

    public SearchCell(int nodes, int channels, boolean reduction, boolean reductionPrev,
                      List<String> ops) {
        this.topology = new CellTopology(nodes);
        this.reduction = reduction;
        this.opCount = ops.size();
        pre0 = addChildBlock("pre0", Ops.preprocessing(reductionPrev, channels, false, true));
        pre1 = addChildBlock("pre1", Ops.preprocessing(false, channels, false, true));
        edges = new MixedOp[topology.edges()];
        for (int i = 0; i < nodes; i++) {
            for (int j = 0; j < i + 2; j++) {
                edges[topology.edge(i, j)] = addChildBlock("edge" + i + "_" + j,
                        new MixedOp(channels, CellPlan.stride(reduction, j), ops));
            }
        }
    }

    public boolean isReduction() {
        return reduction;
    }

    public MixedOp edge(int e) {
        return edges[e];
    }

    public int edgeCount() {
        return edges.length;
    }

    /**
     * @param weights flat [edges * ops] scalar weights (row-major)
     * @param active  [edges][ops] ops to compute, or null for all
     */
    public NDArray forward(ParameterStore ps, NDArray s0, NDArray s1, NDArray[] weights,
                           boolean[][] active, boolean training) {
        List<CellState> states = new ArrayList<>();
        try {
            states.add(new CellState(pre0.forward(ps, s0, training)));
            states.add(new CellState(pre1.forward(ps, s1, training)));
            for (int i = 0; i < topology.nodes(); i++) {
                NDArray node = null;
                for (int j = 0; j < i + 2; j++) {
                    int e = topology.edge(i, j);
                    NDArray[] w = new NDArray[opCount];
                    System.arraycopy(weights, e * opCount, w, 0, opCount);
                    NDArray y = edges[e].forward(ps, states.get(j), w,
                            active == null ? null : active[e], training);
                    if (y != null) {
                        if (node == null) {
                            node = y;
                        } else {
                            node.addi(y);
                            y.close();
                        }
                    }
                }
                if (node == null) {
                    // every selected op of every incoming edge was `none`: the node is all zeros
                    NDArray ref = states.get(1).value();
                    node = reduction ? ref.get(new NDIndex(":, :, ::2, ::2")).zerosLike() : ref.zerosLike();
                }
                states.add(new CellState(node));
            }
            if (topology.nodes() == 1) {
                // DJL's concat of a single array returns a copy cut off from autograd
                CellState only = states.remove(2);
                only.closeRelu();
                return only.value();
            }
            NDList nodes = new NDList();
            for (CellState st : states.subList(2, states.size())) {
                nodes.add(st.value());
            }
            return NDArrays.concat(nodes, 1);
        } finally {
            // the states' handles; autograd keeps what the backward pass needs
            for (CellState st : states) {
                st.close();
            }
        }
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        throw new UnsupportedOperationException("a search cell takes two inputs and mixing weights");
    }
}
