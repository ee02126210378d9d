package org.prdarts.space;

import org.prdarts.space.ops.Primitives;

import java.util.ArrayList;
import java.util.List;

/**
 * How far two searches agree: the share of (node, input, op) pairs that two derived cells have in
 * common, and the share two cells drawn at random would have. Agreement across seeds well above
 * chance says the search found something in the data; near chance, the cell is noise whatever its
 * shape.
 *
 * <p>Chance level: every rule this project derives with keeps 2 of the (node's inputs) x (ops other
 * than {@code none}) pairs per node, with each pair equally likely under a uniform draw: DARTS keeps
 * two distinct inputs and one op on each, PR-DARTS the top two pairs, which may share an input.
 * Both give every pair the marginal probability 2 / (inputs x ops), and the expected overlap of
 * two independent draws depends on the marginals alone: 4 / (inputs x ops) pairs per node, so the
 * same chance level serves both rules.
 */
public final class CellAgreement {
    private CellAgreement() {
    }

    /** Share of the pairs of {@code a} that {@code b} holds too, at the same node (pairs compared as a multiset). */
    public static double share(List<Genotype.Pair> a, List<Genotype.Pair> b) {
        if (a.size() != b.size() || a.isEmpty() || a.size() % 2 != 0) {
            throw new GenotypeException("cells must hold the same number of nodes, 2 pairs each; found "
                    + a.size() + " and " + b.size() + " pairs");
        }
        int shared = 0;
        for (int node = 0; node < a.size() / 2; node++) {
            List<Genotype.Pair> rest = new ArrayList<>(b.subList(2 * node, 2 * node + 2));
            for (Genotype.Pair p : a.subList(2 * node, 2 * node + 2)) {
                if (rest.remove(p)) {
                    shared++;
                }
            }
        }
        return (double) shared / a.size();
    }

    /** The mean {@link #share} over every pair of cells (cell i against cell j, i < j); NaN with fewer than 2. */
    public static double meanPairwise(List<List<Genotype.Pair>> cells) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < cells.size(); i++) {
            for (int j = i + 1; j < cells.size(); j++) {
                sum += share(cells.get(i), cells.get(j));
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * Expected {@link #share} of two cells drawn uniformly and independently: node i (0-based) reads
     * 2 + i inputs, so its share is 2 / ((2 + i) x ops); the cell's is the mean over nodes.
     *
     * @param nodes intermediate nodes of the cell
     * @param ops   candidate operations other than {@code none}
     */
    public static double chance(int nodes, int ops) {
        if (nodes < 1 || ops < 1) {
            throw new IllegalArgumentException("nodes and ops must be >= 1, found " + nodes + " and " + ops);
        }
        double sum = 0;
        for (int i = 0; i < nodes; i++) {
            sum += 2.0 / ((2 + i) * ops);
        }
        return sum / nodes;
    }

    /** {@link #chance(int, int)} for an op list: {@code none} is never derived, so it is not counted. */
    public static double chance(int nodes, List<String> ops) {
        return chance(nodes, (int) ops.stream().filter(o -> !Primitives.NONE.equals(o)).count());
    }
}
