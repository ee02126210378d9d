package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import org.prdarts.repro.Labeled;

/**
 * One term of the PR-DARTS architecture regularizer (Zhou et al., NeurIPS 2020). A term
 * is a scalar, differentiable with respect to the gate logits of both cell types.
 */
public interface Regularizer {

    /** Threshold of the reference code's hinge {@code max(X - 0.2, 0)}. */
    double DEFAULT_HINGE_THRESHOLD = 0.2;

    /** Which definition of the terms to use. */
    enum Form implements Labeled {
        /** The paper's definitions over every gate (this project's default). */
        PAPER,
        /**
         * The reference implementation's definitions: means over the operations selected in the
         * step only, a separate pooling group, a hinge on the sparsity terms.
         */
        REFERENCE_CODE;

        @Override
        public String toString() {
            return label();
        }
    }

    /** Short key used in logs and metric files. */
    String name();

    /** The term as a scalar array attached to the manager of the logits in {@code in}. */
    NDArray value(RegularizerInput in);
}
