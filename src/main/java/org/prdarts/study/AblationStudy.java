package org.prdarts.study;

import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.search.Method;
import org.prdarts.search.SearchConfig;
import org.prdarts.search.SearchJob;
import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.RandomCells;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Random;

/**
 * Which part of PR-DARTS matters (paper Fig. 1(e)), against DARTS and random cells: every variant
 * searches with the same budget and seeds, and every derived cell (and a uniformly random cell per
 * seed) is trained from scratch with one short recipe; test accuracy per variant.
 */
final class AblationStudy {
    /** Variant name and, for searched variants, (method, lambda-skip, lambda-nonskip, lambda-path) on/off. */
    enum Variant {
        DARTS("darts"), GATES("gates"), GATES_SPARSITY("gates+sparsity"), GATES_PATH("gates+path"),
        PRDARTS("prdarts"), RANDOM("random");

        final String label;

        Variant(String label) {
            this.label = label;
        }

        String dirName() {
            return label.replace('+', '-');
        }
    }

    private AblationStudy() {
    }

    /** The search of a variant: DARTS, or PR-DARTS with the regularizers the variant keeps. */
    static SearchJob searchJob(SearchJob base, Variant v, long seed) {
        SearchJob job = StudyPresets.searchJob(base, v == Variant.DARTS ? Method.DARTS : Method.PRDARTS, seed);
        SearchConfig s = job.search();
        RegularizerConfig r = s.regularizer();
        boolean sparsity = v == Variant.GATES_SPARSITY || v == Variant.PRDARTS;
        boolean path = v == Variant.GATES_PATH || v == Variant.PRDARTS;
        return job.withSearch(s.withLambdas(sparsity ? r.lambdaSkip() : 0, sparsity ? r.lambdaNonSkip() : 0,
                path ? r.lambdaPath() : 0));
    }

    static void run(StudyRun run) {
        StudyPlan plan = run.plan();
        Map<String, Supplier<Map<String, Object>>> work = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            for (Variant v : Variant.values()) {
                String name = v.dirName() + "-seed" + seed;
                work.put(name, () -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    Genotype g;
                    if (v == Variant.RANDOM) {
                        g = RandomCells.genotype(plan.search().ops(), plan.search().nodes(), new Random(seed));
                    } else {
                        SearchJob job = searchJob(plan.search(), v, seed);
                        m.put("search", CollapseStudy.searchRecord(run.search("search-" + name, job), job));
                        g = GenotypeFormat.parse(Records.text(Records.map(m.get("search")), "genotype"));
                    }
                    TrainJob train = StudyPresets.trainJob(plan.train(), g, "ablation " + v.label, seed);
                    TrainResult t = run.train("train-" + name, train, org.prdarts.train.TrainListener.SILENT, true);
                    m.put("kind", "search+train");
                    m.put("variant", v.label);
                    m.put("seed", seed);
                    m.put("genotype", GenotypeFormat.format(g));
                    m.put("skipNormal", CellStats.skipCount(g.normal()));
                    m.put("parametricDepthNormal", CellStats.parametricDepth(g.normal()));
                    m.put("nodeDepthNormal", CellStats.nodeDepth(g.normal()));
                    if (m.get("search") != null) {
                        Map<String, Object> search = Records.map(m.get("search"));
                        m.put("decidedBeyondNullNormal", search.get("decidedBeyondNullNormal"));
                        m.put("decidedNodesNormal", search.get("decidedNodesNormal"));
                    }
                    m.put("testAcc", t.evaluation().accuracy());
                    m.put("params", t.size().params());
                    m.put("trainSeconds", t.seconds());
                    m.put("trainRunDir", t.runDir().toString());
                    return m;
                });
            }
        }
        List<Map<String, Object>> records = run.all(work);
        List<Map<String, Object>> table = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        List<double[]> means = new ArrayList<>();
        Variant[] variants = Variant.values();
        for (int i = 0; i < variants.length; i++) {
            Variant v = variants[i];
            List<Map<String, Object>> mine = records.stream().filter(r -> v.label.equals(r.get("variant"))).toList();
            double[] acc = mine.stream().mapToDouble(r -> Records.number(r, "testAcc")).toArray();
            Records.Stats s = Records.Stats.of(acc);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", v.label);
            row.put("seeds", acc.length);
            row.put("testAccMean", s.mean());
            row.put("testAcc", s);
            if (i > 0) {
                // every variant against the first (DARTS), seed by seed
                row.put("testAccMinusFirst", CollapseStudy.paired(records, "variant", variants[0].label, v.label,
                        "testAcc"));
            }
            row.put("testAccStd", s.std());
            row.put("testAccMin", s.min());
            row.put("testAccMax", s.max());
            row.put("skipNormalMean", Records.Stats.of(mine.stream()
                    .mapToDouble(r -> Records.number(r, "skipNormal")).toArray()).mean());
            row.put("parametricDepthNormalMean", Records.Stats.of(mine.stream()
                    .mapToDouble(r -> Records.number(r, "parametricDepthNormal")).toArray()).mean());
            row.put("nodeDepthNormalMean", Records.Stats.of(mine.stream()
                    .mapToDouble(r -> Records.number(r, "nodeDepthNormal")).toArray()).mean());
            row.put("decidedBeyondNullNormalMean", Records.Stats.of(mine.stream()
                    .filter(r -> r.get("decidedBeyondNullNormal") != null)
                    .mapToDouble(r -> Records.number(r, "decidedBeyondNullNormal")).toArray()).mean());
            row.put("agreement", CollapseStudy.agreement(mine, plan.search().ops()));
            row.put("paramsMean", Records.Stats.of(mine.stream()
                    .mapToDouble(r -> Records.number(r, "params")).toArray()).mean());
            table.add(row);
            List<double[]> pts = new ArrayList<>();
            for (double a : acc) {
                pts.add(new double[]{i, 100 * a});
            }
            series.add(new Series(i + " = " + v.label, pts));
            means.add(new double[]{i, 100 * s.mean()});
        }
        series.add(new Series("mean", means));
        Figure f = new Figure("ablation-accuracy", "Test accuracy of the derived cells, trained from scratch",
                "variant (0 darts, 1 gates, 2 +sparsity, 3 +path, 4 prdarts, 5 random)", "test accuracy (%)",
                StudyCharts.Kind.SCATTER, series);
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Map<String, Object> row : table) {
            summary.put((String) row.get("variant"), row.get("testAcc"));
        }
        run.finish(List.of(f), summary, table);
    }
}
