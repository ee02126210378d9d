package org.prdarts.search.reg;

import org.prdarts.space.ops.Primitives;

import java.util.function.Predicate;

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
public final class NonSkipRegularizer extends GroupRegularizer {

    public static final String NAME = "nonskip";

    public NonSkipRegularizer(Form form) {
        this(form, DEFAULT_HINGE_THRESHOLD);
    }

    /** @param hingeThreshold threshold of the reference-code hinge (unused by the paper form) */
    public NonSkipRegularizer(Form form, double hingeThreshold) {
        super(NAME, form, hingeThreshold, NonSkipRegularizer::group);
    }

    private static Predicate<String> group(Form f) {
        return f == Form.PAPER
                ? op -> !op.equals(Primitives.SKIP_CONNECT)
                : op -> !op.equals(Primitives.SKIP_CONNECT) && !Primitives.POOLS.contains(op);
    }
}
