package org.prdarts.study;

import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.ops.Primitives;
import org.prdarts.theory.Spearman;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainListener;
import org.prdarts.train.TrainResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The empirical side of Theorem 1 (paper Fig. 2): one fixed network with k = 0..4 of its normal
 * cell's convolutions replaced by skip_connect, each trained for the same steps on the same data
 * and seed. The training loss after the fixed number of steps should fall as k grows.
 */
final class SkipSpeedStudy {
    /** Replaced first, in this order: the first pair of node 0, 1, 2, 3. */
    static final int[] REPLACED = {0, 2, 4, 6};
    static final int MAX_SKIPS = REPLACED.length;

    private SkipSpeedStudy() {
    }

    /** The base genotype with its first k pairs (in {@link #REPLACED} order) made skip_connect. */
    static Genotype withSkips(Genotype base, int k) {
        List<Genotype.Pair> normal = new ArrayList<>(base.normal());
        for (int i = 0; i < k; i++) {
            Genotype.Pair p = normal.get(REPLACED[i]);
            normal.set(REPLACED[i], new Genotype.Pair(Primitives.SKIP_CONNECT, p.input()));
        }
        return new Genotype(normal, base.normalConcat(), base.reduce(), base.reduceConcat());
    }

    static void run(StudyRun run) {
        StudyPlan plan = run.plan();
        Map<String, Supplier<Map<String, Object>>> work = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            for (int k = 0; k <= MAX_SKIPS; k++) {
                Genotype g = withSkips(plan.train().genotype(), k);
                TrainJob job = StudyPresets.trainJob(plan.train(), g, "skip-speed k=" + k, seed);
                String name = "skips" + k + "-seed" + seed;
                int skips = k;
                work.put(name, () -> {
                    StepLosses losses = new StepLosses();
                    // a sub-run's curve is recorded by its listener, so an interrupted one starts over
                    TrainResult r = run.train(name, job, losses, false);
                    double[] curve = losses.values();
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("kind", "train");
                    m.put("skips", skips);
                    m.put("seed", seed);
                    m.put("genotype", GenotypeFormat.format(g));
                    m.put("steps", curve.length);
                    m.put("lossAtEnd", tailMean(curve, plan.lossWindow()));
                    m.put("testAcc", r.evaluation().accuracy());
                    m.put("params", r.size().params());
                    m.put("seconds", r.seconds());
                    m.put("runDir", r.runDir().toString());
                    m.put("stepLoss", Records.boxed(curve));
                    return m;
                });
            }
        }
        List<Map<String, Object>> records = run.all(work);
        double[] k = records.stream().mapToDouble(r -> Records.number(r, "skips")).toArray();
        double[] loss = records.stream().mapToDouble(r -> Records.number(r, "lossAtEnd")).toArray();
        List<Series> curves = new ArrayList<>();
        List<Series> finals = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (long seed : plan.seeds()) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> r : records) {
                if (Math.round(Records.number(r, "seed")) != seed) {
                    continue;
                }
                double[] c = Records.numbers(r.get("stepLoss"));
                curves.add(new Series("k=" + Math.round(Records.number(r, "skips")) + " seed " + seed,
                        smoothed(c, plan.lossWindow())));
                pts.add(new double[]{Records.number(r, "skips"), Records.number(r, "lossAtEnd")});
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("skips", r.get("skips"));
                row.put("seed", seed);
                row.put("lossAtEnd", r.get("lossAtEnd"));
                row.put("firstLoss", c.length > 0 ? c[0] : Double.NaN);
                row.put("testAcc", r.get("testAcc"));
                row.put("params", r.get("params"));
                row.put("genotype", r.get("genotype"));
                table.add(row);
            }
            finals.add(new Series("seed " + seed, pts));
        }
        int steps = records.isEmpty() ? 0 : (int) Records.number(records.get(0), "steps");
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("steps", steps);
        summary.put("lossWindow", plan.lossWindow());
        summary.put("spearmanSkipsVsLoss", Spearman.correlation(k, loss));
        List<Figure> figures = List.of(
                new Figure("skip-speed-loss", "Training loss with k convolutions replaced by skip_connect",
                        "step", "training loss (mean of the last " + plan.lossWindow() + " steps)",
                        StudyCharts.Kind.LINE, curves),
                new Figure("skip-speed-final", "Training loss after " + steps + " steps against k",
                        "k (skip_connect replacing convolutions)", "training loss", StudyCharts.Kind.SCATTER,
                        finals));
        run.finish(figures, summary, table);
    }

    static double tailMean(double[] v, int window) {
        int n = Math.min(window, v.length);
        double s = 0;
        for (int i = v.length - n; i < v.length; i++) {
            s += v[i];
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Step (1-based) against the mean of the last {@code window} steps' losses. */
    private static List<double[]> smoothed(double[] c, int window) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < c.length; i++) {
            double s = 0;
            int from = Math.max(0, i - window + 1);
            for (int j = from; j <= i; j++) {
                s += c[j];
            }
            pts.add(new double[]{i + 1, s / (i - from + 1)});
        }
        return pts;
    }

    /** The loss of every step, recovered from the running means the training reports. */
    static final class StepLosses implements TrainListener {
        private final List<Double> losses = new ArrayList<>();
        private double previousMean;

        @Override
        public void step(int epoch, int step, double runningMean, double trainAcc) {
            double loss = step == 0 ? runningMean : (step + 1) * runningMean - step * previousMean;
            previousMean = runningMean;
            losses.add(loss);
        }

        double[] values() {
            return losses.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
