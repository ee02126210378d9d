package org.prdarts.search.derive;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.prdarts.space.CellTopology;
import org.prdarts.space.Genotype;
import org.prdarts.space.ops.Primitives;

/** Input checks shared by the derivation rules, so both reject bad tables with the same words. */
final class DerivationTables {
    private DerivationTables() {
    }

    /** How a rule picks one cell's pairs from its checked [edges][ops] table. */
    interface CellRule {
        List<Genotype.Pair> cell(float[][] table, List<String> ops, CellTopology topology);
    }

    /** Checks both tables, then derives each cell by the rule; concat = [2 .. nodes + 1]. */
    static Genotype derive(float[][] normal, float[][] reduce, List<String> ops, int nodes, CellRule rule) {
        CellTopology topology = topology(nodes);
        checkOps(ops);
        checkTable("normal", normal, topology, ops.size());
        checkTable("reduce", reduce, topology, ops.size());
        List<Integer> concat = concat(nodes);
        return new Genotype(rule.cell(normal, ops, topology), concat, rule.cell(reduce, ops, topology), concat);
    }

    /** Checks the op list: non-empty, no duplicates, and at least one op other than none. */
    static void checkOps(List<String> ops) {
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("ops must list at least one operation, found " + ops);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            if (op == null) {
                throw new IllegalArgumentException("ops[" + i + "] is null");
            }
            if (!seen.add(op)) {
                throw new IllegalArgumentException("ops lists '" + op + "' twice: " + ops);
            }
        }
        if (seen.size() == 1 && seen.contains(Primitives.NONE)) {
            throw new IllegalArgumentException("ops must contain an operation other than none, found " + ops);
        }
    }

    /** Checks that a table is [edges][ops] for the topology and holds no NaN. */
    static void checkTable(String name, float[][] table, CellTopology topology, int ops) {
        if (table == null) {
            throw new IllegalArgumentException(name + " table must not be null");
        }
        if (table.length != topology.edges()) {
            throw new IllegalArgumentException(name + " table must have " + topology.edges()
                    + " rows (one per edge of a " + topology.nodes() + "-node cell), found " + table.length);
        }
        for (int e = 0; e < table.length; e++) {
            if (table[e] == null) {
                throw new IllegalArgumentException(name + " table row " + e + " is null");
            }
            if (table[e].length != ops) {
                throw new IllegalArgumentException(name + " table row " + e + " must have " + ops
                        + " columns (one per op), found " + table[e].length);
            }
            for (int k = 0; k < ops; k++) {
                if (Float.isNaN(table[e][k])) {
                    throw new IllegalArgumentException(name + " table [" + e + "][" + k + "] is NaN");
                }
            }
        }
    }

    static CellTopology topology(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, found " + nodes);
        }
        return new CellTopology(nodes);
    }

    /** The DARTS output concatenation: every intermediate node, states 2 .. nodes + 1. */
    static List<Integer> concat(int nodes) {
        Integer[] c = new Integer[nodes];
        for (int i = 0; i < nodes; i++) {
            c[i] = i + 2;
        }
        return List.of(c);
    }
}
