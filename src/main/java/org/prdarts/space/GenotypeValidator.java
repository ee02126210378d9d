package org.prdarts.space;

import org.prdarts.space.ops.Ops;
import org.prdarts.space.ops.Primitives;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that a genotype describes a buildable cell pair. Nodes are numbered from 0 in the order
 * the genotype lists them (node i owns pairs 2i and 2i + 1), so node i may read inputs 0 .. i + 1:
 * the two cell inputs and the intermediate nodes before it. The normal and the reduction cell must
 * have the same number of nodes, because the derived network builds both from one node count.
 */
public final class GenotypeValidator {
    private GenotypeValidator() {
    }

    /** Validates against every registered operation. */
    public static Genotype validate(Genotype genotype) {
        return validate(genotype, Ops.names());
    }

    /**
     * Validates against the given operation set and returns the genotype unchanged, so a call can
     * wrap a constructor or a parser.
     *
     * @throws GenotypeException naming the cell, node and value of the first problem found
     */
    public static Genotype validate(Genotype genotype, List<String> ops) {
        if (genotype == null) {
            throw new GenotypeException("genotype must not be null");
        }
        if (ops == null || ops.isEmpty()) {
            throw new GenotypeException("operation set must not be empty, found " + ops);
        }
        int normalNodes = validateCell("normal", genotype.normal(), ops);
        int reduceNodes = validateCell("reduce", genotype.reduce(), ops);
        if (normalNodes != reduceNodes) {
            throw new GenotypeException("reduce cell has " + reduceNodes
                    + " nodes but normal cell has " + normalNodes + "; both cells must have the same node count");
        }
        validateConcat("normal_concat", genotype.normalConcat(), normalNodes);
        validateConcat("reduce_concat", genotype.reduceConcat(), reduceNodes);
        return genotype;
    }

    /**
     * Validates one cell's (op, input) pairs and returns its node count.
     *
     * @param cell name used in messages ("normal" or "reduce")
     */
    public static int validateCell(String cell, List<Genotype.Pair> pairs, List<String> ops) {
        if (pairs == null || pairs.isEmpty()) {
            throw new GenotypeException(cell + " cell has no (op, input) pairs; each node needs exactly 2");
        }
        if (pairs.size() % 2 != 0) {
            throw new GenotypeException(cell + " cell has " + pairs.size()
                    + " (op, input) pairs; each node needs exactly 2, so the count must be even");
        }
        for (int p = 0; p < pairs.size(); p++) {
            int node = p / 2;
            Genotype.Pair pair = pairs.get(p);
            String where = cell + " cell node " + node + " (pair " + p + ")";
            if (pair == null) {
                throw new GenotypeException(where + " is null");
            }
            if (Primitives.NONE.equals(pair.op())) {
                throw new GenotypeException(where + " uses op 'none'; a derived cell cannot contain none");
            }
            if (pair.op() == null || !ops.contains(pair.op())) {
                throw new GenotypeException(where + " has unknown op " + quote(pair.op())
                        + "; known ops: " + String.join(", ", ops));
            }
            if (pair.input() < 0 || pair.input() >= node + 2) {
                throw new GenotypeException(where + " reads input " + pair.input()
                        + ", out of range: node " + node + " may read inputs 0.." + (node + 1));
            }
        }
        return pairs.size() / 2;
    }

    /** Concatenated states are indices into [c_{k-2}, c_{k-1}, node 0, ...], each used once. */
    private static void validateConcat(String field, List<Integer> concat, int nodes) {
        if (concat == null || concat.isEmpty()) {
            throw new GenotypeException(field + " must list at least one state, found " + concat);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer index : concat) {
            if (index == null || index < 0 || index >= nodes + 2) {
                throw new GenotypeException(field + " index " + index + " out of range 0.." + (nodes + 1)
                        + " for a cell with " + nodes + " nodes");
            }
            if (!seen.add(index)) {
                throw new GenotypeException(field + " lists state " + index + " twice: " + concat);
            }
        }
    }

    private static String quote(String s) {
        return s == null ? "null" : "'" + s + "'";
    }
}
