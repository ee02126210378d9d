package org.prdarts.study;

import com.google.gson.JsonParser;
import org.prdarts.report.StudyCharts;
import org.prdarts.report.StudyCharts.Figure;
import org.prdarts.report.StudyCharts.Series;
import org.prdarts.repro.RunDirectory;
import org.prdarts.search.InstrumentConfig;
import org.prdarts.search.Method;
import org.prdarts.search.SearchEpoch;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchResult;
import org.prdarts.search.derive.NullCalibration;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.RandomCells;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainListener;
import org.prdarts.train.TrainResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Does searching beat picking a cell at random, on this data, at this budget? DARTS and PR-DARTS
 * search with the same budget (the plan's, a wall-clock time by default) once per search seed; a
 * null search per method (labels shuffled, the first seed) gives the margin a node must exceed to
 * count as decided; the plan's random cells are drawn once from the same space (random seeds 1..n);
 * every cell, searched or random, is trained from scratch with one recipe once per training seed.
 * Per method: the mean accuracy of its cells, the difference to the random cells' mean with a
 * bootstrap 95 % interval, the relative improvement over random (Yang et al., ICLR 2020), cross-seed
 * agreement, decided nodes and the Hessian indicator where measured.
 */
final class SearchQualityStudy {
    static final List<Method> METHODS = List.of(Method.DARTS, Method.PRDARTS);
    static final String RANDOM = "random";
    /** Bootstrap resamples of the difference to random. */
    static final int RESAMPLES = 10_000;
    /** The interval half-width the training seeds are sized for: 0.3 accuracy points. */
    static final double TARGET_HALF_WIDTH = 0.003;
    /** The verdict of a study still running. */
    static final String NOT_COMPLETE = "study not complete: no verdict yet";

    private SearchQualityStudy() {
    }

    /**
     * Runs the study: pass after pass over its sub-runs, each pass running those no other worker
     * runs, until every one has a record; then the summary. One process finishes in one pass; a
     * second process resuming the same study takes the sub-runs the first has not claimed.
     */
    static void run(StudyRun run) {
        run.summariseSoFar(done -> summarySoFar(run.dir(), run.plan(), done));
        List<String> pending = new ArrayList<>();
        while (!pass(run, pending)) {
            run.awaitOthers(pending);
            pending.clear();
        }
    }

    /** One pass; true when every sub-run had a record and the study was summarised. */
    private static boolean pass(StudyRun run, List<String> pending) {
        StudyPlan plan = run.plan();
        List<Map<String, Object>> searches = new ArrayList<>();
        List<Map<String, Object>> nulls = new ArrayList<>();
        // cells to train: arm, cell name, genotype
        List<String[]> cells = new ArrayList<>();
        // seed by seed, both methods: a study stopped early holds as many searches of each; the nulls
        // come after the real searches
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (long seed : plan.seeds()) {
            for (Method method : METHODS) {
                String name = searchName(method, seed);
                SearchJob job = StudyPresets.searchJob(plan.search(), method, seed);
                run.tryOnce(name, () -> searchRecord(run.search(name, job), job, false))
                        .ifPresentOrElse(rec -> byName.put(name, rec), () -> pending.add(name));
            }
        }
        for (Method method : METHODS) {
            long seed = plan.seeds().get(0);
            String name = nullName(method, plan);
            SearchJob base = StudyPresets.searchJob(plan.search(), method, seed);
            InstrumentConfig i = base.search().instruments();
            SearchJob job = base.withSearch(base.search().withInstruments(new InstrumentConfig(i.hessianEvery(),
                    i.hessianIterations(), i.hessianEarlyStop(), true)));
            run.tryOnce(name, () -> searchRecord(run.search(name, job), job, true))
                    .ifPresentOrElse(nulls::add, () -> pending.add(name));
        }
        searchedCells(plan, byName, searches, cells);
        cells.addAll(randomCells(plan));
        String[] probe = cells.stream().filter(c -> RANDOM.equals(c[0])).findFirst().orElseThrow();
        Map<Long, Map<String, Object>> probeRuns = new LinkedHashMap<>();
        for (long seed : probeSeeds(plan)) {
            train(run, plan, probe, seed).ifPresentOrElse(t -> probeRuns.put(seed, t),
                    () -> pending.add(trainName(probe, seed)));
        }
        // until the probe's trainings are in, the seeds every cell gets in any case: the plan's
        List<Long> trainSeeds = probeRuns.size() < probeSeeds(plan).size() ? plan.trainSeeds()
                : sizedTrainSeeds(plan, seed -> Records.number(probeRuns.get(seed), "testAcc"));
        // the probe's trainings with seeds the other cells do not get count in its mean too
        List<Map<String, Object>> trainings = new ArrayList<>();
        probeRuns.forEach((seed, t) -> {
            if (!trainSeeds.contains(seed)) {
                trainings.add(t);
            }
        });
        for (long trainSeed : trainSeeds) {
            for (String[] cell : cells) {
                train(run, plan, cell, trainSeed).ifPresentOrElse(trainings::add,
                        () -> pending.add(trainName(cell, trainSeed)));
            }
        }
        if (!pending.isEmpty()) {
            return false;
        }
        Summary done = summary(run.dir(), plan, cells, searches, nulls, trainings, true);
        run.finish(List.of(done.figure()), done.summary(), done.table());
        return true;
    }

    private static String searchName(Method method, long seed) {
        return "search-" + method.label() + "-seed" + seed;
    }

    private static String nullName(Method method, StudyPlan plan) {
        return "null-" + method.label() + "-seed" + plan.seeds().get(0);
    }

    /**
     * The searches among {@code records}, method by method and seed by seed, into {@code searches},
     * and their cells (arm, cell name, genotype) into {@code cells}.
     */
    private static void searchedCells(StudyPlan plan, Map<String, Map<String, Object>> records,
                                      List<Map<String, Object>> searches, List<String[]> cells) {
        for (Method method : METHODS) {
            for (long seed : plan.seeds()) {
                Map<String, Object> rec = records.get(searchName(method, seed));
                if (rec != null) {
                    searches.add(rec);
                    cells.add(new String[] {method.label(), method.label() + "-seed" + seed,
                        Records.text(rec, "genotype")});
                }
            }
        }
    }

    /** The plan's random cells, drawn once from the search space with random seeds 1..n. */
    private static List<String[]> randomCells(StudyPlan plan) {
        List<String[]> cells = new ArrayList<>();
        for (int r = 1; r <= plan.randomCells(); r++) {
            Genotype g = RandomCells.genotype(plan.search().ops(), plan.search().nodes(), new Random(r));
            cells.add(new String[] {RANDOM, RANDOM + "-" + r, GenotypeFormat.format(g)});
        }
        return cells;
    }

    /**
     * The summary of the sub-runs a study has finished so far (study.json's {@code summarySoFar},
     * rewritten with every record while the study runs): the searches' decided nodes against the
     * null, agreement, epochs and time as soon as they are in, and the accuracy of every cell
     * trained so far, with no verdict until the study is complete.
     */
    static Map<String, Object> summarySoFar(Path studyDir, StudyPlan plan, Map<String, Map<String, Object>> done) {
        List<Map<String, Object>> searches = new ArrayList<>();
        List<String[]> cells = new ArrayList<>();
        searchedCells(plan, done, searches, cells);
        cells.addAll(randomCells(plan));
        List<Map<String, Object>> nulls = METHODS.stream().map(m -> done.get(nullName(m, plan)))
                .filter(java.util.Objects::nonNull).toList();
        List<Map<String, Object>> trainings = done.values().stream().filter(r -> "train".equals(r.get("kind")))
                .toList();
        return summary(studyDir, plan, cells, searches, nulls, trainings, false).summary();
    }

    /** Training seeds measured on one fixed cell before the others are trained. */
    static final int PROBE_SEEDS = 3;

    /**
     * The probe cell's training seeds: the plan's, and when the plan allows more
     * ({@code maxTrainSeeds}), seeds up to {@value #PROBE_SEEDS} (one above the largest each), so
     * that its spread is measured on at least 3.
     */
    static List<Long> probeSeeds(StudyPlan plan) {
        List<Long> seeds = new ArrayList<>(plan.trainSeeds());
        while (seeds.size() < Math.min(PROBE_SEEDS, plan.maxTrainSeeds())) {
            seeds.add(seeds.stream().mapToLong(Long::longValue).max().orElse(0) + 1);
        }
        return seeds;
    }

    /**
     * The training seeds every cell is trained with: the plan's; when the plan allows more
     * ({@code maxTrainSeeds}), the first random cell is trained first with the {@link #probeSeeds}, and
     * seeds are added to the plan's (one above the largest each) up to what its spread needs for a
     * +-0.3-point interval ({@link #trainSeedsFor}), at most {@code maxTrainSeeds}. The probe's
     * trainings are sub-runs like the others, so a resumed study sizes the same way.
     */
    static List<Long> sizedTrainSeeds(StudyPlan plan, java.util.function.LongToDoubleFunction probeAccuracy) {
        List<Long> seeds = new ArrayList<>(plan.trainSeeds());
        if (plan.maxTrainSeeds() <= plan.trainSeeds().size()) {
            return seeds;
        }
        double sd = Records.Stats.of(probeSeeds(plan).stream().mapToDouble(probeAccuracy::applyAsDouble).toArray())
                .std();
        int needed = trainSeedsFor(sd, plan.seeds().size(), plan.randomCells());
        while (seeds.size() < Math.min(needed, plan.maxTrainSeeds())) {
            seeds.add(seeds.stream().mapToLong(Long::longValue).max().orElse(0) + 1);
        }
        return seeds;
    }

    private static String trainName(String[] cell, long trainSeed) {
        return "train-" + cell[1] + "-t" + trainSeed;
    }

    /** One cell trained from scratch with one training seed (a resumable sub-run). */
    private static Optional<Map<String, Object>> train(StudyRun run, StudyPlan plan, String[] cell,
                                                                 long trainSeed) {
        String name = trainName(cell, trainSeed);
        return run.tryOnce(name, () -> {
            Genotype g = GenotypeFormat.parse(cell[2]);
            TrainJob job = StudyPresets.trainJob(plan.train(), g, "search-quality " + cell[1], trainSeed);
            TrainResult t = run.train(name, job, TrainListener.SILENT, true);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "train");
            m.put("arm", cell[0]);
            m.put("cell", cell[1]);
            m.put("trainSeed", trainSeed);
            m.put("genotype", cell[2]);
            m.put("skipNormal", CellStats.skipCount(g.normal()));
            m.put("parametricDepthNormal", CellStats.parametricDepth(g.normal()));
            m.put("testAcc", t.evaluation().accuracy());
            m.put("params", t.size().params());
            m.put("trainSeconds", t.seconds());
            m.put("runDir", t.runDir().toString());
            return m;
        });
    }

    /**
     * A search's time: the sum of its epochs' seconds, which every process that worked on it wrote
     * (records of searches resumed before runs kept their total counted only the last process), from
     * the record's {@code epochSeconds} or its metrics.jsonl, and never less than the record's own.
     * The record alone suffices, so a study's summary holds when its run directories are gone.
     */
    static double searchSeconds(Path studyDir, Map<String, Object> record) {
        double recorded = Records.number(record, "seconds");
        if (record.get("epochSeconds") instanceof Number n) {
            recorded = Math.max(recorded, n.doubleValue());
        }
        Path metrics = studyDir.resolve(Records.text(record, "name"))
                .resolve(RunDirectory.METRICS);
        if (!Files.isReadable(metrics)) {
            return recorded;
        }
        try (Stream<String> lines = Files.lines(metrics)) {
            double epochs = lines.filter(l -> !l.isBlank())
                    .mapToDouble(l -> JsonParser.parseString(l).getAsJsonObject().get("seconds")
                            .getAsDouble())
                    .sum();
            return Math.max(recorded, epochs);
        } catch (IOException | RuntimeException e) {
            return recorded;
        }
    }

    /** A study's summary, its per-cell table and its figure. */
    record Summary(Map<String, Object> summary, List<Map<String, Object>> table, Figure figure) {
    }

    /**
     * The summary of the given records; {@code complete} when every planned sub-run is among them.
     * Parts whose records are missing (a null search, trainings) are left out, and an incomplete
     * study gets no verdict: its intervals would change with the cells still to come.
     */
    static Summary summary(Path studyDir, StudyPlan plan, List<String[]> cells,
                           List<Map<String, Object>> searches, List<Map<String, Object>> nulls,
                           List<Map<String, Object>> trainings, boolean complete) {
        // per cell: mean test accuracy over the training seeds, and the spread between them
        Map<String, double[]> byCell = new LinkedHashMap<>();
        for (String[] cell : cells) {
            byCell.put(cell[1], trainings.stream().filter(t -> cell[1].equals(t.get("cell")))
                    .mapToDouble(t -> Records.number(t, "testAcc")).toArray());
        }
        List<Map<String, Object>> table = new ArrayList<>();
        double pooledVariance = 0;
        int pooledCells = 0;
        for (String[] cell : cells) {
            double[] acc = byCell.get(cell[1]);
            Records.Stats s = Records.Stats.of(acc);
            if (acc.length > 1) {
                pooledVariance += s.std() * s.std();
                pooledCells++;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("arm", cell[0]);
            row.put("cell", cell[1]);
            row.put("genotype", cell[2]);
            row.put("testAcc", s);
            table.add(row);
        }
        double trainSeedSd = pooledCells > 0 ? Math.sqrt(pooledVariance / pooledCells) : Double.NaN;
        double[] random = cellMeans(cells, byCell, RANDOM);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("budget", plan.search().search().timeBudgetSeconds() > 0
                ? "equal wall-clock: " + plan.search().search().timeBudgetSeconds() + " s of search per method and seed"
                : "equal epochs: " + plan.search().search().epochs() + " per method and seed");
        summary.put("random", Records.Stats.of(random));
        summary.put("trainSeedSd", trainSeedSd);
        if (!complete) {
            summary.put("trainings", trainings.size());
        }
        summary.put("trainSeeds", trainings.stream().map(t -> (long) Records.number(t, "trainSeed")).distinct()
                .count());
        List<Series> series = new ArrayList<>();
        series.add(points("0 = random cells", 0, random));
        int x = 1;
        for (Method method : METHODS) {
            String arm = method.label();
            double[] searched = cellMeans(cells, byCell, arm);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("accuracy", Records.Stats.of(searched));
            Bootstrap.Interval d = Bootstrap.differenceOfMeans(searched, random, RESAMPLES, 20261205L);
            m.put("differenceToRandom", d);
            double randomMean = Records.Stats.of(random).mean();
            m.put("relativeImprovementPercent", 100 * (Records.Stats.of(searched).mean() - randomMean) / randomMean);
            m.put("verdict", !complete ? NOT_COMPLETE : !(d.low() > 0 || d.high() < 0) ? Records.Paired.NO_CONCLUSION
                    : d.mean() > 0 ? "better than random cells at 95 %" : "worse than random cells at 95 %");
            List<Map<String, Object>> mine = searches.stream().filter(r -> arm.equals(r.get("method"))).toList();
            m.put("agreement", CollapseStudy.agreement(mine, plan.search().ops()));
            nulls.stream().filter(r -> arm.equals(r.get("method"))).findFirst().ifPresent(nul -> {
                double threshold = NullCalibration.quantile(NullCalibration.pool(
                        Records.numbers(nul.get("marginsNormal")), Records.numbers(nul.get("marginsReduce"))),
                        NullStudy.QUANTILE);
                m.put("nullMarginQ95", threshold);
                m.put("decidedNodesNormal", mine.stream().map(r -> NullCalibration.decided(
                        Records.numbers(r.get("marginsNormal")), threshold)).toList());
            });
            m.put("decidedNodesNormalAnalytic", mine.stream().map(r -> (int) Records.number(r, "decidedNodesNormal"))
                    .toList());
            m.put("archHessianEigenvalue", mine.stream().map(r -> Records.number(r, "archHessianEigenvalue")).toList());
            m.put("searchSeconds", Records.Stats.of(mine.stream().mapToDouble(r -> searchSeconds(studyDir, r))
                    .toArray()));
            m.put("epochs", mine.stream().map(r -> (int) Records.number(r, "epochCount")).toList());
            m.put("parametricDepthNormal", mine.stream().map(r -> (int) Records.number(r, "parametricDepthNormal"))
                    .toList());
            summary.put(arm, m);
            series.add(points(x + " = " + arm, x, searched));
            x++;
        }
        int n = (int) Math.max(1, plan.seeds().size());
        summary.put("trainSeedsForTargetInterval", trainSeedsFor(trainSeedSd, n, Math.max(random.length, 1)));
        Figure f = new Figure("search-quality", "Test accuracy of searched and random cells (mean over training seeds)",
                "0 random, 1 darts, 2 prdarts", "test accuracy (%)", StudyCharts.Kind.SCATTER, series);
        return new Summary(summary, table, f);
    }

    /**
     * The training seeds per cell at which the training noise alone allows a 95 % interval of
     * +-0.3 points on "searched minus random" with {@code searched} and {@code random} cells:
     * 1.96 sd sqrt((1/searched + 1/random) / k) <= 0.003. The cells' own spread comes on top.
     */
    static int trainSeedsFor(double sd, int searched, int random) {
        if (!(sd >= 0)) {
            return -1;
        }
        double k = Math.pow(1.96 * sd / TARGET_HALF_WIDTH, 2) * (1.0 / searched + 1.0 / random);
        return (int) Math.max(1, Math.ceil(k));
    }

    private static double[] cellMeans(List<String[]> cells, Map<String, double[]> byCell, String arm) {
        return cells.stream().filter(c -> arm.equals(c[0])).map(c -> byCell.get(c[1])).filter(a -> a.length > 0)
                .mapToDouble(a -> Records.Stats.of(a).mean()).toArray();
    }

    private static Series points(String name, int x, double[] acc) {
        List<double[]> pts = new ArrayList<>();
        for (double a : acc) {
            pts.add(new double[] {x, 100 * a});
        }
        return new Series(name, pts);
    }

    private static Map<String, Object> searchRecord(SearchResult r, SearchJob job, boolean shuffled) {
        Map<String, Object> m = CollapseStudy.searchRecord(r, job);
        SearchEpoch last = r.last();
        m.put("shuffledLabels", shuffled);
        m.put("epochCount", r.history().size());
        m.put("epochSeconds", r.history().stream().mapToDouble(SearchEpoch::seconds).sum());
        m.put("marginsNormal", last.architecture().marginsNormal());
        m.put("marginsReduce", last.architecture().marginsReduce());
        m.put("decidedNodesNormal", last.architecture().decidedNodesNormal());
        double hessian = Double.NaN;
        for (SearchEpoch e : r.history()) {
            if (!Double.isNaN(e.archHessianEigenvalue())) {
                hessian = e.archHessianEigenvalue();
            }
        }
        m.put("archHessianEigenvalue", hessian);
        return m;
    }
}
