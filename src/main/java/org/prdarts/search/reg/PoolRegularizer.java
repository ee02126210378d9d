package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import org.prdarts.space.ops.Primitives;

/**
 * The pooling group of the PR-DARTS reference implementation. The paper (Zhou et al., NeurIPS
 * 2020) has no such group: it counts {@code max_pool_3x3} and {@code avg_pool_3x3} in the
 * non-skip group ({@link NonSkipRegularizer}, paper form). The reference code instead takes the mean
 * probability P(g != 0) over the pools selected in the step (0 for a cell with none), averages the
 * normal and reduction cells, applies the hinge {@code max(X - threshold, 0)} (threshold 0.2) and
 * weights the result with the non-skip coefficient. This term therefore exists in the
 * reference-code form only.
 */
public final class PoolRegularizer implements Regularizer {

    public static final String NAME = "pool";

    private final double hingeThreshold;

    public PoolRegularizer() {
        this(DEFAULT_HINGE_THRESHOLD);
    }

    public PoolRegularizer(double hingeThreshold) {
        this.hingeThreshold = CellTerms.checkThreshold(hingeThreshold);
    }

    /** Always {@link Form#REFERENCE_CODE}. */
    public Form form() {
        return Form.REFERENCE_CODE;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public NDArray value(RegularizerInput in) {
        boolean[] pools = in.columns(Primitives.POOLS::contains);
        NDArray normal = CellTerms.groupMean(CellTerms.probNonZero(in, false),
                in.active(false), pools);
        NDArray reduce = CellTerms.groupMean(CellTerms.probNonZero(in, true),
                in.active(true), pools);
        return CellTerms.hinge(CellTerms.average(normal, reduce), hingeThreshold);
    }
}
