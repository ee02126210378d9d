package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.prdarts.engine.Constants;
import org.prdarts.search.relax.HardConcrete;
import org.prdarts.space.CellTopology;

/**
 * Building blocks shared by the regularizer terms. Every term is a weighted sum of the gate
 * probabilities p = P(g != 0) with weights fixed on the host (group membership, step masks, group
 * sizes), so each is one multiply and one sum on the engine.
 */
final class CellTerms {

    private CellTerms() {
    }

    static NDArray probNonZero(RegularizerInput in, boolean reduction) {
        return HardConcrete.probNonZero(in.beta(reduction), in.tau(), in.a(), in.b());
    }

    /** A scalar 0 of the logits' type, for terms whose group is empty. */
    static NDArray zero(NDArray like) {
        return like.getManager().zeros(new Shape(), like.getDataType());
    }

    /** sum over (e, t) of p[e, t] * w[e, t]. */
    static NDArray weightedSum(NDArray p, double[] w) {
        return p.mul(Constants.like(p, w)).sum();
    }

    /**
     * Mean of p over the gates of the given columns that are active ({@code active == null}: all),
     * or 0 when there is none.
     */
    static NDArray groupMean(NDArray p, boolean[][] active, boolean[] columns) {
        int edges = (int) p.getShape().get(0);
        int ops = columns.length;
        int count = 0;
        for (int e = 0; e < edges; e++) {
            for (int t = 0; t < ops; t++) {
                if (columns[t] && (active == null || active[e][t])) {
                    count++;
                }
            }
        }
        if (count == 0) {
            return zero(p);
        }
        double[] w = new double[edges * ops];
        for (int e = 0; e < edges; e++) {
            for (int t = 0; t < ops; t++) {
                if (columns[t] && (active == null || active[e][t])) {
                    w[e * ops + t] = 1.0 / count;
                }
            }
        }
        return weightedSum(p, w);
    }

    /**
     * Sum (or, with {@code mean}, mean) of p over the given columns of one edge, restricted to
     * active gates; {@code null} when no gate of the edge qualifies.
     */
    static NDArray edgeSum(NDArray p, int edge, boolean[][] active, boolean[] columns,
                           boolean mean) {
        int ops = columns.length;
        int count = 0;
        for (int t = 0; t < ops; t++) {
            if (columns[t] && (active == null || active[edge][t])) {
                count++;
            }
        }
        if (count == 0) {
            return null;
        }
        double[] w = new double[(int) p.size()];
        for (int t = 0; t < ops; t++) {
            if (columns[t] && (active == null || active[edge][t])) {
                w[edge * ops + t] = mean ? 1.0 / count : 1.0;
            }
        }
        return weightedSum(p, w);
    }

    /**
     * The chain c_{k-1} -> node 0 -> node 1 -> ... -> node N-1 of the path-depth term: the edge
     * (input 1 -> node 0) and, for every later node i, the edge from node i-1 (input i + 1).
     */
    static int[] chainEdges(CellTopology topology) {
        int[] chain = new int[topology.nodes()];
        for (int node = 0; node < chain.length; node++) {
            chain[node] = topology.edge(node, node + 1);
        }
        return chain;
    }

    static NDArray average(NDArray normal, NDArray reduce) {
        return scale(normal.add(reduce), 0.5);
    }

    /**
     * x * c with c of x's own type: a Java number becomes a double scalar on the engine, and two
     * 0-d operands promote to double, which would silently turn a float loss into a double one.
     */
    static NDArray scale(NDArray x, double c) {
        return x.mul(Constants.like(x, new double[] {c}));
    }

    /** The reference code's {@code max(X - threshold, 0)}, in x's own type. */
    static NDArray hinge(NDArray x, double threshold) {
        NDArray shifted = x.sub(Constants.like(x, new double[] {threshold}));
        return shifted.maximum(Constants.like(x, new double[] {0}));
    }

    static double checkThreshold(double threshold) {
        if (!(threshold >= 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("hinge-threshold must be >= 0 and finite, found "
                    + threshold);
        }
        return threshold;
    }

    static Regularizer.Form checkForm(Regularizer.Form form) {
        if (form == null) {
            throw new IllegalArgumentException("regularizer form must be one of PAPER, "
                    + "REFERENCE_CODE, found null");
        }
        return form;
    }
}
