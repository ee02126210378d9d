package org.prdarts.space;

import org.prdarts.space.ops.Primitives;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cells drawn uniformly from the DARTS space: for every intermediate node two distinct inputs among
 * the nodes before it and, for each, an operation other than {@code none}. Random search over this
 * space is the baseline a NAS method has to beat (Li and Talwalkar, 2019).
 */
public final class RandomCells {
    private RandomCells() {
    }

    /** A random normal and reduction cell of {@code nodes} nodes over {@code ops} (which must hold a non-none op). */
    public static Genotype genotype(List<String> ops, int nodes, Random rng) {
        List<String> candidates = ops.stream().filter(o -> !Primitives.NONE.equals(o)).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("ops must hold an operation other than none, found " + ops);
        }
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, found " + nodes);
        }
        List<Integer> concat = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            concat.add(i + 2);
        }
        return new Genotype(cell(candidates, nodes, rng), concat, cell(candidates, nodes, rng), concat);
    }

    private static List<Genotype.Pair> cell(List<String> ops, int nodes, Random rng) {
        List<Genotype.Pair> pairs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int inputs = i + 2;
            int a = rng.nextInt(inputs);
            int b = rng.nextInt(inputs - 1);
            if (b >= a) {
                b++;
            }
            pairs.add(new Genotype.Pair(ops.get(rng.nextInt(ops.size())), Math.min(a, b)));
            pairs.add(new Genotype.Pair(ops.get(rng.nextInt(ops.size())), Math.max(a, b)));
        }
        return pairs;
    }
}
