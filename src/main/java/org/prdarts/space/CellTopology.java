package org.prdarts.space;

/**
 * Edge numbering of a DARTS cell with N intermediate nodes: node i (0-based) reads from the 2 + i
 * earlier states (inputs 0 = c_{k-2}, 1 = c_{k-1}, 2.. = intermediate nodes); edges are numbered
 * node by node, input by input, as in DARTS, so node i's edges start at offset(i).
 */
public final class CellTopology {
    private final int nodes;

    public CellTopology(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, found " + nodes);
        }
        this.nodes = nodes;
    }

    public int nodes() {
        return nodes;
    }

    /** Total number of edges: 2 + 3 + ... + (N + 1). */
    public int edges() {
        return offset(nodes);
    }

    /** Index of the first edge into intermediate node i. */
    public int offset(int node) {
        return node * 2 + node * (node - 1) / 2;
    }

    /** Edge index of (input -> node). */
    public int edge(int node, int input) {
        if (input < 0 || input >= node + 2) {
            throw new IllegalArgumentException("input " + input + " out of range for node " + node);
        }
        return offset(node) + input;
    }

    /** Intermediate node an edge leads into. */
    public int nodeOf(int edge) {
        int n = 0;
        while (offset(n + 1) <= edge) {
            n++;
        }
        return n;
    }

    /** Input state an edge reads from. */
    public int inputOf(int edge) {
        return edge - offset(nodeOf(edge));
    }
}
