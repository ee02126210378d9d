package org.prdarts.search.derive;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.prdarts.space.CellTopology;
import org.prdarts.space.ops.Primitives;

/**
 * How decided a derived cell is, in the units of the architecture logits, and whether that is
 * more than noise. Pure functions of host tables, so a test can call them with hand-written ones.
 *
 * <p><b>Margin of a node.</b> The smallest change of the logits that would change the node's
 * derived pairs. PR-DARTS rule (pairs ranked by P(g != 0), a monotone function of beta): the beta
 * of the weakest kept (input, op) pair minus that of the strongest dropped one, {@code none}
 * excluded. DARTS rule (edges ranked by their best non-{@code none} softmax weight, then the best op
 * on each kept edge): the smaller of the log-weight gap between the weaker kept edge and the
 * strongest dropped edge, and, on each kept edge, the log-weight gap between its best and second
 * best non-{@code none} op. Log weights differ as the logits do within an edge, so both rules give
 * margins in logit units.
 *
 * <p><b>Noise.</b> What a margin would be if the architecture gradient carried no signal. A logit
 * starts at {@code init * N(0, 1)}; Adam then moves it by about {@code lr} per step in the
 * direction of the sign of its (bias-corrected, normalised) gradient, so a gradient of random sign
 * is a random walk of {@code lr * sqrt(steps)} after {@code steps} steps, and a consistent one
 * moves it by at most {@code lr * steps}. The difference of two logits then has the standard
 * deviation {@code noise = sqrt(2) * sqrt(init^2 + lr^2 * steps)} (with a rate that changes, the
 * sum of the steps' {@code lr^2} in place of {@code lr^2 * steps}). A node is <em>decided beyond
 * noise</em> when its margin is at least {@code 2 * noise}: the gap between the second and third
 * of a set of equal-mean noisy values is well below that, so a margin that large is not the
 * ranking noise of a search whose logits did not learn anything.
 *
 * <p><b>Entropy of an edge.</b> The entropy of the edge's derivation weights (DARTS: the softmax
 * mixing weights; PR-DARTS: P(g != 0)) normalised to sum 1, divided by ln(ops): 1 = every op
 * equally weighted, 0 = one op holds all the weight.
 */
public final class Decidedness {
    /** A node is decided when its margin is at least this many noise units. */
    public static final double DECIDED_NOISE_UNITS = 2;
    /**
     * The 95th percentile of the node margins of shuffled-label searches (the null, {@code
     * --shuffle-labels}), in noise units: the random walk the logits really take when the gradient
     * carries no signal is far shorter than the analytic bound's sign walk, because Adam's
     * normalised steps of a gradient of random sign are much smaller than lr. Measured on the quick
     * preset (Fashion-MNIST at 14x14, 8 minutes, 3 seeds, both cells pooled: docs/data/null-calibration.csv);
     * other data or budgets are calibrated with {@code prdarts study null}. It is PR-DARTS' null: at the
     * collapse study's setting DARTS' null reached 1.06 noise units against PR-DARTS' 0.34, so for
     * DARTS this threshold is too low (docs/results.md, "The null beside it").
     */
    public static final double NULL_Q95_NOISE_UNITS = 0.42;

    private Decidedness() {
    }

    /**
     * The decidedness of one cell.
     *
     * @param margins   per intermediate node, in logit units
     * @param entropies per edge, normalised to [0, 1]
     * @param spread    max - min of the cell's logits
     * @param noise     the noise scale of a margin (see the class comment)
     */
    public record Cell(double[] margins, double[] entropies, double spread, double noise) {

        /** Number of nodes whose margin is at least {@link #DECIDED_NOISE_UNITS} noise units. */
        public int decidedNodes() {
            int n = 0;
            for (double m : margins) {
                n += m >= DECIDED_NOISE_UNITS * noise ? 1 : 0;
            }
            return n;
        }

        public boolean decided() {
            return decidedNodes() == margins.length;
        }

        /** The margin the calibrated null reaches at this noise scale ({@link #NULL_Q95_NOISE_UNITS}). */
        public double nullThreshold() {
            return NULL_Q95_NOISE_UNITS * noise;
        }

        /** Nodes whose margin is above the calibrated null's 95th percentile. */
        public int decidedBeyondNull() {
            return NullCalibration.decided(margins, nullThreshold());
        }

        /**
         * How many times this run's architecture steps would take {@code nodes} nodes beyond the
         * calibrated null at the rate measured so far: a margin with a signal grows with the steps, the
         * null's with their square root, so the k-th largest margin m passes the threshold t after
         * (t / m)^2 times the steps. An extrapolation from one run; infinite when that margin is 0.
         */
        public double stepsFactorFor(int nodes) {
            double[] sorted = margins.clone();
            Arrays.sort(sorted);
            if (nodes < 1 || nodes > sorted.length) {
                throw new IllegalArgumentException("nodes must be in [1, " + sorted.length + "], found " + nodes);
            }
            double m = sorted[sorted.length - nodes];
            return m > 0 ? Math.pow(nullThreshold() / m, 2) : Double.POSITIVE_INFINITY;
        }

        public double meanEntropy() {
            return Arrays.stream(entropies).average().orElse(Double.NaN);
        }

        /** One plain sentence for a closing summary, naming the cell. */
        public String describe(String name) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%s cell: logit spread %.3f; node margins", name, spread));
            for (double m : margins) {
                b.append(String.format(Locale.ROOT, " %.3f", m));
            }
            b.append(String.format(Locale.ROOT, " (noise %.3f, decided at >= %.3f); mean edge entropy %.3f "
                    + "of the maximum", noise, DECIDED_NOISE_UNITS * noise, meanEntropy()));
            int decided = decidedNodes();
            if (decided == margins.length) {
                b.append(String.format(Locale.ROOT, "%n  decided beyond noise at every node"));
            } else {
                b.append(String.format(Locale.ROOT, "%n  NOT decided beyond noise: %d of %d nodes are; the "
                        + "pairs of the others could as well be chance (more architecture steps, or a larger "
                        + "reach, move the logits further)", decided, margins.length));
            }
            int beyondNull = decidedBeyondNull();
            b.append(String.format(Locale.ROOT, "%n  beyond the shuffled-label null (its 95th percentile, %.2f noise "
                    + "units = %.3f, calibrated on the quick preset): %d of %d nodes", NULL_Q95_NOISE_UNITS,
                    nullThreshold(), beyondNull, margins.length));
            int wanted = Math.min(2, margins.length);
            if (beyondNull < wanted) {
                double f = stepsFactorFor(wanted);
                b.append(Double.isFinite(f) ? String.format(Locale.ROOT, "; at the rate measured, %d would be after "
                        + "about %.1f times these architecture steps", wanted, f)
                        : String.format(Locale.ROOT, "; no rate measured from which %d would be", wanted));
            }
            return b.toString();
        }
    }

    /**
     * The noise scale of a margin: {@code sqrt(2) * sqrt(init^2 + lr^2 * steps)}.
     *
     * @param initScale the logits' initial standard deviation
     * @param archLr    Adam's learning rate of the logits
     * @param steps     architecture steps taken
     */
    public static double noise(double initScale, double archLr, long steps) {
        return noise(initScale, archLr * archLr * steps);
    }

    /**
     * The noise scale of a margin after steps at changing learning rates:
     * {@code sqrt(2) * sqrt(init^2 + sum of lr^2 over the steps)}.
     *
     * @param initScale    the logits' initial standard deviation
     * @param lrSquaredSum the sum over the architecture steps taken of their learning rate squared
     */
    public static double noise(double initScale, double lrSquaredSum) {
        return Math.sqrt(2) * Math.sqrt(initScale * initScale + lrSquaredSum);
    }

    /** The PR-DARTS rule's margins: per node, weakest kept pair minus strongest dropped pair. */
    public static double[] pairMargins(float[][] logits, List<String> ops, int nodes) {
        CellTopology topology = check(logits, ops, nodes);
        int none = ops.indexOf(Primitives.NONE);
        double[] margins = new double[nodes];
        for (int node = 0; node < nodes; node++) {
            List<Double> scores = new ArrayList<>();
            for (int input = 0; input < node + 2; input++) {
                float[] row = logits[topology.edge(node, input)];
                for (int k = 0; k < row.length; k++) {
                    if (k != none) {
                        scores.add((double) row[k]);
                    }
                }
            }
            scores.sort((a, b) -> Double.compare(b, a));
            margins[node] = scores.size() > 2 ? scores.get(1) - scores.get(2) : Double.POSITIVE_INFINITY;
        }
        return margins;
    }

    /**
     * The DARTS rule's margins from per-edge log softmax weights: per node, the smaller of the gap
     * between the weaker kept edge and the strongest dropped edge and the op gaps on the kept edges.
     */
    public static double[] edgeMargins(float[][] logWeights, List<String> ops, int nodes) {
        CellTopology topology = check(logWeights, ops, nodes);
        int none = ops.indexOf(Primitives.NONE);
        double[] margins = new double[nodes];
        for (int node = 0; node < nodes; node++) {
            int inputs = node + 2;
            double[] best = new double[inputs];
            double[] opGap = new double[inputs];
            for (int input = 0; input < inputs; input++) {
                float[] row = logWeights[topology.edge(node, input)];
                double first = Double.NEGATIVE_INFINITY;
                double second = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < row.length; k++) {
                    if (k == none) {
                        continue;
                    }
                    if (row[k] > first) {
                        second = first;
                        first = row[k];
                    } else if (row[k] > second) {
                        second = row[k];
                    }
                }
                best[input] = first;
                opGap[input] = second == Double.NEGATIVE_INFINITY ? Double.POSITIVE_INFINITY : first - second;
            }
            Integer[] order = new Integer[inputs];
            for (int i = 0; i < inputs; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(best[b], best[a]));
            double margin = Double.POSITIVE_INFINITY;
            int kept = Math.min(2, inputs);
            for (int i = 0; i < kept; i++) {
                margin = Math.min(margin, opGap[order[i]]);
            }
            if (inputs > 2) {
                margin = Math.min(margin, best[order[1]] - best[order[2]]);
            }
            margins[node] = margin;
        }
        return margins;
    }

    /** Per edge, the entropy of the row normalised to sum 1, divided by ln(ops). */
    public static double[] entropies(float[][] weights) {
        double[] out = new double[weights.length];
        for (int e = 0; e < weights.length; e++) {
            float[] row = weights[e];
            double sum = 0;
            for (float w : row) {
                if (!(w >= 0)) {
                    throw new IllegalArgumentException("weights must be >= 0, found " + w + " on edge " + e);
                }
                sum += w;
            }
            double h = 0;
            for (float w : row) {
                if (w > 0) {
                    double p = w / sum;
                    h -= p * Math.log(p);
                }
            }
            out[e] = row.length > 1 ? h / Math.log(row.length) : 0;
        }
        return out;
    }

    /** max - min over every entry of the table. */
    public static double spread(float[][] table) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float[] row : table) {
            for (float v : row) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return max - min;
    }

    private static CellTopology check(float[][] table, List<String> ops, int nodes) {
        CellTopology topology = new CellTopology(nodes);
        if (table.length != topology.edges()) {
            throw new IllegalArgumentException("table must have " + topology.edges() + " edges for " + nodes
                    + " nodes, found " + table.length);
        }
        for (float[] row : table) {
            if (row.length != ops.size()) {
                throw new IllegalArgumentException("table rows must have " + ops.size() + " ops, found "
                        + row.length);
            }
        }
        return topology;
    }
}
