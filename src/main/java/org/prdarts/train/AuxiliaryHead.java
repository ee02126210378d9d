package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import org.prdarts.space.AuxiliaryPlan;
import org.prdarts.space.ops.Cost;
import org.prdarts.space.ops.Layers;
import org.prdarts.space.ops.LazyBlock;

/**
 * The auxiliary classifier after cell 2L/3 (DARTS AuxiliaryHeadCIFAR / AuxiliaryHeadImageNet):
 * ReLU, 5x5 average pooling with stride 3 (CIFAR) or 2 (ImageNet), 1x1 conv to 128, BN, ReLU,
 * 2x2 conv to 768, BN, ReLU, linear; for other image sizes the geometry of {@link AuxiliaryPlan},
 * with a global average over what the second conv leaves feeding the linear layer. The ImageNet
 * head keeps the BN after the 768 conv that docs/method.md names (DARTS' released ImageNet head
 * omits it).
 */
public final class AuxiliaryHead extends LazyBlock {
    private final AuxiliaryPlan plan;
    private final Block conv1;
    private final Block bn1;
    private final Block conv2;
    private final Block bn2;
    private final Block classifier;

    public AuxiliaryHead(AuxiliaryPlan plan) {
        this.plan = plan;
        conv1 = addChildBlock("conv1", Layers.conv(AuxiliaryPlan.HIDDEN, 1, 1, 0, 1, 1));
        bn1 = addChildBlock("bn1", Layers.bn(true));
        conv2 = addChildBlock("conv2", Layers.conv(AuxiliaryPlan.FEATURES, plan.kernel(), 1, 0, 1, 1));
        bn2 = addChildBlock("bn2", Layers.bn(true));
        classifier = addChildBlock("classifier", Linear.builder().setUnits(plan.numClasses()).build());
    }

    /**
     * Its convolutions, BNs and linear layer. Tensors of a training pass: the ReLU of its input,
     * the pooled map, conv, BN and ReLU outputs of both convolutions, the global average and the
     * logits.
     */
    static Cost cost(AuxiliaryPlan plan) {
        long pooled = plan.pooled().pixels();
        long convOut = plan.output().pixels();
        Cost layers = Cost.conv(plan.inChannels(), AuxiliaryPlan.HIDDEN, 1, 1, pooled)
                .plus(Cost.bn(AuxiliaryPlan.HIDDEN))
                .plus(Cost.conv(AuxiliaryPlan.HIDDEN, AuxiliaryPlan.FEATURES, plan.kernel(), 1, convOut))
                .plus(Cost.bn(AuxiliaryPlan.FEATURES))
                .plus(Cost.linear(AuxiliaryPlan.FEATURES, plan.numClasses()));
        return layers.withElements((double) plan.inChannels() * plan.input().pixels(),
                (double) plan.inChannels() * pooled + 3.0 * AuxiliaryPlan.HIDDEN * pooled
                        + 3.0 * AuxiliaryPlan.FEATURES * convOut + AuxiliaryPlan.FEATURES + plan.numClasses());
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = Pool.avgPool2d(Activation.relu(x), new Shape(plan.pool().height(), plan.pool().width()),
                new Shape(plan.stride(), plan.stride()), new Shape(0, 0), false, false);
        y = Activation.relu(call(bn1, ps, call(conv1, ps, y, training), training));
        y = Activation.relu(call(bn2, ps, call(conv2, ps, y, training), training));
        y = Pool.globalAvgPool2d(y);
        return call(classifier, ps, y, training);
    }
}
