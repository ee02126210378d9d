package org.prdarts.search;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.prdarts.engine.InPlaceCopy;
import org.prdarts.optim.GradientClipping;
import org.prdarts.search.derive.DartsDerivation;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.search.relax.Relaxation;
import org.prdarts.search.relax.SoftmaxRelaxation;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.supernet.CellMixing;
import org.prdarts.supernet.SupernetConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.prdarts.optim.Losses.correct;
import static org.prdarts.optim.Losses.crossEntropy;

/**
 * DARTS (Liu, Simonyan, Yang, ICLR 2019): softmax mixing, first-order alternating updates by
 * default, or the second-order unrolled gradient with a finite-difference Hessian-vector product.
 *
 * <p>Differences from the reference code: the second-order virtual step reuses the live network
 * (weights saved and restored) instead of a copy, so BatchNorm running statistics of the search
 * network also see the unrolled passes; they are not used by the search.
 */
public final class DartsStrategy extends BilevelStrategy {
    private final Relaxation relaxation = new SoftmaxRelaxation();

    public DartsStrategy(SearchConfig config, double archLr, SupernetConfig netConfig, NDManager manager,
                         int height, int width) {
        super(config, archLr, netConfig, manager, height, width);
    }

    @Override
    public Method method() {
        return Method.DARTS;
    }

    @Override
    protected Relaxation relaxation() {
        return relaxation;
    }

    @Override
    public Genotype genotype() {
        float[][][] t = scoreTables();
        return DartsDerivation.derive(t[0], t[1], netConfig.ops(), netConfig.nodes());
    }

    /** The DARTS rule ranks softmax weights: its margins are differences of log weights. */
    @Override
    protected double[] nodeMargins(float[][] logits) {
        float[][] logWeights = new float[logits.length][];
        for (int e = 0; e < logits.length; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : logits[e]) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : logits[e]) {
                sum += Math.exp(v - max);
            }
            double lse = max + Math.log(sum);
            logWeights[e] = new float[logits[e].length];
            for (int t = 0; t < logits[e].length; t++) {
                logWeights[e][t] = (float) (logits[e][t] - lse);
            }
        }
        return Decidedness.edgeMargins(logWeights, netConfig.ops(), netConfig.nodes());
    }

    /** DARTS has no regularizer terms: {@code regularizers} is empty. */
    @Override
    public SearchEpoch.DartsFacts epochFacts(Map<String, Double> regularizers) {
        float[][][] t = scoreTables();
        Genotype g = genotype();
        return new SearchEpoch.DartsFacts(GenotypeFormat.format(g), CellStats.skipCount(g.normal()),
                CellStats.skipCount(g.reduce()), CellStats.nodeDepth(g.normal()), CellStats.parametricDepth(g.normal()),
                CellStats.parametricDepth(g.reduce()), t[0], t[1]);
    }

    @Override
    protected PassResult archStep(NDManager scratch, NDArray trainX, NDArray trainY, NDArray x, NDArray y,
                                int step) {
        if (!config.darts().secondOrder()) {
            return super.archStep(scratch, trainX, trainY, x, y, step);
        }
        return unrolledArchStep(scratch, trainX, trainY, x, y, step);
    }

    /**
     * Second-order DARTS (eq. 7-8): grad_alpha L_val(w', alpha) - xi * Hessian-vector term, with
     * w' = w - xi * (momentum * buf + grad_w L_train + wd * w), xi = current weight learning rate,
     * and the Hessian-vector product by central differences at w +- eps * grad_w' L_val,
     * eps = 0.01 / ||grad_w' L_val||.
     */
    private PassResult unrolledArchStep(NDManager scratch, NDArray trainX, NDArray trainY, NDArray x,
                                      NDArray y, int step) {
        List<NDArray> w = weights.arrays();
        List<NDArray> backup = new ArrayList<>(w.size());
        for (NDArray p : w) {
            NDArray b = p.duplicate();
            b.attach(scratch);
            backup.add(b);
        }
        CellMixing fixed = mix(step, ARCH_PASS, true);
        // virtual step w' on the training batch
        weights.zeroGradients(scratch);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(crossEntropy(net.forward(ps, trainX, fixed.normal(), fixed.reduce(), true), trainY));
        }
        List<NDArray> g = weights.gradients(scratch);
        List<NDArray> buffers = sgd.buffers();
        for (int i = 0; i < w.size(); i++) {
            NDArray d = g.get(i).add(scratchCopy(scratch, w.get(i)).muli(config.weights().weightDecay()));
            if (buffers.get(i) != null) {
                d.addi(scratchCopy(scratch, buffers.get(i)).muli(config.weights().momentum()));
            }
            w.get(i).subi(d.muli(lr));
        }
        // gradients of L_val at w'
        weights.zeroGradients(scratch);
        archGroup.zeroGradients(scratch);
        NDArray logits;
        NDArray ce;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            CellMixing m = mix(step, ARCH_PASS, false);
            logits = net.forward(ps, x, m.normal(), m.reduce(), true);
            ce = crossEntropy(logits, y);
            gc.backward(ce);
        }
        List<NDArray> dAlpha = copies(scratch, archGroup.gradients(scratch));
        List<NDArray> dW = copies(scratch, weights.gradients(scratch));
        double eps = 0.01 / Math.max(GradientClipping.globalNorm(dW), 1e-12);
        List<NDArray> gPlus = alphaGradAt(scratch, backup, dW, eps, trainX, trainY, step);
        List<NDArray> gMinus = alphaGradAt(scratch, backup, dW, -eps, trainX, trainY, step);
        for (int i = 0; i < w.size(); i++) {
            InPlaceCopy.copy(backup.get(i), w.get(i));
        }
        List<NDArray> finalGrad = new ArrayList<>();
        for (int i = 0; i < dAlpha.size(); i++) {
            NDArray hv = gPlus.get(i).sub(gMinus.get(i)).divi(2 * eps);
            finalGrad.add(dAlpha.get(i).sub(hv.muli(lr)));
        }
        architectureStep(finalGrad);
        return new PassResult(checkedLoss(ce, "architecture", step), correct(logits, y));
    }

    /** grad_alpha L_train(w + eps * v, alpha), with w restored from backup first. */
    private List<NDArray> alphaGradAt(NDManager scratch, List<NDArray> backup, List<NDArray> v, double eps,
                                      NDArray x, NDArray y, int step) {
        List<NDArray> w = weights.arrays();
        for (int i = 0; i < w.size(); i++) {
            InPlaceCopy.copy(backup.get(i), w.get(i));
            w.get(i).addi(v.get(i).mul(eps));
        }
        archGroup.zeroGradients(scratch);
        weights.zeroGradients(scratch);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            CellMixing m = mix(step, ARCH_PASS, false);
            gc.backward(crossEntropy(net.forward(ps, x, m.normal(), m.reduce(), true), y));
        }
        return copies(scratch, archGroup.gradients(scratch));
    }

    private static NDArray scratchCopy(NDManager scratch, NDArray a) {
        NDArray c = a.duplicate();
        c.attach(scratch);
        return c;
    }

    private static List<NDArray> copies(NDManager scratch, List<NDArray> arrays) {
        List<NDArray> out = new ArrayList<>(arrays.size());
        for (NDArray a : arrays) {
            out.add(scratchCopy(scratch, a));
        }
        return out;
    }
}
