package org.prdarts.search.derive;

import java.util.ArrayList;
import java.util.List;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;

/**
 * The DARTS derivation rule (Liu et al., ICLR 2019, section 2.4; {@code genotype()} in DARTS'
 * model_search.py): on every edge the strength is its best non-{@code none} weight; each node keeps
 * its 2 strongest incoming edges (so always 2 distinct inputs) and on each the best
 * non-{@code none} op.
 *
 * <p>Ties follow DARTS exactly: Python's stable sort keeps the lower input index first among
 * equally strong edges, and the op scan replaces the best only on a strictly larger weight, so the
 * lower op index wins. Pairs of a node are listed strongest edge first, as DARTS prints them.
 *
 * <p>The tables are the per-edge mixing weights (softmax of alpha), not the logits: edges are
 * compared with each other, which only the normalized weights make meaningful.
 */
public final class DartsDerivation {
    private DartsDerivation() {
    }

    /**
     * @param normalWeights [edges][ops] in {@link CellTopology} edge order
     * @param reduceWeights [edges][ops] in {@link CellTopology} edge order
     * @param ops           column names; {@code none} may be absent
     * @param nodes         intermediate nodes per cell
     * @return the genotype, concat = [2 .. nodes + 1]
     */
    public static Genotype derive(float[][] normalWeights, float[][] reduceWeights, List<String> ops, int nodes) {
        return DerivationTables.derive(normalWeights, reduceWeights, ops, nodes, DartsDerivation::cell);
    }

    /** One cell's pairs; the table is assumed checked. */
    static List<Genotype.Pair> cell(float[][] weights, List<String> ops, CellTopology topology) {
        int none = ops.indexOf(Primitives.NONE);
        List<Genotype.Pair> pairs = new ArrayList<>();
        for (int node = 0; node < topology.nodes(); node++) {
            int inputs = node + 2;
            int[] bestOp = new int[inputs];
            for (int input = 0; input < inputs; input++) {
                bestOp[input] = bestOp(weights[topology.edge(node, input)], none);
            }
            int first = -1;
            int second = -1;
            for (int input = 0; input < inputs; input++) {
                float w = weights[topology.edge(node, input)][bestOp[input]];
                if (first < 0 || w > strength(weights, topology, node, first, bestOp)) {
                    second = first;
                    first = input;
                } else if (second < 0 || w > strength(weights, topology, node, second, bestOp)) {
                    second = input;
                }
            }
            pairs.add(new Genotype.Pair(ops.get(bestOp[first]), first));
            pairs.add(new Genotype.Pair(ops.get(bestOp[second]), second));
        }
        return pairs;
    }

    private static float strength(float[][] weights, CellTopology topology, int node, int input, int[] bestOp) {
        return weights[topology.edge(node, input)][bestOp[input]];
    }

    private static int bestOp(float[] row, int none) {
        int best = -1;
        for (int k = 0; k < row.length; k++) {
            if (k != none && (best < 0 || row[k] > row[best])) {
                best = k;
            }
        }
        return best;
    }
}
