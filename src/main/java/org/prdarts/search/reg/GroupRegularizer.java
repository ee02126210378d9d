package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A group term of PR-DARTS' group-structured sparsity: the mean probability that an operation of
 * the group is on, for the normal and the reduction cell, averaged. Paper form: the mean over every
 * edge and every operation of the group. Reference-code form: the mean over the gates selected in
 * this step (0 for a cell with none), then the hinge {@code max(X - threshold, 0)}.
 */
abstract class GroupRegularizer implements Regularizer {

    private final String name;
    private final Form form;
    private final double hingeThreshold;
    private final Predicate<String> group;

    /**
     * @param name           the term's key in logs and metric files
     * @param hingeThreshold threshold of the reference-code hinge (unused by the paper form)
     * @param group          the operations of the group in a form
     */
    GroupRegularizer(String name, Form form, double hingeThreshold, Function<Form, Predicate<String>> group) {
        this.name = name;
        this.form = CellTerms.checkForm(form);
        this.hingeThreshold = CellTerms.checkThreshold(hingeThreshold);
        this.group = group.apply(form);
    }

    public Form form() {
        return form;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray value(RegularizerInput in) {
        boolean[] group = in.columns(this.group);
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
