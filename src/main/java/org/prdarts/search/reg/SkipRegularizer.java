package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import org.prdarts.space.Primitives;

/**
 * The skip group of PR-DARTS' group-structured sparsity (Zhou et al., NeurIPS 2020):
 * L_skip = zeta * sum_e P(g[e, skip_connect] != 0), zeta = 1 / #edges, i.e. the mean probability
 * that a skip connection is on. Skips form their own group so that pushing them down does not
 * push the other operations up, unlike a softmax.
 *
 * <p>Paper form: the mean over every edge, for the normal and the reduction cell, averaged.
 * Reference-code form: the mean over the edges whose skip was selected in this step (0 for a cell
 * with none), averaged over the two cells, then passed through the hinge
 * {@code max(X - threshold, 0)} (threshold 0.2), so the term stops acting once few skips are on.
 * A configuration without {@code skip_connect} gives 0.
 */
public final class SkipRegularizer implements Regularizer {

    public static final String NAME = "skip";

    private final Form form;
    private final double hingeThreshold;

    public SkipRegularizer(Form form) {
        this(form, DEFAULT_HINGE_THRESHOLD);
    }

    /** @param hingeThreshold threshold of the reference-code hinge (unused by the paper form) */
    public SkipRegularizer(Form form, double hingeThreshold) {
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
        boolean[] skip = in.columns(Primitives.SKIP_CONNECT::equals);
        NDArray normal = cell(in, false, skip);
        NDArray reduce = cell(in, true, skip);
        NDArray mean = CellTerms.average(normal, reduce);
        return form == Form.PAPER ? mean : CellTerms.hinge(mean, hingeThreshold);
    }

    private NDArray cell(RegularizerInput in, boolean reduction, boolean[] skip) {
        boolean[][] active = form == Form.PAPER ? null : in.active(reduction);
        return CellTerms.groupMean(CellTerms.probNonZero(in, reduction), active, skip);
    }
}
