package org.prdarts.search;

import ai.djl.Device;
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
import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.ComputeDevice;
import org.prdarts.repro.EngineSetup;
import org.prdarts.repro.Json;
import org.prdarts.repro.Manifest;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.repro.ResumeCheck;
import org.prdarts.repro.RunDirectory;
import org.prdarts.repro.RunPosition;
import org.prdarts.repro.RunSession;
import org.prdarts.search.derive.Decidedness;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.supernet.SupernetConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The generic search loop: data, supernet, strategy, run directory, checkpoints. It knows nothing
 * of the method beyond the {@link SearchStrategy} lifecycle.
 *
 * <pre>{@code
 * SearchResult r = Search.run(SearchPresets.job("quick", Method.PRDARTS));
 * System.out.println(r.genotype());
 * }</pre>
 *
 * <p>A checkpoint is written after every epoch and, on SIGINT/SIGTERM, at the next step boundary;
 * {@link #resume} continues from the newest usable one exactly as if the run had never stopped.
 */
public final class Search {
    /** Options that may differ when a run is resumed; any other change is refused. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "threads", "device", "out");
    /** Options that may also differ when a run that diverged is resumed, to get past the divergence. */
    public static final Set<String> DIVERGED_CHANGES = Set.of("search.weights.lr", "search.weights.lrMin",
            "search.weights.gradClip");
    /** Run file holding the memory estimate beside the measured peak resident memory. */
    public static final String MEMORY = "memory.json";

    private Search() {
    }

    public static SearchResult run(SearchJob job) {
        return run(job, SearchListener.SILENT, List.of());
    }

    /** Runs a search and writes its run directory; the memory limit is what the system has available. */
    public static SearchResult run(SearchJob job, SearchListener listener, List<String> commandLine) {
        return run(job, 0, listener, commandLine);
    }

    /**
     * Runs a search and writes its run directory.
     *
     * @param maxMemoryBytes refuse the search, before anything is written, when its memory estimate
     *                       exceeds this; 0 = {@link MemoryEstimate#availableBytes()}
     */
    public static SearchResult run(SearchJob job, long maxMemoryBytes, SearchListener listener,
                                   List<String> commandLine) {
        return execute(job, null, maxMemoryBytes, listener, commandLine);
    }

    /**
     * Continues the run in {@code runDir} from its newest usable checkpoint.
     *
     * @param changes applied to the saved job; only {@link #RESUMABLE_CHANGES} may differ
     */
    public static SearchResult resume(Path runDir, UnaryOperator<SearchJob> changes, SearchListener listener,
                                      List<String> commandLine) {
        return resume(runDir, changes, 0, listener, commandLine);
    }

    /** As {@link #resume(Path, UnaryOperator, SearchListener, List)} with a memory limit (0 = available). */
    public static SearchResult resume(Path runDir, UnaryOperator<SearchJob> changes, long maxMemoryBytes,
                                      SearchListener listener, List<String> commandLine) {
        SearchJob saved = savedJob(runDir).withOut(runDir);
        SearchJob changed = changes.apply(saved).withOut(runDir);
        ResumeCheck.require(saved, changed, RunSession.resumable(runDir, RESUMABLE_CHANGES, DIVERGED_CHANGES));
        return execute(changed, ResumeCheck.differences(saved, changed, Set.of("out")), maxMemoryBytes, listener,
                commandLine);
    }

    /** The job a run directory was started with. */
    public static SearchJob savedJob(Path runDir) {
        return RunSession.savedJob(runDir, SearchJob.class, "search", "search", SearchJob::upgradeJson);
    }

    /** The memory estimate of a job, from its configuration and the data it reads (loaded here). */
    public static MemoryEstimate estimate(SearchJob job) {
        long seed = job.search().seed();
        return estimate(job, job.data().plannedShape(seed).orElseGet(() -> job.data().load(seed).shape()));
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
        boolean resume = changes != null;
        if (maxMemoryBytes < 0) {
            throw new IllegalArgumentException("max-memory must be >= 0 bytes, found " + maxMemoryBytes);
        }
        SearchConfig sc = job.search();
        if (job.threads() > 0) {
            EngineSetup.configure(job.threads(), sc.seed());
        }
        Device device = ComputeDevice.resolve(job.device());
        String suggestion = SearchMemory.suggestion(sc.method(), sc.gates().mode());
        // a shape known before the data is generated is checked first: an oversized run is refused at once
        job.data().plannedShape(sc.seed()).ifPresent(shape -> estimate(job, shape).require(maxMemoryBytes, device, "search",
                suggestion));
        // load and split the data before any file is written: bad data leaves nothing behind
        DataSource source = job.data().load(sc.seed());
        ImageDataset train = source.train();
        int[] indices = job.data().trainIndices(train, sc.seed());
        Splits.SearchSplit split = Splits.searchSplit(indices.length, job.data().trainPortion(), sc.seed());
        Augmentation aug = job.data().trainAugmentation(train);
        BatchLoader weightLoader = new BatchLoader(train, map(indices, split.weights()), sc.batchSize(), true, aug,
                sc.seed());
        BatchLoader archLoader = new BatchLoader(train, map(indices, split.arch()), sc.batchSize(), true, aug,
                ~sc.seed());
        int steps = Math.min(weightLoader.batches(), archLoader.batches());
        SupernetConfig net = supernet(job, train);
        // refuse before the run directory exists: a search that cannot fit leaves nothing behind
        MemoryEstimate memory = estimate(job, source.shape());
        memory.require(maxMemoryBytes, device, "search", suggestion);
        listener.note(memory.describe());
        long started = System.nanoTime();
        try (RunDirectory run = resume ? RunDirectory.resume(job.out()) : RunDirectory.create(job.out(), sc.method().label());
             NDManager manager = NDManager.newBaseManager(device)) {
            CheckpointStore store = new CheckpointStore(run.path());
            // the architecture learning rate follows the budget (SearchConfig.archLrFor)
            BilevelStrategy strategy = create(sc.withArchLr(sc.archLrFor((long) steps * sc.epochs())), net, manager,
                    train.height(), train.width());
            Loop loop = new Loop();
            if (resume) {
                CheckpointStore.Loaded loaded = store.loadLatest().orElseThrow(() -> new IllegalArgumentException(
                        "cannot resume " + run.path() + ": it holds no checkpoint yet"));
                for (String s : loaded.skipped()) {
                    listener.note("skipped checkpoint " + s);
                }
                loop.restore(loaded.checkpoint());
                loop.requireEpochs(sc.epochs());
                strategy.loadState(loaded.checkpoint());
            }
            try (RunSession session = RunSession.open(run, "search", sc.seed(), device, commandLine, changes)) {
                return session.run(() -> loop(job, run, session, manager, store, strategy, loop, weightLoader,
                        archLoader, steps, source, memory, started, listener));
            }
        } catch (IOException e) {
            throw RunSession.openFailure(e);
        }
    }

    /** The epochs of a run whose directory, strategy and position are ready. */
    private static SearchResult loop(SearchJob job, RunDirectory run, RunSession session, NDManager manager,
                                     CheckpointStore store, BilevelStrategy strategy, Loop loop, BatchLoader weightLoader,
                                     BatchLoader archLoader, int steps, DataSource source, MemoryEstimate memory,
                                     long started, SearchListener listener) throws IOException {
        SearchConfig sc = job.search();
        { // config, epochs, results
            if (run.resumed()) {
                run.rewriteMetrics(loop.history);
            }
            run.writeConfig(job);
            listener.started(source.source(), sc.epochs(), steps, loop.epoch, loop.step);
            while (loop.epoch < sc.epochs()) {
                strategy.newEpoch(loop.epoch);
                if (loop.step > 0) {
                    strategy.restoreExtraState(loop.strategyEpochState);
                }
                double lr = strategy.learningRate();
                long epochStart = System.nanoTime() - (long) (loop.seconds * 1e9);
                for (; loop.step < steps; loop.step++) {
                    session.stopIfRequested(loop, epochStart, () -> save(store, loop, strategy, steps));
                    try (NDManager scratch = manager.newSubManager()) {
                        BatchLoader.Batch tb = weightLoader.batch(scratch, loop.epoch, loop.step);
                        BatchLoader.Batch ab = archLoader.batch(scratch, loop.epoch, loop.step);
                        loop.add(strategy.step(scratch, tb.x(), tb.y(), ab.x(), ab.y(), loop.epoch, loop.step));
                    }
                    listener.step(loop.epoch, loop.step, loop.trainLoss / loop.trainCount,
                            (double) loop.trainCorrect / loop.trainCount, loop.archLoss / loop.archCount,
                            (double) loop.archCorrect / loop.archCount);
                }
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("epoch", loop.epoch + 1);
                record.put("method", sc.method().label());
                record.put("trainLoss", loop.trainLoss / loop.trainCount);
                record.put("trainAcc", (double) loop.trainCorrect / loop.trainCount);
                record.put("validLoss", loop.archLoss / loop.archCount);
                record.put("validAcc", (double) loop.archCorrect / loop.archCount);
                record.put("lr", lr);
                record.put("seconds", (System.nanoTime() - epochStart) / 1e9);
                record.putAll(strategy.epochState());
                putDecidedness(record, strategy);
                run.appendMetrics(record);
                loop.history.add(record);
                listener.epoch(record);
                loop.completeEpoch();
                save(store, loop, strategy, steps);
                listener.filesWritten(run.path());
            }
            Genotype genotype = strategy.genotype();
            AtomicFiles.writeString(run.file("genotype.json"), GenotypeJson.toJson(genotype, job.ops()) + "\n");
            AtomicFiles.writeString(run.file("genotype.txt"), GenotypeFormat.format(genotype) + "\n");
            Manifest finished = session.finish();
            run.writeJson(MEMORY, Json.object().put("estimate", memory)
                    .put("peakResidentBytes", finished.peakResidentBytes()).build());
            listener.filesWritten(run.path());
            return new SearchResult(genotype, loop.history, run.path(), (System.nanoTime() - started) / 1e9,
                    source.source(), memory, finished.peakResidentBytes(), strategy.decidedness(false),
                    strategy.decidedness(true));
        }
    }

    /** The architecture learning rate and how decided both cells are, for metrics.jsonl. */
    private static void putDecidedness(Map<String, Object> record, BilevelStrategy strategy) {
        record.put("archLr", strategy.archLearningRate());
        Decidedness.Cell normal = strategy.decidedness(false);
        Decidedness.Cell reduce = strategy.decidedness(true);
        record.put("archNoise", normal.noise());
        record.put("archSpreadNormal", normal.spread());
        record.put("archSpreadReduce", reduce.spread());
        record.put("marginsNormal", normal.margins());
        record.put("marginsReduce", reduce.margins());
        record.put("decidedNodesNormal", normal.decidedNodes());
        record.put("decidedNodesReduce", reduce.decidedNodes());
        record.put("entropyNormal", normal.entropies());
        record.put("entropyReduce", reduce.entropies());
    }

    private static void save(CheckpointStore store, Loop loop, BilevelStrategy strategy, int steps)
            throws IOException {
        Checkpoint.Builder b = Checkpoint.builder();
        strategy.saveState(b);
        loop.saveInto(b, steps);
        store.save(b.build());
    }


    /** The strategy for a method. */
    public static BilevelStrategy create(SearchConfig sc, SupernetConfig net, NDManager manager, int height,
                                         int width) {
        return sc.method() == Method.DARTS
                ? new DartsStrategy(sc, net, manager, height, width)
                : new PrDartsStrategy(sc, net, manager, height, width);
    }

    private static int[] map(int[] base, int[] positions) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = base[positions[i]];
        }
        return out;
    }

    /** Position and running sums of the loop: what a checkpoint needs beyond the strategy. */
    private static final class Loop extends RunPosition {
        double trainLoss;
        double archLoss;
        long trainCorrect;
        long trainCount;
        long archCorrect;
        long archCount;
        JsonObject strategyEpochState = new JsonObject();

        void add(SearchStrategy.StepStats s) {
            trainLoss += s.trainLoss() * s.trainCount();
            trainCorrect += s.trainCorrect();
            trainCount += s.trainCount();
            archLoss += s.archLoss() * s.archCount();
            archCorrect += s.archCorrect();
            archCount += s.archCount();
        }

        @Override
        protected void saveSums(Checkpoint.Builder b) {
            b.meta("trainLoss", trainLoss);
            b.meta("archLoss", archLoss);
            b.meta("trainCorrect", trainCorrect);
            b.meta("trainCount", trainCount);
            b.meta("archCorrect", archCorrect);
            b.meta("archCount", archCount);
        }

        @Override
        protected void restoreSums(JsonObject m) {
            trainLoss = m.get("trainLoss").getAsDouble();
            archLoss = m.get("archLoss").getAsDouble();
            trainCorrect = m.get("trainCorrect").getAsLong();
            trainCount = m.get("trainCount").getAsLong();
            archCorrect = m.get("archCorrect").getAsLong();
            archCount = m.get("archCount").getAsLong();
            if (m.has("strategy")) {
                strategyEpochState = m.getAsJsonObject("strategy");
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
        }

        void restore(Checkpoint c) {
            restore(c, "search");
        }
    }
}
