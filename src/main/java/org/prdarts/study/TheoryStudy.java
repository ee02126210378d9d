package org.prdarts.study;

import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.repro.Json;
import org.prdarts.theory.TheoryConfig;
import org.prdarts.theory.TheoryExperiments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Theorems 1, 2 and 4 on the analytic cell model, one sub-run per seed (seconds each). */
final class TheoryStudy {
    /** Theorem 4 compares cells of this many nodes: two branches of depth 3 and 2 against a chain of 5. */
    static final int THEOREM4_NODES = 6;

    private TheoryStudy() {
    }

    static void run(StudyRun run) {
        StudyPlan plan = run.plan();
        Map<String, Supplier<Map<String, Object>>> work = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            TheoryConfig c = plan.theory().withSeed(seed);
            work.put("theory-seed" + seed, () -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("kind", "theory");
                m.put("seed", seed);
                m.put("theorem1", Json.toObject(TheoryExperiments.theorem1(c)));
                m.put("theorem2", Json.toObject(TheoryExperiments.theorem2(c)));
                m.put("theorem4", Json.toObject(TheoryExperiments.theorem4(c.withNodes(THEOREM4_NODES))));
                return Json.pretty().fromJson(Json.pretty().toJsonTree(m), Map.class);
            });
        }
        List<Map<String, Object>> records = run.all(work);
        List<Series> gram = new ArrayList<>();
        List<Series> rate = new ArrayList<>();
        List<Series> t2 = new ArrayList<>();
        List<Series> t4 = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        for (Map<String, Object> r : records) {
            long seed = Math.round(Records.number(r, "seed"));
            Map<String, Object> one = Records.map(r.get("theorem1"));
            Map<String, Object> two = Records.map(r.get("theorem2"));
            Map<String, Object> four = Records.map(r.get("theorem4"));
            List<Map<String, Object>> rows1 = Records.list(one.get("rows"));
            gram.add(scatter("all convolutions, seed " + seed, rows1, "lambda", "gramMinEigenvalue"));
            gram.add(scatter("last-node convolutions, seed " + seed, rows1, "lambda", "lastNodeGramMinEigenvalue"));
            rate.add(scatter("all convolutions, seed " + seed, rows1, "lambda", "contractionRate"));
            rate.add(scatter("last-node convolutions, seed " + seed, rows1, "lambda", "lastNodeContractionRate"));
            List<Map<String, Object>> rows2 = Records.list(two.get("rows"));
            for (String op : List.of("skip", "conv")) {
                t2.add(scatter(op + " gate raised, seed " + seed,
                        rows2.stream().filter(x -> op.equals(x.get("op"))).toList(), "loss", "raisedLoss"));
            }
            List<Map<String, Object>> rows4 = Records.list(four.get("rows"));
            if (!rows4.isEmpty()) {
                t4.add(curve("deep chain, seed " + seed, Records.numbers(rows4.get(0).get("deepLoss"))));
                t4.add(curve("two branches, seed " + seed, Records.numbers(rows4.get(0).get("shallowLoss"))));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seed", seed);
            row.put("configurations", rows1.size());
            row.put("spearmanGram", one.get("spearmanGram"));
            row.put("spearmanRate", one.get("spearmanRate"));
            row.put("spearmanLastNodeGram", one.get("spearmanLastNodeGram"));
            row.put("spearmanLastNodeRate", one.get("spearmanLastNodeRate"));
            row.put("theorem2SkipRaised", two.get("skipRaised"));
            row.put("theorem2SkipViolations", two.get("skipViolations"));
            row.put("theorem2ConvRaised", two.get("convRaised"));
            row.put("theorem2ConvViolations", two.get("convViolations"));
            row.put("theorem4Pairs", rows4.size());
            row.put("theorem4ShallowFaster", four.get("shallowFaster"));
            row.put("theorem4ShallowLargerGram", four.get("shallowLargerGram"));
            table.add(row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String key : List.of("spearmanGram", "spearmanRate", "spearmanLastNodeGram", "spearmanLastNodeRate")) {
            summary.put(key + "Mean", Records.Stats.of(table.stream().mapToDouble(t -> Records.number(t, key))
                    .toArray()).mean());
        }
        for (String key : List.of("theorem2SkipRaised", "theorem2SkipViolations", "theorem2ConvRaised",
                "theorem2ConvViolations", "theorem4Pairs", "theorem4ShallowFaster", "theorem4ShallowLargerGram")) {
            summary.put(key, table.stream().mapToDouble(t -> Records.number(t, key)).sum());
        }
        List<Figure> figures = List.of(
                new Figure("theory-gram", "Theorem 1: smallest Gram eigenvalue at initialisation against lambda",
                        "lambda (theorem)", "smallest eigenvalue of J J^T", StudyCharts.Kind.SCATTER, gram),
                new Figure("theory-rate", "Theorem 1: measured contraction of gradient descent against lambda",
                        "lambda (theorem)", "1 - (F(K)/F(0))^(1/K)", StudyCharts.Kind.SCATTER, rate),
                new Figure("theory-gates", "Theorem 2: loss after raising one gate against the loss before",
                        "loss after K steps", "loss after K steps, one gate raised", StudyCharts.Kind.SCATTER, t2),
                new Figure("theory-depth", "Theorem 4: deep chain against two branches, same gates",
                        "gradient-descent step", "loss F", StudyCharts.Kind.LINE, t4));
        run.finish(figures, summary, table);
    }

    private static Series scatter(String name, List<Map<String, Object>> rows, String x, String y) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            pts.add(new double[]{Records.number(r, x), Records.number(r, y)});
        }
        return new Series(name, pts);
    }

    private static Series curve(String name, double[] v) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < v.length; i++) {
            pts.add(new double[]{i, v[i]});
        }
        return new Series(name, pts);
    }
}
