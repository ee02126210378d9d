package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.prdarts.space.ops.Layers;
import org.prdarts.space.ops.LazyBlock;

/**
 * The auxiliary classifier after cell 2L/3 (DARTS AuxiliaryHeadCIFAR / AuxiliaryHeadImageNet):
 * ReLU, 5x5 average pooling with stride 3 (CIFAR) or 2 (ImageNet), 1x1 conv to 128, BN, ReLU,
 * 2x2 conv to 768, BN, ReLU, linear.
 *
 * <p>DARTS assumes an 8x8 (CIFAR-10) or 7x7 (ImageNet) input, which pools to 2x2 and leaves 1x1
 * after the 2x2 conv. To serve any image size, the pooling window shrinks to the input when the
 * input is smaller than 5, the second conv to the pooled size when that is below 2, and a global
 * average over what is left feeds the linear layer; for the sizes DARTS assumes this is exactly
 * DARTS' head. The ImageNet head keeps the BN after the 768 conv that docs/method.md names (DARTS'
 * released ImageNet head omits it).
 */
public final class AuxiliaryHead extends LazyBlock {
    /** Channels of the head's two convolutions. */
    public static final int HIDDEN = 128;
    public static final int FEATURES = 768;

    private final int poolH;
    private final int poolW;
    private final int stride;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final Block classifier;

    /** For an input of inputH x inputW (the output of cell 2L/3). */
    public AuxiliaryHead(int numClasses, int inputH, int inputW, boolean imagenet) {
        int[] g = geometry(inputH, inputW, imagenet);
        poolH = g[0];
        poolW = g[1];
        stride = g[2];
        int kernel = g[3];
        conv1 = addChildBlock("conv1", Layers.conv(HIDDEN, 1, 1, 0, 1, 1));
        bn1 = addChildBlock("bn1", Layers.bn(true));
        conv2 = addChildBlock("conv2", Layers.conv(FEATURES, kernel, 1, 0, 1, 1));
        bn2 = addChildBlock("bn2", Layers.bn(true));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(numClasses).build());
    }

    /**
     * {pool height, pool width, pool stride, conv2 kernel, pooled height, pooled width, conv2 out
     * height, conv2 out width} for a given input.
     */
    static int[] geometry(int inputH, int inputW, boolean imagenet) {
        int stride = imagenet ? 2 : 3;
        int ph = Math.min(5, inputH);
        int pw = Math.min(5, inputW);
        int oh = (inputH - ph) / stride + 1;
        int ow = (inputW - pw) / stride + 1;
        int kernel = Math.min(2, Math.min(oh, ow));
        return new int[] {ph, pw, stride, kernel, oh, ow, oh - kernel + 1, ow - kernel + 1};
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = Pool.avgPool2d(Activation.relu(x), new Shape(poolH, poolW), new Shape(stride, stride),
                new Shape(0, 0), false, false);
        y = Activation.relu(call(bn1, ps, call(conv1, ps, y, training), training));
        y = Activation.relu(call(bn2, ps, call(conv2, ps, y, training), training));
        y = Pool.globalAvgPool2d(y);
        return call(classifier, ps, y, training);
    }
}
