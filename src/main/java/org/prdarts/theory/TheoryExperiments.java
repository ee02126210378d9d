package org.prdarts.theory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The paper's theorems on the analytic cell model ({@link CellModel}), as measurements.
 *
 * <ul>
 *   <li>Theorem 1: over random mixing weights (a softmax over none / skip / conv on every edge), the
 *       smallest eigenvalue of J J^T at initialisation and the measured contraction of gradient
 *       descent should rank the configurations as lambda = sum_{s<=h-2} conv[s][h-1]^2
 *       prod_{t<s} skip[t][s]^2 does. Measured twice: training every convolution, and training
 *       only the convolutions into the last node (the weights the theorem's bound is built from).</li>
 *   <li>Theorem 2: with independent gates in [0, 1] as mixing weights, raising one gate should not
 *       raise the loss reached after a fixed number of steps.</li>
 *   <li>Theorem 4: a cell of two parallel conv branches converges faster than the deep conv chain
 *       with the same gate values.</li>
 * </ul>
 *
 * <p>Every run of a comparison starts from the same data and the same initial weights (the
 * parameter layout does not depend on the mixing weights), so the only difference is the one the
 * theorem is about. Output weights stay fixed; Theorems 2 and 4 train every convolution. Draw order:
 * data, then per configuration its mixing weights (and for Theorem 2 the raised gate), then its
 * initial weights, from one {@link Random} per theorem.
 */
public final class TheoryExperiments {
    /** Relative (and absolute) slack allowed to the raised gate's loss for rounding. */
    public static final double THEOREM2_TOLERANCE = 1e-9;

    private TheoryExperiments() {
    }

    /** One random configuration of Theorem 1. */
    public record Theorem1Row(int configuration, double lambda, double gramMinEigenvalue, double contractionRate,
                              double lastNodeGramMinEigenvalue, double lastNodeContractionRate) {
    }

    /** Spearman correlations of lambda with each measurement. */
    public record Theorem1(List<Theorem1Row> rows, double spearmanGram, double spearmanRate,
                           double spearmanLastNodeGram, double spearmanLastNodeRate) {
    }

    /** One raised gate of Theorem 2. */
    public record Theorem2Row(int configuration, int from, int to, String op, double gate, double raisedGate,
                              double loss, double raisedLoss) {
        public boolean holds() {
            return raisedLoss <= loss * (1 + THEOREM2_TOLERANCE) + THEOREM2_TOLERANCE;
        }
    }

    /** Rows and how many broke the claim, per raised operation. */
    public record Theorem2(List<Theorem2Row> rows, int skipRaised, int skipViolations, int convRaised,
                           int convViolations) {
    }

    /** One gate vector of Theorem 4. */
    public record Theorem4Row(int configuration, double[] gates, double deepRate, double shallowRate,
                              double deepGramMinEigenvalue, double shallowGramMinEigenvalue, double[] deepLoss,
                              double[] shallowLoss) {
        public boolean shallowFaster() {
            return shallowRate > deepRate;
        }
    }

    public record Theorem4(List<Theorem4Row> rows, int shallowFaster, int shallowLargerGram) {
    }

    /** The theorem's lambda (without its constant) for a cell's mixing weights. */
    public static double lambda(CellModel model) {
        int h = model.nodes();
        double sum = 0;
        for (int s = 0; s <= h - 2; s++) {
            double term = model.conv(s, h - 1) * model.conv(s, h - 1);
            for (int t = 0; t < s; t++) {
                term *= model.skip(t, s) * model.skip(t, s);
            }
            sum += term;
        }
        return sum;
    }

    public static Theorem1 theorem1(TheoryConfig c) {
        Random rng = new Random(c.seed());
        Regression data = Regression.random(c.samples(), c.channels() * c.positions(), rng);
        List<Theorem1Row> rows = new ArrayList<>();
        for (int i = 0; i < c.configurations(); i++) {
            double[][] skip = new double[c.nodes()][c.nodes()];
            double[][] conv = new double[c.nodes()][c.nodes()];
            for (int l = 1; l < c.nodes(); l++) {
                for (int s = 0; s < l; s++) {
                    double[] w = softmax(c.logitSpread() * rng.nextGaussian(), c.logitSpread() * rng.nextGaussian(),
                            c.logitSpread() * rng.nextGaussian());
                    skip[s][l] = w[1];
                    conv[s][l] = w[2];
                }
            }
            CellModel model = model(c, skip, conv);
            double[] w0 = model.initialWeights(rng, c.convInitScale());
            double[] all = model.mask(CellModel.Trained.CONV);
            double[] last = model.mask(CellModel.Trained.LAST_NODE_CONV);
            rows.add(new Theorem1Row(i, lambda(model), minEigenvalue(data.gram(model, w0, all)),
                    Regression.contractionRate(data.descend(model, w0, all, c.eta(), c.steps())),
                    minEigenvalue(data.gram(model, w0, last)),
                    Regression.contractionRate(data.descend(model, w0, last, c.eta(), c.steps()))));
        }
        double[] lambda = rows.stream().mapToDouble(Theorem1Row::lambda).toArray();
        return new Theorem1(rows,
                Spearman.correlation(lambda, rows.stream().mapToDouble(Theorem1Row::gramMinEigenvalue).toArray()),
                Spearman.correlation(lambda, rows.stream().mapToDouble(Theorem1Row::contractionRate).toArray()),
                Spearman.correlation(lambda,
                        rows.stream().mapToDouble(Theorem1Row::lastNodeGramMinEigenvalue).toArray()),
                Spearman.correlation(lambda,
                        rows.stream().mapToDouble(Theorem1Row::lastNodeContractionRate).toArray()));
    }

    public static Theorem2 theorem2(TheoryConfig c) {
        Random rng = new Random(c.seed() + 2);
        Regression data = Regression.random(c.samples(), c.channels() * c.positions(), rng);
        List<Theorem2Row> rows = new ArrayList<>();
        for (int i = 0; i < c.configurations(); i++) {
            double[][] skip = new double[c.nodes()][c.nodes()];
            double[][] conv = new double[c.nodes()][c.nodes()];
            for (int l = 1; l < c.nodes(); l++) {
                for (int s = 0; s < l; s++) {
                    skip[s][l] = rng.nextDouble();
                    conv[s][l] = rng.nextDouble();
                }
            }
            int to = 1 + rng.nextInt(c.nodes() - 1);
            int from = rng.nextInt(to);
            boolean raiseConv = rng.nextBoolean();
            double[][] target = raiseConv ? conv : skip;
            double gate = target[from][to];
            double raised = gate + (1 - gate) * (0.25 + 0.75 * rng.nextDouble());
            CellModel model = model(c, skip, conv);
            double[] w0 = model.initialWeights(rng, c.convInitScale());
            double[] mask = model.mask(CellModel.Trained.CONV);
            double loss = data.descend(model, w0, mask, c.eta(), c.steps())[c.steps()];
            target[from][to] = raised;
            double raisedLoss = data.descend(model(c, skip, conv), w0, mask, c.eta(), c.steps())[c.steps()];
            rows.add(new Theorem2Row(i, from, to, raiseConv ? "conv" : "skip", gate, raised, loss, raisedLoss));
        }
        return new Theorem2(rows, count(rows, "skip", false), count(rows, "skip", true), count(rows, "conv", false),
                count(rows, "conv", true));
    }

    private static int count(List<Theorem2Row> rows, String op, boolean violations) {
        return (int) rows.stream().filter(r -> r.op().equals(op) && (!violations || !r.holds())).count();
    }

    /**
     * Deep: conv edges 0->1->...->h-1. Shallow: 0->1->...->h/2 and 0->h/2+1->...->h-1. Both have h-1
     * conv edges, given the same gates in the same order.
     */
    public static Theorem4 theorem4(TheoryConfig c) {
        Random rng = new Random(c.seed() + 4);
        Regression data = Regression.random(c.samples(), c.channels() * c.positions(), rng);
        int h = c.nodes();
        List<Theorem4Row> rows = new ArrayList<>();
        for (int i = 0; i < c.configurations(); i++) {
            double[] gates = new double[h - 1];
            for (int e = 0; e < gates.length; e++) {
                gates[e] = 0.5 + 0.5 * rng.nextDouble();
            }
            double[][] deepConv = new double[h][h];
            double[][] shallowConv = new double[h][h];
            int split = h / 2;
            for (int l = 1; l < h; l++) {
                deepConv[l - 1][l] = gates[l - 1];
                shallowConv[l == split + 1 ? 0 : l - 1][l] = gates[l - 1];
            }
            CellModel deep = model(c, new double[h][h], deepConv);
            CellModel shallow = model(c, new double[h][h], shallowConv);
            double[] w0 = deep.initialWeights(rng, c.convInitScale());
            double[] mask = deep.mask(CellModel.Trained.CONV);
            double[] deepLoss = data.descend(deep, w0, mask, c.eta(), c.steps());
            double[] shallowLoss = data.descend(shallow, w0, mask, c.eta(), c.steps());
            rows.add(new Theorem4Row(i, gates, Regression.contractionRate(deepLoss),
                    Regression.contractionRate(shallowLoss), minEigenvalue(data.gram(deep, w0, mask)),
                    minEigenvalue(data.gram(shallow, w0, mask)), deepLoss, shallowLoss));
        }
        return new Theorem4(rows, (int) rows.stream().filter(Theorem4Row::shallowFaster).count(),
                (int) rows.stream().filter(r -> r.shallowGramMinEigenvalue() > r.deepGramMinEigenvalue()).count());
    }

    private static CellModel model(TheoryConfig c, double[][] skip, double[][] conv) {
        return new CellModel(c.channels(), c.positions(), c.kernel(), skip, conv, c.activation(), c.readout());
    }

    static double minEigenvalue(double[][] gram) {
        return SymmetricEigen.eigenvalues(gram)[0];
    }

    private static double[] softmax(double... logits) {
        double max = Arrays.stream(logits).max().orElse(0);
        double[] e = Arrays.stream(logits).map(v -> Math.exp(v - max)).toArray();
        double sum = Arrays.stream(e).sum();
        return Arrays.stream(e).map(v -> v / sum).toArray();
    }
}
