package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import org.prdarts.repro.Labeled;
import org.prdarts.space.ops.Primitives;

/**
 * The path-depth term of PR-DARTS (Zhou et al., NeurIPS 2020): the probability mass of a
 * deep chain of parametric operations c_{k-1} -> node 0 -> node 1 -> ... -> node N-1,
 * L_path = prod over the chain edges of sum_{t parametric} P(g[e, t] != 0). It enters the loss with
 * a minus sign: Theorem 4 shows that shallow cells train faster, so without it the search drifts
 * to shallow cells.
 *
 * <p>Paper form: on each chain edge the sum over the parametric operations present in the
 * configured set ({@code sep_conv_3x3}, {@code sep_conv_5x5}, {@code dil_conv_3x3},
 * {@code dil_conv_5x5}); a configuration without any gives 0; the normal and reduction values are
 * averaged. Reference-code form: on each chain edge the mean over the parametric operations
 * selected in this step; chain edges without a selected one are left out of the product, and a
 * cell in which no chain edge has one contributes 0; the two cells are averaged; no hinge.
 */
public final class PathRegularizer implements Regularizer {

    public static final String NAME = "path";

    /** How the paper form combines the parametric probabilities of one chain edge. */
    public enum Factor implements Labeled {
        /** Mean over the parametric operations: the term stays in [0, 1] (default). */
        MEAN,
        /** Sum over them, as the paper prints it. */
        SUM;

        @Override
        public String toString() {
            return label();
        }
    }

    private final Form form;
    private final Factor factor;

    /** The given form with the default {@link Factor#MEAN} path factor. */
    public PathRegularizer(Form form) {
        this(form, Factor.MEAN);
    }

    /** @param factor how the paper form combines a chain edge's probabilities (unused by the reference-code form) */
    public PathRegularizer(Form form, Factor factor) {
        this.form = CellTerms.checkForm(form);
        if (factor == null) {
            throw new IllegalArgumentException("path factor must be one of MEAN, SUM, found null");
        }
        this.factor = factor;
    }

    public Factor factor() {
        return factor;
    }

    public Form form() {
        return form;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NDArray value(RegularizerInput in) {
        boolean[] parametric = in.columns(Primitives.PARAMETRIC::contains);
        return CellTerms.average(cell(in, false, parametric), cell(in, true, parametric));
    }

    private NDArray cell(RegularizerInput in, boolean reduction, boolean[] parametric) {
        NDArray p = CellTerms.probNonZero(in, reduction);
        boolean paper = form == Form.PAPER;
        boolean[][] active = paper ? null : in.active(reduction);
        NDArray product = null;
        for (int edge : CellTerms.chainEdges(in.topology())) {
            NDArray value = CellTerms.edgeSum(p, edge, active, parametric, !paper || factor == Factor.MEAN);
            if (value == null) {
                if (paper) {
                    // No parametric operation is configured: every factor is an empty sum.
                    return CellTerms.zero(p);
                }
                continue;
            }
            product = product == null ? value : product.mul(value);
        }
        return product == null ? CellTerms.zero(p) : product;
    }
}
