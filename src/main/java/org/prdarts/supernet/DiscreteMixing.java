package org.prdarts.supernet;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;

import java.util.List;

/**
 * The mixing that restricts the supernet to a derived cell: weight 1 on each (edge, op) pair the
 * genotype keeps, 0 and not computed elsewhere. With it the supernet is the derived cell's discrete
 * network carrying the supernet's weights, the same object whatever relaxation trained them, so its
 * accuracy compares across methods (a softmax mixture or a random gate sample does not).
 */
public final class DiscreteMixing {
    private DiscreteMixing() {
    }

    /** The 0/1 table [edges][ops] of a cell (2 (op, input) pairs per node). */
    public static boolean[][] mask(List<Genotype.Pair> cell, List<String> ops, CellTopology topology) {
        if (cell.size() != 2 * topology.nodes()) {
            throw new IllegalArgumentException("cell must hold 2 pairs per node of " + topology.nodes()
                    + " nodes, found " + cell.size() + " pairs");
        }
        boolean[][] active = new boolean[topology.edges()][ops.size()];
        for (int i = 0; i < cell.size(); i++) {
            Genotype.Pair p = cell.get(i);
            int op = ops.indexOf(p.op());
            if (op < 0) {
                throw new IllegalArgumentException("cell op '" + p.op() + "' is not among the ops " + ops);
            }
            active[topology.edge(i / 2, p.input())][op] = true;
        }
        return active;
    }

    /** The mixing of a cell, its weights held by {@code manager}. */
    public static Mixing of(NDManager manager, List<Genotype.Pair> cell, List<String> ops, CellTopology topology) {
        boolean[][] active = mask(cell, ops, topology);
        float[] w = new float[active.length * ops.size()];
        for (int e = 0; e < active.length; e++) {
            for (int t = 0; t < ops.size(); t++) {
                w[e * ops.size() + t] = active[e][t] ? 1f : 0f;
            }
        }
        return new Mixing(manager.create(w, new Shape(active.length, ops.size())), active);
    }
}
