package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import org.prdarts.space.Primitives;

/**
 * The non-skip group of PR-DARTS' group-structured sparsity (Zhou et al., NeurIPS 2020):
 * L_nonskip = zeta / (r - 1) * sum_e sum_{t != skip} P(g[e, t] != 0), the mean probability that a
 * non-skip operation is on, with {@code none} and the pools counted in the group. It keeps the cell
 * sparse without making the non-skip operations compete with skips.
 *
 * <p>Paper form: the mean over every edge and every configured operation other than
 * {@code skip_connect}, for the normal and the reduction cell, averaged. Reference-code form: the
 * group is {@code none} plus the parametric operations only (pools form the separate
 * {@link PoolRegularizer} group), the mean is over the gates selected in this step (0 for a cell
 * with none), the two cells are averaged and the hinge {@code max(X - threshold, 0)} (threshold 0.2)
 * is applied.
 */
public final class NonSkipRegularizer implements Regularizer {

    public static final String NAME = "nonskip";

    private final Form form;
    private final double hingeThreshold;

    public NonSkipRegularizer(Form form) {
        this(form, DEFAULT_HINGE_THRESHOLD);
    }

    /** @param hingeThreshold threshold of the reference-code hinge (unused by the paper form) */
    public NonSkipRegularizer(Form form, double hingeThreshold) {
        this.form = CellTerms.checkForm(form);
        this.hingeThreshold = CellTerms.checkThreshold(hingeThreshold);
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
        boolean[] group = in.columns(form == Form.PAPER
                ? op -> !op.equals(Primitives.SKIP_CONNECT)
                : op -> !op.equals(Primitives.SKIP_CONNECT) && !Primitives.POOLS.contains(op));
        NDArray normal = cell(in, false, group);
        NDArray reduce = cell(in, true, group);
        NDArray mean = CellTerms.average(normal, reduce);
        return form == Form.PAPER ? mean : CellTerms.hinge(mean, hingeThreshold);
    }

    private NDArray cell(RegularizerInput in, boolean reduction, boolean[] group) {
        boolean[][] active = form == Form.PAPER ? null : in.active(reduction);
        return CellTerms.groupMean(CellTerms.probNonZero(in, reduction), active, group);
    }
}
