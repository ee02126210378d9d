package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import java.util.HashSet;
import java.util.List;
import java.util.function.Predicate;
import org.prdarts.search.relax.HardConcrete;
import org.prdarts.space.CellTopology;

/**
 * Everything the regularizers read in one architecture step.
 *
 * @param normalBeta   [edges, ops] gate logits of the normal cell, gradient attached
 * @param reduceBeta   [edges, ops] gate logits of the reduction cell, gradient attached
 * @param tau          current gate temperature
 * @param a            lower stretch limit of the gates
 * @param b            upper stretch limit of the gates
 * @param ops          candidate operation names in the column order of the logits
 * @param topology     cell topology the edges are numbered by
 * @param normalActive operations computed in this step for the normal cell ({@code null}: all);
 *                     read by the reference-code form only
 * @param reduceActive the same for the reduction cell
 */
public record RegularizerInput(NDArray normalBeta, NDArray reduceBeta, double tau, double a,
                               double b, List<String> ops, CellTopology topology,
                               boolean[][] normalActive, boolean[][] reduceActive) {

    public RegularizerInput {
        HardConcrete.checkParameters(tau, a, b);
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("ops must list at least one operation, found "
                    + ops);
        }
        ops = List.copyOf(ops);
        if (new HashSet<>(ops).size() != ops.size()) {
            throw new IllegalArgumentException("ops must not repeat an operation, found " + ops);
        }
        if (topology == null) {
            throw new IllegalArgumentException("topology must not be null");
        }
        checkBeta("normalBeta", normalBeta, topology.edges(), ops.size());
        checkBeta("reduceBeta", reduceBeta, topology.edges(), ops.size());
        checkActive("normalActive", normalActive, topology.edges(), ops.size());
        checkActive("reduceActive", reduceActive, topology.edges(), ops.size());
    }

    /** Inputs without step masks, enough for the paper form. */
    public static RegularizerInput of(NDArray normalBeta, NDArray reduceBeta, double tau, double a,
                                      double b, List<String> ops, CellTopology topology) {
        return new RegularizerInput(normalBeta, reduceBeta, tau, a, b, ops, topology, null, null);
    }

    public NDArray beta(boolean reduction) {
        return reduction ? reduceBeta : normalBeta;
    }

    public boolean[][] active(boolean reduction) {
        return reduction ? reduceActive : normalActive;
    }

    /** Column flags of the operations whose name satisfies {@code member}. */
    public boolean[] columns(Predicate<String> member) {
        boolean[] in = new boolean[ops.size()];
        for (int t = 0; t < in.length; t++) {
            in[t] = member.test(ops.get(t));
        }
        return in;
    }

    private static void checkBeta(String field, NDArray beta, int edges, int ops) {
        if (beta == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        long[] s = beta.getShape().getShape();
        if (s.length != 2 || s[0] != edges || s[1] != ops) {
            throw new IllegalArgumentException(field + " must have shape (" + edges + ", " + ops
                    + "), found " + beta.getShape());
        }
    }

    private static void checkActive(String field, boolean[][] active, int edges, int ops) {
        if (active == null) {
            return;
        }
        if (active.length != edges) {
            throw new IllegalArgumentException(field + " must have " + edges + " rows, found "
                    + active.length);
        }
        for (boolean[] row : active) {
            if (row == null || row.length != ops) {
                throw new IllegalArgumentException(field + " rows must have " + ops
                        + " entries, found " + (row == null ? "null" : row.length));
            }
        }
    }
}
