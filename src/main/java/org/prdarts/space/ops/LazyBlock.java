package org.prdarts.space.ops;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.prdarts.engine.DirectBatchNorm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Base of every composite block of this project.
 *
 * <p>Leaf DJL blocks (Conv2d, BatchNorm, Linear) size their parameters from the first input they
 * see; composite blocks here therefore initialise their children lazily, on the first training
 * forward pass, instead of propagating shapes by hand. A composite block's own metadata is just
 * its version byte: its structure is rebuilt from configuration, not from saved shapes.
 *
 * <p>Ownership of arrays in {@link #forward}: a block never closes its input and never returns an
 * array it has closed; it may close every other array it created once consumed (see {@link #consume}).
 */
public abstract class LazyBlock extends AbstractBlock {
    private boolean releasing;

    protected LazyBlock() {
        super((byte) 1);
    }

    /** Single-tensor forward of this module. */
    public abstract NDArray forward(ParameterStore ps, NDArray x, boolean training);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        return new NDList(forward(ps, inputs.singletonOrThrow(), training));
    }

    /** Runs a child block on one tensor, initialising it on first use. */
    protected static NDArray call(Block child, ParameterStore ps, NDArray x, boolean training) {
        if (child instanceof LazyBlock module) {
            return module.forward(ps, x, training);
        }
        if (!child.isInitialized()) {
            child.initialize(ps.getManager(), DataType.FLOAT32, x.getShape());
        }
        if (child instanceof BatchNorm bn) {
            return DirectBatchNorm.forward(bn, ps, x, training, Layers.BN_MOMENTUM, Layers.BN_EPSILON);
        }
        return child.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /**
     * Makes this block release its intermediate arrays as soon as they are consumed (see
     * {@link #consume}); the search network's blocks do, since it holds many times the tensors of
     * the network it derives.
     *
     * @return this block
     */
    public LazyBlock releasingIntermediates() {
        releasing = true;
        return this;
    }

    /**
     * Runs a child block on an intermediate array that nothing else reads, and, if this block
     * releases its intermediates, closes that array's handle. Autograd keeps its own reference to
     * whatever the backward pass needs, so the memory of an array that backward does not need is
     * freed at once instead of when the step's manager closes.
     */
    protected NDArray consume(Block child, ParameterStore ps, NDArray x, boolean training) {
        NDArray y = call(child, ps, x, training);
        release(x, y);
        return y;
    }

    /** Closes an intermediate array (unless it is {@code keep}) if this block releases them. */
    protected void release(NDArray intermediate, NDArray keep) {
        if (releasing && intermediate != keep) {
            intermediate.close();
        }
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // children are initialised lazily from the tensors they receive (see class comment)
    }

    @Override
    public boolean isInitialized() {
        for (Parameter p : getParameters().values()) {
            if (!p.isInitialized()) {
                return false;
            }
        }
        for (Block child : getChildren().values()) {
            if (!child.isInitialized()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " computes its output shape by running forward");
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        // structure comes from configuration; nothing beyond the version byte
    }

    @Override
    protected void loadMetadata(byte loadVersion, DataInputStream is) throws IOException,
            MalformedModelException {
        if (loadVersion != version) {
            throw new MalformedModelException("cannot load " + getClass().getSimpleName()
                    + " parameters: format version " + loadVersion + ", expected " + version);
        }
    }
}
