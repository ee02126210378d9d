package org.prdarts.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;

/**
 * A channel-axis (axis 1) BatchNorm block's forward pass as one engine call.
 *
 * <p>DJL 0.36's PyTorch binding runs a BatchNorm of axis 1 as swapAxes(1, 1), batch_norm,
 * swapAxes(1, 1): its output is a transposed view. An in-place operation on that view (a mixing
 * weight scaling it, a sum accumulating into it) makes autograd rewrite the whole base tensor in the
 * backward pass (CopySlices: a clone and a copy per operation, plus an as_strided gradient), which
 * took a tenth of a DARTS weight step. The engine's batch_norm works on channel axis 1 itself, so the
 * view is not needed; this calls it directly with the block's own parameters, the same arguments
 * and therefore the same values and gradients.
 */
public final class DirectBatchNorm {
    private DirectBatchNorm() {
    }

    /**
     * The block's output for x, a plain (non-view) array; falls back to the block's own forward pass
     * on another engine.
     */
    public static NDArray forward(BatchNorm block, ParameterStore ps, NDArray x, boolean training,
                                  float momentum, float epsilon) {
        if (!(x instanceof PtNDArray input)) {
            return block.forward(ps, new NDList(x), training).singletonOrThrow();
        }
        var params = block.getParameters();
        PtNDArray gamma = value(ps, params.get("gamma"), x, training);
        PtNDArray beta = value(ps, params.get("beta"), x, training);
        PtNDArray mean = value(ps, params.get("runningMean"), x, training);
        PtNDArray var = value(ps, params.get("runningVar"), x, training);
        // DJL's momentum is the old running value's weight (MXNet), PyTorch's the new batch's;
        // computed in float, as DJL does, so the running statistics stay bit for bit the same
        return JniUtils.batchNorm(input, mean, var, gamma, beta, training, 1f - momentum, epsilon);
    }

    private static PtNDArray value(ParameterStore ps, Parameter p, NDArray x, boolean training) {
        return (PtNDArray) ps.getValue(p, x.getDevice(), training);
    }
}
