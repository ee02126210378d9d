package org.prdarts.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.prdarts.engine.Constants;
import org.prdarts.optim.CosineSchedule;
import org.prdarts.optim.GradientClipping;
import org.prdarts.optim.Losses;
import org.prdarts.optim.ParameterGroup;
import org.prdarts.optim.Sgd;
import org.prdarts.repro.DivergenceException;
import org.prdarts.host.EngineSetup;

import java.util.List;

/**
 * The state and the step of training a derived network (DARTS train.py): SGD with momentum and
 * weight decay, the learning rate cosine-annealed per epoch, the gradient norm clipped, the
 * auxiliary loss added with its weight, drop path ramped linearly over the epochs.
 *
 * <p>The state is explicit so a checkpoint can hold all of it: the network parameters, the SGD
 * momentum buffers ({@link #optimizer()}), and the position (epoch, step). Everything random in a
 * step is keyed by (seed, epoch, step): the data order and augmentation ({@code BatchLoader}) and
 * the drop-path masks.
 */
public final class TrainLoop {

    /** Results of one step: the main cross-entropy (without the auxiliary term), correct count, batch size. */
    public record StepStats(double loss, int correct, int count) {
    }

    private final TrainConfig config;
    private final DerivedNetwork net;
    private final ParameterStore ps;
    private final ParameterGroup weights;
    private final Sgd sgd;
    private final CosineSchedule schedule;
    private int epoch;
    private double lr;
    private double dropProb;

    /**
     * Builds and initialises the network; parameters and optimizer state are owned by {@code manager}.
     */
    public TrainLoop(TrainConfig config, NetworkConfig network, NDManager manager) {
        this.config = config;
        Engine.getInstance().setRandomSeed(EngineSetup.engineSeed(config.seed()));
        this.net = new DerivedNetwork(network);
        net.initialize(manager);
        this.ps = new ParameterStore(manager, false);
        this.weights = ParameterGroup.of(net);
        this.sgd = new Sgd(manager, weights.size(), config.momentum(), config.weightDecay(), false);
        this.schedule = new CosineSchedule(config.lr(), config.lrMin(), config.epochs());
        newEpoch(0);
    }

    /** Moves to an epoch: its learning rate and drop-path probability. */
    public void newEpoch(int e) {
        this.epoch = e;
        this.lr = schedule.at(e);
        this.dropProb = DropPath.ramp(net.config().dropPath(), e, config.epochs());
    }

    /** One SGD step on a batch; every temporary lives in {@code scratch}. */
    public StepStats step(NDManager scratch, NDArray x, NDArray y, int step) {
        int batch = (int) x.getShape().get(0);
        DropPath drop = DropPath.draw(scratch, config.seed(), epoch, step, net.config().dropPathSites(), batch,
                dropProb);
        weights.zeroGradients(scratch);
        NDArray logits;
        NDArray ce;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DerivedNetwork.Output out = net.forward(ps, x, drop, true);
            logits = out.logits();
            ce = Losses.crossEntropy(logits, y);
            NDArray loss = ce;
            if (out.auxLogits() != null) {
                loss = ce.add(Losses.crossEntropy(out.auxLogits(), y).mul(Constants.scalar(ce, config.auxiliaryWeight())));
            }
            gc.backward(loss);
        }
        List<NDArray> grads = weights.gradients(scratch);
        if (config.gradClip() > 0) {
            GradientClipping.clip(grads, config.gradClip());
        }
        sgd.step(weights.arrays(), grads, lr);
        double v = ce.getFloat();
        if (!Double.isFinite(v)) {
            throw new DivergenceException("the training loss is " + v + " at epoch " + (epoch + 1) + ", step "
                    + (step + 1) + ": training diverged (try a lower learning rate)");
        }
        return new StepStats(v, Losses.correct(logits, y), batch);
    }

    public DerivedNetwork network() {
        return net;
    }

    public Sgd optimizer() {
        return sgd;
    }

    public ParameterGroup weights() {
        return weights;
    }

    public int epoch() {
        return epoch;
    }

    public double learningRate() {
        return lr;
    }

    public double dropPathProbability() {
        return dropProb;
    }
}
