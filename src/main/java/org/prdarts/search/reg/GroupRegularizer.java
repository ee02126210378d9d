package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;

import java.util.function.Predicate;

/**
 * A group term of PR-DARTS' group-structured sparsity: the mean probability that an operation of
 * the group is on, for the normal and the reduction cell, averaged. Paper form: the mean over every
 * edge and every operation of the group. Reference-code form: the mean over the gates selected in
 * this step (0 for a cell with none), then the hinge {@code max(X - threshold, 0)}.
 */
abstract class GroupRegularizer implements Regularizer {

    private final Form form;
    private final double hingeThreshold;

    /** @param hingeThreshold threshold of the reference-code hinge (unused by the paper form) */
    GroupRegularizer(Form form, double hingeThreshold) {
        this.form = CellTerms.checkForm(form);
        this.hingeThreshold = CellTerms.checkThreshold(hingeThreshold);
    }

    public Form form() {
        return form;
    }

    /** The operations of the group, in the given form. */
    abstract Predicate<String> group(Form form);

    @Override
    public NDArray value(RegularizerInput in) {
        boolean[] group = in.columns(group(form));
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
