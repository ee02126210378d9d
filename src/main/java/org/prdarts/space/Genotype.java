package org.prdarts.space;

import java.util.List;

/**
 * A derived cell pair in DARTS notation: for each intermediate node two (operation, input) pairs,
 * inputs numbered 0 = c_{k-2}, 1 = c_{k-1}, 2.. = intermediate nodes; plus the concatenated nodes.
 */
public record Genotype(List<Pair> normal, List<Integer> normalConcat,
                       List<Pair> reduce, List<Integer> reduceConcat) {

    /** One kept operation and the node it reads from. */
    public record Pair(String op, int input) {
    }

    public Genotype {
        normal = List.copyOf(normal);
        normalConcat = List.copyOf(normalConcat);
        reduce = List.copyOf(reduce);
        reduceConcat = List.copyOf(reduceConcat);
    }

    /** Number of intermediate nodes of the normal cell. */
    public int nodes() {
        return normal.size() / 2;
    }

    public List<Pair> cell(boolean reduction) {
        return reduction ? reduce : normal;
    }

    public List<Integer> concat(boolean reduction) {
        return reduction ? reduceConcat : normalConcat;
    }
}
