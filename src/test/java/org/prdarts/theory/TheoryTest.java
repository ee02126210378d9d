package org.prdarts.theory;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TheoryTest {

    private static CellModel randomCell(Random rng, Activation sigma, CellModel.Readout readout) {
        int h = 4;
        double[][] skip = new double[h][h];
        double[][] conv = new double[h][h];
        for (int l = 1; l < h; l++) {
            for (int s = 0; s < l; s++) {
                skip[s][l] = rng.nextDouble();
                conv[s][l] = rng.nextDouble();
            }
        }
        return new CellModel(3, 5, 3, skip, conv, sigma, readout);
    }

    @Test
    void outputGradientMatchesFiniteDifferences() {
        for (Activation sigma : Activation.values()) {
            for (CellModel.Readout readout : CellModel.Readout.values()) {
                Random rng = new Random(7);
                CellModel model = randomCell(rng, sigma, readout);
                double[] w = model.initialWeights(rng, 1);
                double[] x = new double[model.inputSize()];
                for (int i = 0; i < x.length; i++) {
                    x[i] = rng.nextGaussian() * 0.5;
                }
                double[] grad = new double[w.length];
                model.gradient(w, x, 1, grad);
                double eps = 1e-6;
                for (int i = 0; i < w.length; i++) {
                    double[] plus = w.clone();
                    double[] minus = w.clone();
                    plus[i] += eps;
                    minus[i] -= eps;
                    double fd = (model.output(plus, x) - model.output(minus, x)) / (2 * eps);
                    assertEquals(fd, grad[i], 1e-6 * Math.max(1, Math.abs(fd)), sigma + " " + readout + " weight " + i);
                }
            }
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferencesAndDescentLowersTheLoss() {
        Random rng = new Random(3);
        CellModel model = randomCell(rng, Activation.TANH, CellModel.Readout.ALL_NODES);
        Regression data = Regression.random(4, model.inputSize(), rng);
        double[] w = model.initialWeights(rng, 1);
        double[] g = data.lossGradient(model, w);
        double eps = 1e-6;
        for (int i = 0; i < w.length; i += 7) {
            double[] plus = w.clone();
            double[] minus = w.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fd = (data.loss(model, plus) - data.loss(model, minus)) / (2 * eps);
            assertEquals(fd, g[i], 1e-5 * Math.max(1, Math.abs(fd)), "weight " + i);
        }
        double[] curve = data.descend(model, w, model.mask(CellModel.Trained.ALL), 0.01, 20);
        assertTrue(curve[20] < curve[0], "loss " + curve[0] + " -> " + curve[20]);
    }

    @Test
    void maskedWeightsDoNotMove() {
        Random rng = new Random(5);
        CellModel model = randomCell(rng, Activation.TANH, CellModel.Readout.LAST_NODE);
        double[] mask = model.mask(CellModel.Trained.LAST_NODE_CONV);
        double[] conv = model.mask(CellModel.Trained.CONV);
        double on = 0;
        for (int i = 0; i < mask.length; i++) {
            assertTrue(mask[i] <= conv[i], "last-node convolutions are convolutions");
            on += mask[i];
        }
        // three edges into node 3, each a 3 x 9 weight
        assertEquals(3 * 27, on);
    }

    @Test
    void eigenvaluesOfAKnownMatrix() {
        // [[2,1,0],[1,2,1],[0,1,2]] has eigenvalues 2 - sqrt(2), 2, 2 + sqrt(2)
        double[] ev = SymmetricEigen.eigenvalues(new double[][]{{2, 1, 0}, {1, 2, 1}, {0, 1, 2}});
        assertArrayEquals(new double[]{2 - Math.sqrt(2), 2, 2 + Math.sqrt(2)}, ev, 1e-12);
    }

    @Test
    void spearmanOfHandRankings() {
        assertEquals(1, Spearman.correlation(new double[]{1, 2, 3, 4}, new double[]{10, 20, 25, 100}), 1e-12);
        assertEquals(-1, Spearman.correlation(new double[]{1, 2, 3}, new double[]{3, 2, 1}), 1e-12);
        assertArrayEquals(new double[]{1.5, 1.5, 3}, Spearman.ranks(new double[]{5, 5, 7}), 1e-12);
        // ranks (1,2,3,4) against (2,1,4,3): 1 - 6 * 4 / (4 * 15) = 0.6
        assertEquals(0.6, Spearman.correlation(new double[]{1, 2, 3, 4}, new double[]{2, 1, 4, 3}), 1e-12);
    }

    @Test
    void theorem2RaisingASkipGateNeverRaisesTheLoss() {
        TheoryExperiments.Theorem2 t = TheoryExperiments.theorem2(TheoryConfig.defaults(1));
        assertTrue(t.skipRaised() >= 5, "too few skip gates raised to test: " + t.skipRaised());
        assertEquals(0, t.skipViolations(), "raised skip gates that raised the loss: " + t.rows());
    }

    @Test
    void theorem4ShallowCellConvergesFaster() {
        TheoryExperiments.Theorem4 t = TheoryExperiments.theorem4(TheoryConfig.defaults(1).withNodes(6)
                .withConfigurations(8));
        assertEquals(8, t.shallowFaster(), "shallow cells faster than the deep chain");
        assertEquals(8, t.shallowLargerGram(), "shallow cells with the larger Gram eigenvalue");
    }

    @Test
    void theorem1LambdaRanksTheLastNodeGram() {
        TheoryExperiments.Theorem1 t = TheoryExperiments.theorem1(TheoryConfig.defaults(1));
        assertEquals(24, t.rows().size());
        assertTrue(t.spearmanLastNodeGram() > 0.5, "Spearman " + t.spearmanLastNodeGram());
        assertTrue(t.spearmanLastNodeRate() > 0.5, "Spearman " + t.spearmanLastNodeRate());
    }
}
