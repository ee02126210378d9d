package org.prdarts.search.derive;

import java.util.ArrayList;
import java.util.List;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;

/**
 * The PR-DARTS derivation rule (Zhou et al., NeurIPS 2020, section 4; docs/method.md section 7): for each
 * node, every (input, op) pair over all its incoming edges except {@code none} competes on its
 * own score (the paper scores a gate by P(g != 0)), and the 2 best pairs are kept. Unlike DARTS
 * the two kept pairs may read the same input, and nothing caps the number of skips.
 *
 * <p>Tie-break: among equal scores the pair met first in (input ascending, then op index
 * ascending) order wins, i.e. the lower input, then the lower op index. Pairs of a node are listed
 * best first.
 */
public final class PrDartsDerivation {
    private PrDartsDerivation() {
    }

    /**
     * @param normalScores [edges][ops] in {@link CellTopology} edge order
     * @param reduceScores [edges][ops] in {@link CellTopology} edge order
     * @param ops          column names; {@code none} may be absent
     * @param nodes        intermediate nodes per cell
     * @return the genotype, concat = [2 .. nodes + 1]
     */
    public static Genotype derive(float[][] normalScores, float[][] reduceScores, List<String> ops, int nodes) {
        return DerivationTables.derive(normalScores, reduceScores, ops, nodes, PrDartsDerivation::cell);
    }

    static List<Genotype.Pair> cell(float[][] scores, List<String> ops, CellTopology topology) {
        int none = ops.indexOf(Primitives.NONE);
        List<Genotype.Pair> pairs = new ArrayList<>();
        for (int node = 0; node < topology.nodes(); node++) {
            int firstInput = -1;
            int firstOp = -1;
            int secondInput = -1;
            int secondOp = -1;
            for (int input = 0; input < node + 2; input++) {
                float[] row = scores[topology.edge(node, input)];
                for (int k = 0; k < row.length; k++) {
                    if (k == none) {
                        continue;
                    }
                    // strict > keeps the earlier pair on ties
                    if (firstInput < 0 || row[k] > scores[topology.edge(node, firstInput)][firstOp]) {
                        secondInput = firstInput;
                        secondOp = firstOp;
                        firstInput = input;
                        firstOp = k;
                    } else if (secondInput < 0 || row[k] > scores[topology.edge(node, secondInput)][secondOp]) {
                        secondInput = input;
                        secondOp = k;
                    }
                }
            }
            pairs.add(new Genotype.Pair(ops.get(firstOp), firstInput));
            pairs.add(new Genotype.Pair(ops.get(secondOp), secondInput));
        }
        return pairs;
    }
}
