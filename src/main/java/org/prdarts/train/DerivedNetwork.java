package org.prdarts.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.prdarts.engine.ChannelsLast;
import org.prdarts.space.CellPlan;
import org.prdarts.space.NetworkPlan;
import org.prdarts.space.StemPlan;
import org.prdarts.space.ops.Layers;
import org.prdarts.space.ops.LazyBlock;

import java.util.ArrayList;
import java.util.List;

/**
 * The network trained from scratch on a genotype (DARTS NetworkCIFAR / NetworkImageNet): a stem,
 * L cells (reductions at L/3 and 2L/3), the optional auxiliary head after cell 2L/3, global
 * average pooling and a linear classifier.
 *
 * <p>The CIFAR stem is a 3x3 conv to 3C and BN, for any image size and 1 or 3 channels. The
 * ImageNet stem is DARTS' two stages, stem0 (3x3/2 conv to C/2, BN, ReLU, 3x3/2 conv to C, BN)
 * and stem1 (ReLU, 3x3/2 conv, BN), feeding s0 = stem0 and s1 = stem1 to the first cell, which
 * therefore preprocesses s0 with FactorizedReduce.
 *
 * <p>The first stem convolution's output is laid out channels last ({@link ChannelsLast}), and every
 * later array keeps that layout, as in the search network: oneDNN then runs the convolutions on the
 * arrays directly instead of reordering each input and output, and the depthwise convolutions'
 * weight gradients and max pooling get vectorised kernels. Values are the same in both layouts up
 * to the rounding of other summation orders.
 *
 * <p>Forward returns logits, and the auxiliary logits when training with the head; never a loss.
 * Called as a plain DJL block (a {@code Predictor}) it returns the logits only.
 */
public final class DerivedNetwork extends LazyBlock {

    /** Outputs of one forward pass; {@code auxLogits} is null unless training with the head. */
    public record Output(NDArray logits, NDArray auxLogits) {
    }

    private final NetworkConfig config;
    private final NetworkPlan plan;
    private final List<Block> stem = new ArrayList<>();
    private final List<Block> stem1 = new ArrayList<>();
    private final List<DerivedCell> cells = new ArrayList<>();
    private final AuxiliaryHead auxiliary;
    private final Block classifier;
    private boolean channelsLast = true;

    public DerivedNetwork(NetworkConfig config) {
        this.config = config;
        this.plan = config.plan();
        StemPlan stemPlan = plan.stem();
        List<StemPlan.Conv> convs = stemPlan.convs();
        if (stemPlan.imagenet()) {
            stem.add(addChildBlock("stem0_conv1", convs.get(0).block()));
            stem.add(addChildBlock("stem0_bn1", Layers.bn(true)));
            stem.add(addChildBlock("stem0_conv2", convs.get(1).block()));
            stem.add(addChildBlock("stem0_bn2", Layers.bn(true)));
            stem1.add(addChildBlock("stem1_conv", convs.get(2).block()));
            stem1.add(addChildBlock("stem1_bn", Layers.bn(true)));
        } else {
            stem.add(addChildBlock("stem_conv", convs.get(0).block()));
            stem.add(addChildBlock("stem_bn", Layers.bn(true)));
        }
        AuxiliaryHead aux = null;
        for (CellPlan cell : plan.cells()) {
            cells.add(addChildBlock("cell" + cell.index(),
                    new DerivedCell(config.genotype(), cell.channels(), cell.reduction(), cell.reductionPrev())));
            if (plan.auxiliary() != null && cell.index() == plan.auxiliary().cell()) {
                aux = addChildBlock("auxiliary", new AuxiliaryHead(plan.auxiliary()));
            }
        }
        auxiliary = aux;
        classifier = addChildBlock("classifier", Linear.builder().setUnits(plan.numClasses()).build());
    }

    public NetworkConfig config() {
        return config;
    }

    public NetworkPlan plan() {
        return plan;
    }

    public List<DerivedCell> cells() {
        return List.copyOf(cells);
    }

    /** Chooses the memory layout of the arrays after the stem (tests compare both); channels last by default. */
    void setChannelsLast(boolean channelsLast) {
        this.channelsLast = channelsLast;
    }

    /**
     * One pass over images [B, C, H, W].
     *
     * @param dropPath masks of this step (see {@link DropPath}), or null; ignored unless training
     */
    public Output forward(ParameterStore ps, NDArray x, DropPath dropPath, boolean training) {
        NDArray s0;
        NDArray s1;
        if (plan.stem().imagenet()) {
            NDArray y = call(stem.get(1), ps, layout(call(stem.get(0), ps, x, training)), training);
            y = Activation.relu(y);
            s0 = call(stem.get(3), ps, call(stem.get(2), ps, y, training), training);
            s1 = call(stem1.get(1), ps, call(stem1.get(0), ps, Activation.relu(s0), training), training);
        } else {
            s0 = call(stem.get(1), ps, layout(call(stem.get(0), ps, x, training)), training);
            s1 = s0;
        }
        NDArray auxLogits = null;
        int site = 0;
        for (int i = 0; i < cells.size(); i++) {
            DerivedCell cell = cells.get(i);
            NDArray out = cell.forward(ps, s0, s1, dropPath, site, training);
            site += cell.sites();
            s0 = s1;
            s1 = out;
            if (auxiliary != null && i == plan.auxiliary().cell() && training) {
                auxLogits = auxiliary.forward(ps, s1, true);
            }
        }
        NDArray logits = call(classifier, ps, Pool.globalAvgPool2d(s1), training);
        return new Output(logits, auxLogits);
    }

    /** The stem convolution's output in the chosen layout (the NCHW array is closed when converted). */
    private NDArray layout(NDArray stemOutput) {
        return channelsLast ? ChannelsLast.replacing(stemOutput) : stemOutput;
    }

    @Override
    public NDArray forward(ParameterStore ps, NDArray x, boolean training) {
        return forward(ps, x, null, training).logits();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        Output out = forward(ps, inputs.singletonOrThrow(), null, training);
        return out.auxLogits() == null ? new NDList(out.logits()) : new NDList(out.logits(), out.auxLogits());
    }

    /**
     * Sizes every parameter (the auxiliary head's too) by one training pass over two blank images;
     * two, because BN cannot normalise a single value per channel in training mode.
     */
    public void initialize(NDManager manager) {
        try (NDManager scratch = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(manager, false);
            NDArray x = scratch.zeros(new Shape(2, config.inputChannels(), config.inputHeight(),
                    config.inputWidth()), DataType.FLOAT32);
            forward(ps, x, null, true);
        }
    }
}
