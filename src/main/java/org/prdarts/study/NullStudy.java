package org.prdarts.study;

import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.search.InstrumentConfig;
import org.prdarts.search.Method;
import org.prdarts.search.SearchEpoch;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchResult;
import org.prdarts.search.derive.NullCalibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What "decided" means when checked: every method searches twice per seed, once on the data and
 * once with the labels shuffled (a null search, the same data, budget and seed, nothing to learn).
 * Per epoch the null's node margins, pooled over seeds and both cells, give the 95th percentile a
 * real margin must exceed to be decided; the analytic bound of the Decidedness noise model (2 x
 * the random-walk noise scale) is set beside it, and the real search's decided nodes are counted
 * against both.
 */
final class NullStudy {
    static final List<String> METHODS = List.of("darts", "prdarts");
    static final double QUANTILE = 0.95;

    private NullStudy() {
    }

    static void run(StudyRun run) {
        StudyPlan plan = run.plan();
        Map<String, Supplier<Map<String, Object>>> work = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            for (String method : METHODS) {
                for (boolean shuffled : new boolean[] {false, true}) {
                    SearchJob base = StudyPresets.searchJob(plan.search(), Method.parse("method", method), seed);
                    InstrumentConfig i = base.search().instruments();
                    SearchJob job = base.withSearch(base.search().withInstruments(new InstrumentConfig(
                            i.hessianEvery(), i.hessianIterations(), i.hessianEarlyStop(), shuffled)));
                    String name = method + (shuffled ? "-null" : "") + "-seed" + seed;
                    work.put(name, () -> record(run.search(name, job), method, seed, shuffled));
                }
            }
        }
        List<Map<String, Object>> records = run.all(work);
        int epochs = plan.search().search().epochs();
        List<Series> series = new ArrayList<>();
        List<Map<String, Object>> table = new ArrayList<>();
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String method : METHODS) {
            List<double[]> nullLine = new ArrayList<>();
            List<double[]> analyticLine = new ArrayList<>();
            List<double[]> realLine = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                double[] nul = pooled(records, method, true, e);
                double[] real = pooled(records, method, false, e);
                if (nul.length == 0 || real.length == 0) {
                    continue;
                }
                double threshold = NullCalibration.quantile(nul, QUANTILE);
                double analytic = 2 * mean(records, method, false, e, "archNoise");
                int decided = NullCalibration.decided(real, threshold);
                int decidedAnalytic = NullCalibration.decided(real, analytic);
                int nullDecidedAnalytic = NullCalibration.decided(nul, analytic);
                nullLine.add(new double[] {e + 1, threshold});
                analyticLine.add(new double[] {e + 1, analytic});
                realLine.add(new double[] {e + 1, max(real)});
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("method", method);
                row.put("epoch", e + 1);
                row.put("nullMarginQ95", threshold);
                row.put("analyticThreshold", analytic);
                row.put("realNodes", real.length);
                row.put("decidedAgainstNull", decided);
                row.put("decidedAgainstAnalytic", decidedAnalytic);
                row.put("nullNodesPassingAnalytic", nullDecidedAnalytic);
                row.put("nullSpreadNormalMean", mean(records, method, true, e, "archSpreadNormal"));
                row.put("realSpreadNormalMean", mean(records, method, false, e, "archSpreadNormal"));
                table.add(row);
            }
            series.add(new Series(method + " null 95th percentile", nullLine));
            series.add(new Series(method + " analytic threshold", analyticLine));
            series.add(new Series(method + " real, largest margin", realLine));
            if (!table.isEmpty()) {
                Map<String, Object> last = table.get(table.size() - 1);
                Map<String, Object> s = new LinkedHashMap<>(last);
                s.put("conclusion", ((Number) last.get("decidedAgainstNull")).intValue() == 0
                        ? Records.Paired.NO_CONCLUSION : "some nodes decided beyond the null");
                summary.put(method, s);
            }
        }
        Figure f = new Figure("null-margins", "Node margins: the null search's 95th percentile, the analytic bound "
                + "and the real search's largest margin", "epoch", "margin (logit units)", StudyCharts.Kind.LINE,
                series);
        run.finish(List.of(f), summary, table);
    }

    private static Map<String, Object> record(SearchResult r, String method, long seed, boolean shuffled) {
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (SearchEpoch h : r.history()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", h.epoch());
            e.put("marginsNormal", h.architecture().marginsNormal());
            e.put("marginsReduce", h.architecture().marginsReduce());
            e.put("archNoise", h.architecture().archNoise());
            e.put("archSpreadNormal", h.architecture().archSpreadNormal());
            e.put("archSpreadReduce", h.architecture().archSpreadReduce());
            epochs.add(e);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "search");
        m.put("method", method);
        m.put("seed", seed);
        m.put("shuffledLabels", shuffled);
        m.put("runDir", r.runDir().toString());
        m.put("epochs", epochs);
        return m;
    }

    /** Every node margin of one epoch over the seeds and both cells of the real or the null searches. */
    private static double[] pooled(List<Map<String, Object>> records, String method, boolean shuffled, int epoch) {
        List<double[]> parts = new ArrayList<>();
        for (Map<String, Object> r : arm(records, method, shuffled)) {
            List<Map<String, Object>> h = Records.list(r.get("epochs"));
            if (epoch < h.size()) {
                parts.add(Records.numbers(h.get(epoch).get("marginsNormal")));
                parts.add(Records.numbers(h.get(epoch).get("marginsReduce")));
            }
        }
        return NullCalibration.pool(parts.toArray(new double[0][]));
    }

    private static double mean(List<Map<String, Object>> records, String method, boolean shuffled, int epoch,
                               String key) {
        double sum = 0;
        int n = 0;
        for (Map<String, Object> r : arm(records, method, shuffled)) {
            List<Map<String, Object>> h = Records.list(r.get("epochs"));
            if (epoch < h.size()) {
                sum += Records.number(h.get(epoch), key);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static List<Map<String, Object>> arm(List<Map<String, Object>> records, String method, boolean shuffled) {
        return records.stream().filter(r -> method.equals(r.get("method"))
                && Boolean.valueOf(shuffled).equals(r.get("shuffledLabels"))).toList();
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
