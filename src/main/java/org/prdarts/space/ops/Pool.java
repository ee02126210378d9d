package org.prdarts.space.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * 3x3 max or average pooling, padding 1. Average pooling leaves the padding out of the mean
 * (count_include_pad = false, as DARTS). The search network follows pooling with a non-affine
 * BatchNorm, as DARTS' MixedOp does; the derived network does not.
 *
 * <p>Average pooling is one engine pooling call that divides every window by 9, then a product
 * with a per-position factor 9 / (real pixels under the window), made once per input size and
 * kept: the engine's avg_pool2d binding (DJL 0.36, PyTorch CPU) ignores its count_include_pad
 * argument.
 */
public final class Pool extends LazyBlock {
    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape PADDING = new Shape(1, 1);

    private final boolean max;
    private final int stride;
    private final Block bn;
    /** Padding correction per input height and width, in the parameter store's manager. */
    private final Map<Long, NDArray> corrections = new HashMap<>();

    public Pool(boolean max, int stride, boolean withBn) {
        this.max = max;
        this.stride = stride;
        this.bn = withBn ? addChildBlock("bn", Layers.bn(false)) : null;
    }

    /**
     * No weights, and pooling is not counted as work. Tensors: the pooled output, max pooling's
     * 64-bit argmax indices (two floats each), and in search mode the BN (its output stays; a
     * derived network's average pooling corrects its padding in place).
     */
    public static Cost cost(boolean max, int channels, long outPixels, boolean searchMode) {
        long out = channels * outPixels;
        double elements = (max ? 3.0 : 1.0) * out + (searchMode ? out : 0);
        return Cost.bn(searchMode ? channels : 0).withElements(0, elements);
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        Shape s = new Shape(stride, stride);
        NDArray y;
        if (max) {
            y = ai.djl.nn.pooling.Pool.maxPool2d(x, KERNEL, s, PADDING, false);
        } else {
            y = ai.djl.nn.pooling.Pool.avgPool2d(x, KERNEL, s, PADDING, false, true);
            // in place: the pooling's backward pass does not read its output
            y.muli(correction(ps.getManager(), x));
        }
        return bn == null ? y : consume(bn, ps, y, training);
    }

    private NDArray correction(NDManager manager, NDArray x) {
        int h = (int) x.getShape().get(2);
        int w = (int) x.getShape().get(3);
        long key = ((long) h << 32) | w;
        NDArray c = corrections.get(key);
        if (c == null || c.isReleased() || c.getManager() != manager) {
            c = manager.create(paddingCorrection(h, w, stride), new Shape(1, 1, (h - 1) / stride + 1,
                    (w - 1) / stride + 1)).toType(x.getDataType(), false);
            corrections.put(key, c);
        }
        return c;
    }

    /** 9 / (pixels of an h x w image under each 3x3 window, padding 1), row-major over the output. */
    static float[] paddingCorrection(int h, int w, int stride) {
        int ho = (h - 1) / stride + 1;
        int wo = (w - 1) / stride + 1;
        float[] f = new float[ho * wo];
        for (int i = 0; i < ho; i++) {
            int rows = Math.min(i * stride + 1, h - 1) - Math.max(i * stride - 1, 0) + 1;
            for (int j = 0; j < wo; j++) {
                int cols = Math.min(j * stride + 1, w - 1) - Math.max(j * stride - 1, 0) + 1;
                f[i * wo + j] = 9f / (rows * cols);
            }
        }
        return f;
    }
}
