package org.prdarts.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/** The classification loss and accuracy count shared by the search and the training loops. */
public final class Losses {
    private Losses() {
    }

    /** Mean softmax cross-entropy of logits [B, K] against integer labels [B]. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.get(new NDIndex().addAllDim().addPickDim(labels.toType(DataType.INT64, false)));
        return picked.neg().mean();
    }

    /** How many rows of logits [B, K] have their largest value at the label. */
    public static int correct(NDArray logits, NDArray labels) {
        NDArray pred = logits.argMax(1).toType(DataType.INT64, false);
        return (int) pred.eq(labels.toType(DataType.INT64, false)).sum().getLong();
    }
}
