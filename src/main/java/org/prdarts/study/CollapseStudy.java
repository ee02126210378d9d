package org.prdarts.study;

import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.search.HessianIndicator;
import org.prdarts.search.Method;
import org.prdarts.search.SearchEpoch;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchResult;
import org.prdarts.space.CellAgreement;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.ops.Primitives;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Does DARTS collapse to skip connections and PR-DARTS not? Both methods search with the same data,
 * budget and seeds; per epoch the derived normal cell's skip count, parametric depth (convolutions
 * on the longest path) and node depth (skips included), and the strength the method gives
 * skip_connect (DARTS: mean softmax weight over the edges; PR-DARTS: mean P(g != 0) at the fixed
 * tau = 1, beside the mean gate logit beta). P(g != 0) at the epoch's own tau is not used: it
 * falls with the temperature schedule whatever the gates learn.
 */
final class CollapseStudy {
    static final List<String> METHODS = List.of("darts", "prdarts");

    private CollapseStudy() {
    }

    static void run(StudyRun run) {
        StudyPlan plan = run.plan();
        Map<String, Supplier<Map<String, Object>>> work = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            for (String method : METHODS) {
                SearchJob job = StudyPresets.searchJob(plan.search(), Method.parse("method", method), seed);
                String name = method + "-seed" + seed;
                work.put(name, () -> searchRecord(run.search(name, job), job));
            }
        }
        List<Map<String, Object>> records = run.all(work);
        // a time budget fits its own number of epochs, which may exceed the plan's
        int epochs = Math.max(plan.search().search().epochs(), records.stream()
                .mapToInt(r -> Records.list(r.get("epochs")).size()).max().orElse(0));
        List<Figure> figures = new ArrayList<>(List.of(
                perEpoch(records, "collapse-skip", "Skip connections in the derived normal cell", "skip_connect count",
                        "skipNormal", epochs),
                perEpoch(records, "collapse-depth", "Parametric depth of the derived normal cell",
                        "convolutions on the longest path", "parametricDepthNormal", epochs),
                perEpoch(records, "collapse-node-depth", "Node depth of the derived normal cell (skips included)",
                        "nodes on the longest chain", "nodeDepthNormal", epochs),
                perEpoch(records, "collapse-skip-strength",
                        "Strength of skip_connect (DARTS softmax weight, PR-DARTS P(g != 0) at tau = 1)",
                        "mean over edges", "skipStrength", epochs)));
        boolean hessian = records.stream().anyMatch(r -> r.containsKey("earlyStopFired"));
        if (hessian) {
            figures.add(perEpoch(records, "collapse-hessian", "Largest Hessian eigenvalue of the validation loss in "
                    + "the architecture (DARTS-ES watches it)", "eigenvalue", "archHessianEigenvalue", epochs));
        }
        List<Map<String, Object>> table = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String method : METHODS) {
            List<Map<String, Object>> mine = records.stream().filter(r -> method.equals(r.get("method"))).toList();
            for (Map<String, Object> r : mine) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", method);
                row.put("seed", r.get("seed"));
                List<Map<String, Object>> h = Records.list(r.get("epochs"));
                row.put("skipFirstEpoch", h.get(0).get("skipNormal"));
                row.put("skipLastEpoch", h.get(h.size() - 1).get("skipNormal"));
                row.put("parametricDepthLastEpoch", h.get(h.size() - 1).get("parametricDepthNormal"));
                row.put("nodeDepthLastEpoch", h.get(h.size() - 1).get("nodeDepthNormal"));
                row.put("skipStrengthFirstEpoch", h.get(0).get("skipStrength"));
                row.put("skipStrengthLastEpoch", h.get(h.size() - 1).get("skipStrength"));
                row.put("validAcc", r.get("validAcc"));
                row.put("derivedHeldOutAcc", r.get("derivedHeldOutAcc"));
                row.put("archSpreadNormal", r.get("archSpreadNormal"));
                row.put("marginsNormal", r.get("marginsNormal"));
                row.put("decidedNodesNormal", r.get("decidedNodesNormal"));
                row.put("decidedBeyondNullNormal", r.get("decidedBeyondNullNormal"));
                row.put("epochSkipsStayAtLeast2", r.get("epochSkipsStayAtLeast2"));
                if (hessian) {
                    for (String key : List.of("earlyStopFired", "earlyStopEpoch", "earlyStopKeptEpoch",
                            "skipEarlyStopCell", "parametricDepthEarlyStopCell")) {
                        row.put(key, r.get(key));
                    }
                }
                row.put("seconds", r.get("seconds"));
                row.put("epochCount", h.size());
                row.put("genotype", r.get("genotype"));
                table.add(row);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("skipLastEpoch", Records.Stats.of(column(table, method, "skipLastEpoch")));
            s.put("parametricDepthLastEpoch", Records.Stats.of(column(table, method, "parametricDepthLastEpoch")));
            s.put("nodeDepthLastEpoch", Records.Stats.of(column(table, method, "nodeDepthLastEpoch")));
            s.put("skipStrengthLastEpoch", Records.Stats.of(column(table, method, "skipStrengthLastEpoch")));
            s.put("decidedBeyondNullNormal", Records.Stats.of(column(table, method, "decidedBeyondNullNormal")));
            s.put("agreement", agreement(mine, plan.search().ops()));
            summary.put(method, s);
        }
        Map<String, Object> paired = new LinkedHashMap<>();
        for (String key : List.of("derivedHeldOutAcc", "skipLastEpoch", "parametricDepthLastEpoch",
                "nodeDepthLastEpoch")) {
            paired.put(key, paired(table, "method", "darts", "prdarts", key));
        }
        summary.put("prdartsMinusDarts", paired);
        run.finish(figures, summary, table);
    }

    /**
     * Arm b minus arm a, seed by seed over the seeds both arms hold ({@link Records.Paired}).
     *
     * @param arm the row field naming the arm ("method", "variant")
     */
    static Records.Paired paired(List<Map<String, Object>> table, String arm, String a, String b, String key) {
        Map<Double, Double> av = new java.util.TreeMap<>();
        Map<Double, Double> bv = new java.util.TreeMap<>();
        for (Map<String, Object> r : table) {
            if (a.equals(r.get(arm))) {
                av.put(Records.number(r, "seed"), Records.number(r, key));
            } else if (b.equals(r.get(arm))) {
                bv.put(Records.number(r, "seed"), Records.number(r, key));
            }
        }
        av.keySet().retainAll(bv.keySet());
        double[] x = av.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = av.keySet().stream().mapToDouble(bv::get).toArray();
        return Records.Paired.of(b + " - " + a + " (" + key + ")", x, y);
    }

    static Map<String, Object> searchRecord(SearchResult r, SearchJob job) {
        int skip = job.ops().indexOf(Primitives.SKIP_CONNECT);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (SearchEpoch h : r.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", h.epoch());
            e.put("skipNormal", h.facts().skipNormal());
            e.put("parametricDepthNormal", h.facts().parametricDepthNormal());
            e.put("nodeDepthNormal", h.facts().nodeDepthNormal());
            if (h.facts() instanceof SearchEpoch.PrDartsFacts p) {
                e.put("skipStrength", p.pAtTau1SkipNormal());
                e.put("meanBetaSkipNormal", p.meanBetaSkipNormal());
                e.put("meanBetaNonSkipNormal", p.meanBetaNonSkipNormal());
            } else {
                e.put("skipStrength", skipWeight(h.facts().scoresNormal(), skip));
            }
            e.put("validAcc", h.validAcc());
            e.put("derivedHeldOutAcc", h.derivedHeldOutAcc());
            e.put("archHessianEigenvalue", h.archHessianEigenvalue());
            e.put("genotype", h.facts().genotype());
            epochs.add(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "search");
        m.put("method", job.search().method().label());
        m.put("seed", job.search().seed());
        m.put("genotype", org.prdarts.space.GenotypeFormat.format(r.genotype()));
        m.put("skipNormal", org.prdarts.space.CellStats.skipCount(r.genotype().normal()));
        m.put("parametricDepthNormal", org.prdarts.space.CellStats.parametricDepth(r.genotype().normal()));
        m.put("nodeDepthNormal", org.prdarts.space.CellStats.nodeDepth(r.genotype().normal()));
        m.put("validAcc", r.last().validAcc());
        m.put("derivedHeldOutAcc", r.last().derivedHeldOutAcc());
        SearchEpoch.Architecture a = r.last().architecture();
        m.put("marginsNormal", a.marginsNormal());
        m.put("marginsReduce", a.marginsReduce());
        m.put("archNoise", a.archNoise());
        m.put("archSpreadNormal", a.archSpreadNormal());
        m.put("decidedNodesNormal", a.decidedNodesNormal());
        m.put("decidedBeyondNullNormal", a.decidedBeyondNullNormal());
        if (r.last().facts() instanceof SearchEpoch.PrDartsFacts p) {
            m.put("archGradientShares", p.archGradientShares());
        }
        m.put("epochSkipsStayAtLeast2", skipsStayAtLeast(r.history(), 2));
        m.putAll(earlyStop(r.history()));
        m.put("seconds", r.seconds());
        m.put("runDir", r.runDir().toString());
        m.put("epochs", epochs);
        return m;
    }

    /**
     * The first epoch from which the derived normal cell holds at least {@code skips}
     * skip connections to the end of the search; -1 when it never does.
     */
    static int skipsStayAtLeast(List<SearchEpoch> history, int skips) {
        int first = -1;
        for (SearchEpoch h : history) {
            if (h.facts().skipNormal() >= skips) {
                first = first < 0 ? h.epoch() : first;
            } else {
                first = -1;
            }
        }
        return first;
    }

    /**
     * DARTS-ES applied to a finished search's Hessian measurements, without stopping it: whether the
     * rule fires, the epoch whose measurement fires it, the epoch whose cell it keeps, and
     * that cell's skips and parametric depth. Empty when no eigenvalue was measured.
     */
    static Map<String, Object> earlyStop(List<SearchEpoch> history) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (history.stream().allMatch(e -> Double.isNaN(e.archHessianEigenvalue()))) {
            return m;
        }
        java.util.Optional<HessianIndicator.EarlyStop> stop = HessianIndicator.earlyStop(history);
        m.put("earlyStopFired", stop.isPresent());
        stop.ifPresent(s -> {
            Genotype g = GenotypeFormat.parse(s.kept().facts().genotype());
            m.put("earlyStopEpoch", s.fired().epoch());
            m.put("earlyStopKeptEpoch", s.kept().epoch());
            m.put("skipEarlyStopCell", org.prdarts.space.CellStats.skipCount(g.normal()));
            m.put("parametricDepthEarlyStopCell", org.prdarts.space.CellStats.parametricDepth(g.normal()));
        });
        return m;
    }

    /**
     * Cross-seed agreement of the derived cells of some records (each holding its "genotype"):
     * mean share of shared (node, input, op) pairs over seed pairs, normal and reduction, beside the
     * space's chance level ({@link CellAgreement}).
     */
    static Map<String, Object> agreement(List<Map<String, Object>> records, List<String> ops) {
        List<Genotype> cells = records.stream().map(r -> GenotypeFormat.parse(Records.text(r, "genotype"))).toList();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("seeds", cells.size());
        a.put("normal", CellAgreement.meanPairwise(cells.stream().map(Genotype::normal).toList()));
        a.put("reduce", CellAgreement.meanPairwise(cells.stream().map(Genotype::reduce).toList()));
        a.put("chance", cells.isEmpty() ? Double.NaN : CellAgreement.chance(cells.get(0).nodes(), ops));
        return a;
    }

    /** Mean of the skip column of a table over the normal cell's edges (DARTS: softmax weight). */
    private static double skipWeight(float[][] table, int skip) {
        if (skip < 0 || table == null) {
            return Double.NaN;
        }
        double sum = 0;
        for (float[] edge : table) {
            sum += edge[skip];
        }
        return sum / table.length;
    }

    private static double[] column(List<Map<String, Object>> table, String method, String key) {
        return table.stream().filter(r -> method.equals(r.get("method"))).mapToDouble(r -> Records.number(r, key))
                .toArray();
    }

    /** Per method the mean over seeds of a per-epoch value, and each seed's own curve. */
    private static Figure perEpoch(List<Map<String, Object>> records, String name, String title, String yLabel,
                                   String key, int epochs) {
        List<Series> series = new ArrayList<>();
        for (String method : METHODS) {
            List<Map<String, Object>> mine = records.stream().filter(r -> method.equals(r.get("method"))).toList();
            List<double[]> mean = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                double sum = 0;
                int n = 0;
                for (Map<String, Object> r : mine) {
                    List<Map<String, Object>> h = Records.list(r.get("epochs"));
                    if (e < h.size()) {
                        sum += Records.number(h.get(e), key);
                        n++;
                    }
                }
                mean.add(new double[]{e + 1, n == 0 ? Double.NaN : sum / n});
            }
            series.add(new Series(method + " (mean of " + mine.size() + " seeds)", mean));
            for (Map<String, Object> r : mine) {
                List<double[]> own = new ArrayList<>();
                List<Map<String, Object>> h = Records.list(r.get("epochs"));
                for (int e = 0; e < h.size(); e++) {
                    own.add(new double[]{e + 1, Records.number(h.get(e), key)});
                }
                series.add(new Series(method + " seed " + Math.round(Records.number(r, "seed")), own));
            }
        }
        return new Figure(name, title, "epoch", yLabel, StudyCharts.Kind.LINE, series);
    }
}
