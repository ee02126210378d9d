package org.prdarts.search;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import org.prdarts.data.Augmentation;
import org.prdarts.data.BatchLoader;
import org.prdarts.data.DataShape;
import org.prdarts.data.DataSource;
import org.prdarts.data.ImageDataset;
import org.prdarts.data.Splits;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.Json;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.repro.RunDirectory;
import org.prdarts.repro.RunHarness;
import org.prdarts.repro.RunKind;
import org.prdarts.repro.RunPosition;
import org.prdarts.repro.RunSession;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The generic search loop: data, supernet, strategy and the epochs that {@link RunHarness} runs
 * in a run directory. It knows nothing of the method beyond the {@link SearchStrategy} lifecycle.
 *
 * <pre>{@code
 * SearchResult r = Search.run(SearchPresets.job("quick", Method.PRDARTS));
 * System.out.println(r.genotype());
 * }</pre>
 *
 * <p>A checkpoint is written after every epoch and, on SIGINT/SIGTERM, at the next step boundary;
 * {@code runs().resume} continues from the newest usable one exactly as if the run had never stopped.
 */
public final class Search {
    /** Options that may differ when a run is resumed; any other change is refused. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "threads", "device", "out");
    /** Options that may also differ when a run that diverged is resumed, to get past the divergence. */
    public static final Set<String> DIVERGED_CHANGES = Set.of("search.weights.lr", "search.weights.lrMin",
            "search.weights.gradClip");
    /**
     * Finite-difference step of the Hessian products along a unit vector: DARTS' 0.01 scale; the
     * logits are O(0.1..1), so the step stays small beside them and large beside float rounding.
     */
    static final double HESSIAN_EPS = 1e-2;
    /** Run file holding the memory estimate beside the measured peak resident memory. */
    public static final String MEMORY = RunHarness.MEMORY;

    /** Starts, resumes and reads back search runs (see {@link RunKind}). */
    private static final RunKind<SearchJob, SearchListener, SearchResult> RUNS = new RunKind<>(SearchJob.class, "search", "search",
            SearchJob::upgradeJson, RESUMABLE_CHANGES, DIVERGED_CHANGES, Search::execute);

    private Search() {
    }

    /** A new run with the available memory as its limit, printing nothing. */
    public static SearchResult run(SearchJob job) {
        return RUNS.run(job, 0, SearchListener.SILENT, List.of());
    }

    /** Runs, resumes ({@link RunKind#resume}) and reads back the saved job of these runs. */
    public static RunKind<SearchJob, SearchListener, SearchResult> runs() {
        return RUNS;
    }

    /** The memory estimate of a job, from its configuration and the data it reads (loaded here). */
    public static MemoryEstimate estimate(SearchJob job) {
        return estimate(job, job.data().shape(job.search().seed()));
    }

    private static MemoryEstimate estimate(SearchJob job, DataShape data) {
        SearchConfig sc = job.search();
        SupernetConfig net = new SupernetConfig(data.channels(), data.numClasses(), job.channels(), job.layers(),
                job.nodes(), job.ops());
        return SearchMemory.forSearch(net, sc.batchSize(), data.height(), data.width(), sc.method(),
                sc.gates().mode()).plusData(data.bytes());
    }

    private static SupernetConfig supernet(SearchJob job, ImageDataset train) {
        return new SupernetConfig(train.channels(), train.numClasses(), job.channels(), job.layers(), job.nodes(),
                job.ops());
    }

    /** @param changes the options a resumed run changed; null for a new run */
    private static SearchResult execute(SearchJob job, List<String> changes, long maxMemoryBytes,
                                        SearchListener listener, List<String> commandLine) {
        SearchConfig sc = job.search();
        RunHarness<SearchEpoch> harness = RunHarness.start(new RunHarness.Setup("search", "search", sc.method().label(),
                job.out(), sc.seed(), job.threads(), job.device(), changes, maxMemoryBytes,
                SearchMemory.suggestion(sc.method(), sc.gates().mode()), commandLine), listener);
        // a shape known before the data is generated is checked first: an oversized run is refused at once
        job.data().plannedShape(sc.seed()).ifPresent(shape -> harness.check(estimate(job, shape)));
        // load and split the data before any file is written: bad data leaves nothing behind
        DataSource source = job.data().load(sc.seed());
        ImageDataset train = sc.instruments().shuffledLabels() ? source.train().withShuffledLabels(sc.seed())
                : source.train();
        int[] indices = job.data().trainIndices(train, sc.seed());
        Splits.SearchSplit split = Splits.searchSplit(indices.length, job.data().trainPortion(), sc.seed());
        Augmentation aug = job.data().trainAugmentation(train);
        BatchLoader weightLoader = new BatchLoader(train, map(indices, split.weights()), sc.batchSize(), true, aug,
                sc.seed());
        BatchLoader archLoader = new BatchLoader(train, map(indices, split.arch()), sc.batchSize(), true, aug,
                ~sc.seed());
        int steps = Math.min(weightLoader.batches(), archLoader.batches());
        // the held-out half as it is, in a fixed order, for the derived network's accuracy
        BatchLoader heldOutLoader = new BatchLoader(train, map(indices, split.arch()), sc.batchSize(), false,
                aug.forEvaluation(), sc.seed());
        SupernetConfig net = supernet(job, train);
        // refuse before the run directory exists: a search that cannot fit leaves nothing behind
        harness.admit(estimate(job, source.shape()));
        harness.reads(job.data().origin());
        return harness.run(job, RunHarness.union(RESUMABLE_CHANGES, DIVERGED_CHANGES), (manager, resumeFrom) -> {
            int planned = plannedEpochs(sc, resumeFrom);
            double archLr = architectureLearningRate(sc, sc.archSteps(planned, steps), resumeFrom);
            BilevelStrategy strategy = sc.method().strategy(sc, archLr, net, manager, train.height(), train.width());
            if (planned != sc.epochs()) {
                strategy.plan(planned, archLr);
            }
            return new Epochs(job, source, strategy, manager, weightLoader, archLoader, heldOutLoader, planned, steps,
                    listener, new Loop());
        });
    }

    /** The epochs of a search: the strategy's steps over both loaders, one record per epoch, the genotype. */
    private static final class Epochs extends RunHarness.Epochs<SearchEpoch, SearchResult> {
        private final SearchJob job;
        private final DataSource source;
        private final BilevelStrategy strategy;
        private final NDManager manager;
        private final BatchLoader weightLoader;
        private final BatchLoader archLoader;
        private final BatchLoader heldOutLoader;
        private final SearchListener listener;
        private final Loop loop;
        private Genotype genotype;

        Epochs(SearchJob job, DataSource source, BilevelStrategy strategy, NDManager manager, BatchLoader weightLoader,
               BatchLoader archLoader, BatchLoader heldOutLoader, int epochs, int steps, SearchListener listener,
               Loop loop) {
            super(epochs, steps, loop, strategy);
            this.loop = loop;
            this.job = job;
            this.source = source;
            this.strategy = strategy;
            this.manager = manager;
            this.weightLoader = weightLoader;
            this.archLoader = archLoader;
            this.heldOutLoader = heldOutLoader;
            this.listener = listener;
        }

        @Override
        protected void started(RunDirectory run) {
            listener.started(source.source(), epochs(), steps(), loop.epoch, loop.step);
        }

        @Override
        protected SearchEpoch epoch(RunDirectory run, RunSession.Action beforeStep, long epochStart) throws IOException {
            strategy.newEpoch(loop.epoch);
            double lr = strategy.learningRate();
            for (; loop.step < steps(); loop.step++) {
                beforeStep.run();
                try (NDManager scratch = manager.newSubManager()) {
                    BatchLoader.Batch tb = weightLoader.batch(scratch, loop.epoch, loop.step);
                    BatchLoader.Batch ab = archLoader.batch(scratch, loop.epoch, loop.step);
                    loop.add(strategy.step(scratch, tb.x(), tb.y(), ab.x(), ab.y(), loop.epoch, loop.step));
                }
                listener.step(loop.epoch, loop.step, loop.trainLoss / loop.trainCount,
                        (double) loop.trainCorrect / loop.trainCount, loop.archLoss / loop.archCount,
                        (double) loop.archCorrect / loop.archCount);
            }
            double[] derived = derivedHeldOut();
            double eigenvalue = Double.NaN;
            InstrumentConfig instruments = job.search().instruments();
            if (instruments.hessianAt(loop.epoch)) {
                try (NDManager scratch = manager.newSubManager()) {
                    BatchLoader.Batch ab = archLoader.batch(scratch, loop.epoch, 0);
                    eigenvalue = strategy.archHessianEigenvalue(ab.x(), ab.y(), instruments.hessianIterations(),
                            HESSIAN_EPS).eigenvalue();
                }
            }
            return new SearchEpoch(loop.epoch + 1, strategy.method(), loop.trainLoss / loop.trainCount,
                    (double) loop.trainCorrect / loop.trainCount, loop.archLoss / loop.archCount,
                    (double) loop.archCorrect / loop.archCount, derived[0], derived[1], eigenvalue, lr, (System.nanoTime() - epochStart) / 1e9,
                    strategy.epochFacts(loop.regularizerMeans(steps())), SearchEpoch.Architecture.of(
                            strategy.archLearningRate(), strategy.decidedness(false), strategy.decidedness(true)));
        }

        /** Mean loss and accuracy of the epoch's derived cell on the held-out half ({@link BilevelStrategy#scoreDerived}). */
        private double[] derivedHeldOut() {
            Genotype g = strategy.genotype();
            double loss = 0;
            long correct = 0;
            long count = 0;
            for (int b = 0; b < heldOutLoader.batches(); b++) {
                try (NDManager scratch = manager.newSubManager()) {
                    BatchLoader.Batch batch = heldOutLoader.batch(scratch, 0, b);
                    BilevelStrategy.BatchScore s = strategy.scoreDerived(scratch, g, batch.x(), batch.y());
                    loss += s.lossSum();
                    correct += s.correct();
                    count += s.count();
                }
            }
            return new double[] {loss / count, (double) correct / count};
        }

        /**
         * With a time budget, lays the schedules out for the epochs that fit ({@link TimeBudget});
         * with the early-stop rule, ends the run at the epoch where it fires.
         */
        @Override
        protected void recorded(RunDirectory run, SearchEpoch record) {
            SearchConfig sc = job.search();
            int done = loop.history.size();
            if (sc.instruments().hessianEarlyStop() && done < epochs()) {
                double[] measured = loop.history.stream().mapToDouble(SearchEpoch::archHessianEigenvalue)
                        .filter(v -> !Double.isNaN(v)).toArray();
                if (HessianIndicator.earlyStop(measured, InstrumentConfig.EARLY_STOP_WINDOW,
                        InstrumentConfig.EARLY_STOP_RATIO) >= 0) {
                    setEpochs(done);
                    listener.planned(done, "DARTS-ES: the local average of the Hessian eigenvalue grew past 1/"
                            + InstrumentConfig.EARLY_STOP_RATIO + " of its earlier value; the search stops after epoch "
                            + done + " (early-stop.json names the epoch whose cell is kept)");
                    return;
                }
            }
            if (!(sc.timeBudgetSeconds() > 0)) {
                return;
            }
            List<Double> seconds = loop.history.stream().map(SearchEpoch::seconds).toList();
            if (!TimeBudget.fitsAfter(seconds, sc.warmupEpochs(), sc.timeBudgetSeconds())) {
                return;
            }
            int fitted = TimeBudget.epochs(sc.timeBudgetSeconds(), seconds, sc.warmupEpochs());
            double archLr = sc.archLrFor(sc.archSteps(fitted, steps()));
            strategy.plan(fitted, archLr);
            setEpochs(fitted);
            listener.planned(fitted, String.format(java.util.Locale.ROOT, "time budget %s: %d epochs fit "
                    + "(%d done in %s%s); schedules laid out for them, architecture learning rate %.4g",
                    TimeBudget.format(sc.timeBudgetSeconds()), fitted, done,
                    TimeBudget.format(seconds.stream().mapToDouble(Double::doubleValue).sum()),
                    sc.warmupEpochs() > 0 ? ", " + sc.warmupEpochs() + " of the " + fitted + " weight-only" : "",
                    archLr));
        }

        @Override
        protected void finished(RunDirectory run) throws IOException {
            genotype = strategy.genotype();
            InstrumentConfig instruments = job.search().instruments();
            if (instruments.hessianEarlyStop()) {
                java.util.Optional<HessianIndicator.EarlyStop> stop = HessianIndicator.earlyStop(loop.history);
                stop.ifPresent(s -> genotype = GenotypeFormat.parse(s.kept().facts().genotype()));
                AtomicFiles.writeString(run.file("early-stop.json"), Json.object()
                        .put("rule", "DARTS-ES (Zela et al. 2020)")
                        .put("window", InstrumentConfig.EARLY_STOP_WINDOW)
                        .put("ratio", InstrumentConfig.EARLY_STOP_RATIO)
                        .put("fired", stop.isPresent())
                        .put("keptEpoch", stop.map(s -> s.kept().epoch()).orElse(loop.history.size()))
                        .build().toString() + "\n");
            }
            AtomicFiles.writeString(run.file("genotype.json"), GenotypeJson.toJson(genotype, job.ops()) + "\n");
            AtomicFiles.writeString(run.file("genotype.txt"), GenotypeFormat.format(genotype) + "\n");
        }

        @Override
        protected SearchResult result(RunHarness.Outcome<SearchEpoch> o) {
            return new SearchResult(genotype, o.history(), o.runDir(), o.seconds(), source.source(),
                    o.memory(), o.peakResidentBytes(), strategy.decidedness(false), strategy.decidedness(true));
        }
    }

    /** The strategy for a method, with the configured architecture learning rate as it is. */
    public static BilevelStrategy create(SearchConfig sc, SupernetConfig net, NDManager manager, int height,
                                         int width) {
        return sc.method().strategy(sc, sc.arch().lr(), net, manager, height, width);
    }

    /**
     * The epochs the schedules of a run are laid out for: those a time budget fitted when a resumed
     * run's checkpoint says so, else the configured ones (a time budget's first guess).
     */
    static int plannedEpochs(SearchConfig sc, Optional<Checkpoint> resumeFrom) {
        if (!(sc.timeBudgetSeconds() > 0)) {
            return sc.epochs();
        }
        return resumeFrom.filter(c -> c.meta().has(BilevelStrategy.PLANNED_EPOCHS))
                .map(c -> c.meta().get(BilevelStrategy.PLANNED_EPOCHS).getAsInt())
                .orElse(sc.epochs());
    }

    /**
     * The architecture learning rate of a run, resolved once: on resume the one the run started
     * with (a resumed run with another --epochs keeps it, so its logits move as they were moving),
     * else the configured one scaled to the run's architecture steps ({@link SearchConfig#archLrFor}).
     */
    static double architectureLearningRate(SearchConfig sc, long archSteps, Optional<Checkpoint> resumeFrom) {
        return resumeFrom.filter(c -> c.meta().has(BilevelStrategy.ARCH_LR))
                .map(c -> c.meta().get(BilevelStrategy.ARCH_LR).getAsDouble())
                .orElseGet(() -> sc.archLrFor(archSteps));
    }

    private static int[] map(int[] base, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = base[positions[i]];
        }
        return out;
    }

    /** Position and running sums of the loop: what a checkpoint needs beyond the strategy. */
    private static final class Loop extends RunPosition<SearchEpoch> {
        double trainLoss;
        double archLoss;
        long trainCorrect;
        long trainCount;
        long archCorrect;
        long archCount;
        /** Sum of each regularizer term over the epoch's steps, in the terms' order. */
        final Map<String, Double> regularizers = new LinkedHashMap<>();

        Loop() {
            super(SearchEpoch.class);
        }

        void add(SearchStrategy.StepStats s) {
            trainLoss += s.trainLoss() * s.trainCount();
            trainCorrect += s.trainCorrect();
            trainCount += s.trainCount();
            archLoss += s.archLoss() * s.archCount();
            archCorrect += s.archCorrect();
            archCount += s.archCount();
            s.regularizers().forEach((name, v) -> regularizers.merge(name, v, Double::sum));
        }

        /** The mean of each regularizer term over an epoch of {@code steps} steps. */
        Map<String, Double> regularizerMeans(int steps) {
            Map<String, Double> means = new LinkedHashMap<>();
            regularizers.forEach((name, sum) -> means.put(name, sum / Math.max(steps, 1)));
            return means;
        }

        @Override
        protected void saveSums(Checkpoint.Builder b) {
            b.meta("trainLoss", trainLoss);
            b.meta("archLoss", archLoss);
            b.meta("trainCorrect", trainCorrect);
            b.meta("trainCount", trainCount);
            b.meta("archCorrect", archCorrect);
            b.meta("archCount", archCount);
            b.meta("regularizerSums", Json.toObject(regularizers));
        }

        @Override
        protected void restoreSums(JsonObject m) {
            trainLoss = m.get("trainLoss").getAsDouble();
            archLoss = m.get("archLoss").getAsDouble();
            trainCorrect = m.get("trainCorrect").getAsLong();
            trainCount = m.get("trainCount").getAsLong();
            archCorrect = m.get("archCorrect").getAsLong();
            archCount = m.get("archCount").getAsLong();
            regularizers.clear();
            // earlier versions kept the sums in the strategy's part of the metadata
            JsonObject holder = m.has("strategy") ? m.getAsJsonObject("strategy") : m;
            if (holder.has("regularizerSums")) {
                holder.getAsJsonObject("regularizerSums").entrySet()
                        .forEach(e -> regularizers.put(e.getKey(), e.getValue().getAsDouble()));
            }
        }

        @Override
        protected void resetSums() {
            trainLoss = 0;
            archLoss = 0;
            trainCorrect = 0;
            trainCount = 0;
            archCorrect = 0;
            archCount = 0;
            regularizers.clear();
        }
    }
}
