package org.prdarts.space;

import org.prdarts.space.ops.Primitives;

import java.util.List;

/**
 * Shape statistics of one derived cell (a list of 2 (op, input) pairs per node), the quantities
 * the PR-DARTS paper uses to show that DARTS drifts to shallow, skip-heavy cells.
 *
 * <p>Two depths: {@link #parametricDepth} counts the convolutions on the longest path, the
 * quantity the path regularizer rewards; {@link #nodeDepth} counts intermediate nodes on the
 * longest chain whatever the operations, so a chain of skips reads as deep there.
 */
public final class CellStats {
    private CellStats() {
    }

    /** Number of skip_connect pairs in the cell. */
    public static int skipCount(List<Genotype.Pair> cell) {
        int n = 0;
        for (Genotype.Pair p : cell) {
            if (Primitives.SKIP_CONNECT.equals(p.op())) {
                n++;
            }
        }
        return n;
    }

    /**
     * Depth of every intermediate node: 1 for a node reading only the cell inputs 0/1, otherwise
     * 1 + the deepest intermediate node it reads (input j >= 2 is node j - 2).
     */
    public static int[] nodeDepths(List<Genotype.Pair> cell) {
        if (cell.isEmpty() || cell.size() % 2 != 0) {
            throw new GenotypeException("cell must hold 2 (op, input) pairs per node, found " + cell.size() + " pairs");
        }
        int nodes = cell.size() / 2;
        int[] depth = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            int d = 1;
            for (int k = 0; k < 2; k++) {
                int input = cell.get(2 * node + k).input();
                if (input < 0 || input >= node + 2) {
                    throw new GenotypeException("cell node " + node + " reads input " + input
                            + ", out of range: node " + node + " may read inputs 0.." + (node + 1));
                }
                if (input >= 2) {
                    d = Math.max(d, depth[input - 2] + 1);
                }
            }
            depth[node] = d;
        }
        return depth;
    }

    /** Longest chain of intermediate nodes through the cell, skips included: the maximum of {@link #nodeDepths}. */
    public static int nodeDepth(List<Genotype.Pair> cell) {
        int max = 0;
        for (int d : nodeDepths(cell)) {
            max = Math.max(max, d);
        }
        return max;
    }

    /**
     * Parametric depth of every intermediate node: the most operations with weights (the four
     * convolutions of {@link Primitives#PARAMETRIC}) on any path from a cell input to the node.
     * Skips, pools and {@code none} add 0.
     */
    public static int[] parametricNodeDepths(List<Genotype.Pair> cell) {
        nodeDepths(cell);
        int nodes = cell.size() / 2;
        int[] depth = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            int d = 0;
            for (int k = 0; k < 2; k++) {
                Genotype.Pair p = cell.get(2 * node + k);
                int below = p.input() >= 2 ? depth[p.input() - 2] : 0;
                d = Math.max(d, below + (Primitives.PARAMETRIC.contains(p.op()) ? 1 : 0));
            }
            depth[node] = d;
        }
        return depth;
    }

    /**
     * Parametric depth of the cell: the most convolutions on a path from a cell input to the cell
     * output (every intermediate node is concatenated into it), the quantity the path term rewards.
     */
    public static int parametricDepth(List<Genotype.Pair> cell) {
        int max = 0;
        for (int d : parametricNodeDepths(cell)) {
            max = Math.max(max, d);
        }
        return max;
    }
}
