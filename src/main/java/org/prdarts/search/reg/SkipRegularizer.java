package org.prdarts.search.reg;

import org.prdarts.space.ops.Primitives;

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
public final class SkipRegularizer extends GroupRegularizer {

    public static final String NAME = "skip";

    public SkipRegularizer(Form form) {
        this(form, DEFAULT_HINGE_THRESHOLD);
    }

    /** @param hingeThreshold threshold of the reference-code hinge (unused by the paper form) */
    public SkipRegularizer(Form form, double hingeThreshold) {
        super(NAME, form, hingeThreshold, f -> Primitives.SKIP_CONNECT::equals);
    }
}
