package org.prdarts.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import org.prdarts.data.Augmentation;
import org.prdarts.data.BatchLoader;
import org.prdarts.data.DataShape;
import org.prdarts.data.DataSource;
import org.prdarts.data.ImageDataset;
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
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.Genotypes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Trains a derived network from scratch and writes its run directory: config.json, manifest.json,
 * metrics.jsonl (per epoch: train and test loss and accuracy, learning rate, drop-path probability,
 * seconds), eval.json (the latest test pass), genotype.json / genotype.txt, and the model (model.params + model.json, saved after
 * every epoch), and a checkpoint after every epoch and, on SIGINT/SIGTERM, at the next step boundary
 * ({@link #resume} continues from it exactly).
 *
 * <pre>{@code
 * TrainResult r = Training.run(TrainPresets.job("quick", "fashion-mnist", "PRDARTS"));
 * }</pre>
 */
public final class Training {
    /** Options that may differ when a run is resumed; any other change is refused. */
    public static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "threads", "device", "out");
    /** Options that may also differ when a run that diverged is resumed, to get past the divergence. */
    public static final Set<String> DIVERGED_CHANGES = Set.of("lr", "lrMin", "gradClip");

    /** Run file holding the memory estimate beside the measured peak resident memory. */
    public static final String MEMORY = "memory.json";

    /** Run file holding the latest test-set evaluation (accuracy, per-class accuracy, confusion matrix). */
    public static final String EVAL = "eval.json";

    /** Images per batch of the {@code eval} command (training runs evaluate in their own batch size). */
    public static final int TEST_BATCH = 256;

    private final TrainJob job;
    private final DataSource source;
    private final BatchLoader trainLoader;
    private final BatchLoader testLoader;
    private final TrainLoop loop;
    private final ModelInfo info;
    private final NDManager manager;

    private Training(TrainJob job, DataSource source, NDManager manager) {
        this.job = job;
        this.source = source;
        this.manager = manager;
        long seed = job.train().seed();
        ImageDataset train = source.train();
        int[] indices = job.data().trainIndices(train, seed);
        Augmentation aug = job.data().trainAugmentation(train);
        this.trainLoader = new BatchLoader(train, indices, job.train().batchSize(), true,
                indices.length >= job.train().batchSize(), aug, seed);
        // evaluation batches as large as training ones: a forward pass keeps every intermediate
        // tensor until its batch ends, so a larger test batch would set the run's memory peak
        this.testLoader = new BatchLoader(source.test(), identity(source.test().size()), job.train().batchSize(), false,
                trainLoader.augmentation().forEvaluation(), seed);
        NetworkConfig net = job.network(train.channels(), train.height(), train.width(), train.numClasses());
        this.loop = new TrainLoop(job.train(), net, manager);
        this.info = new ModelInfo(ModelInfo.FORMAT, net, train.classNames(), trainLoader.augmentation().mean(),
                trainLoader.augmentation().std(), job.data(), seed);
    }

    public static TrainResult run(TrainJob job) {
        return run(job, TrainListener.SILENT, List.of());
    }

    /** Trains from scratch and writes a new run directory; the memory limit is what the system has available. */
    public static TrainResult run(TrainJob job, TrainListener listener, List<String> commandLine) {
        return run(job, 0, listener, commandLine);
    }

    /**
     * Trains from scratch and writes a new run directory.
     *
     * @param maxMemoryBytes refuse the run, before anything is written, when its memory estimate
     *                       exceeds this; 0 = {@link MemoryEstimate#availableBytes()}
     */
    public static TrainResult run(TrainJob job, long maxMemoryBytes, TrainListener listener,
                                  List<String> commandLine) {
        return execute(job, null, maxMemoryBytes, listener, commandLine);
    }

    /**
     * Continues the training run in {@code runDir} from its newest usable checkpoint, ending exactly
     * as a run that never stopped would.
     *
     * @param changes applied to the saved job; only {@link #RESUMABLE_CHANGES} may differ
     */
    public static TrainResult resume(Path runDir, UnaryOperator<TrainJob> changes, TrainListener listener,
                                     List<String> commandLine) {
        return resume(runDir, changes, 0, listener, commandLine);
    }

    /** As {@link #resume(Path, UnaryOperator, TrainListener, List)} with a memory limit (0 = available). */
    public static TrainResult resume(Path runDir, UnaryOperator<TrainJob> changes, long maxMemoryBytes,
                                     TrainListener listener, List<String> commandLine) {
        TrainJob saved = savedJob(runDir).withOut(runDir);
        TrainJob changed = changes.apply(saved).withOut(runDir);
        ResumeCheck.require(saved, changed, RunSession.resumable(runDir, RESUMABLE_CHANGES, DIVERGED_CHANGES));
        return execute(changed, ResumeCheck.differences(saved, changed, Set.of("out")), maxMemoryBytes, listener,
                commandLine);
    }

    /** The job a training run directory was started with. */
    public static TrainJob savedJob(Path runDir) {
        return RunSession.savedJob(runDir, TrainJob.class, "training", "train");
    }

    /** The memory estimate of a job, from its configuration and the data it reads (loaded here). */
    public static MemoryEstimate estimate(TrainJob job) {
        long seed = job.train().seed();
        return estimate(job, job.data().plannedShape(seed).orElseGet(() -> job.data().load(seed).shape()));
    }

    private static MemoryEstimate estimate(TrainJob job, DataShape data) {
        NetworkConfig net = job.network(data.channels(), data.height(), data.width(), data.numClasses());
        return TrainingMemory.estimate(net, job.train().batchSize(), data.bytes());
    }

    /** @param changes the options a resumed run changed; null for a new run */
    private static TrainResult execute(TrainJob job, List<String> changes, long maxMemoryBytes,
                                       TrainListener listener, List<String> commandLine) {
        boolean resume = changes != null;
        long seed = job.train().seed();
        if (job.threads() > 0) {
            EngineSetup.configure(job.threads(), seed);
        }
        Device device = ComputeDevice.resolve(job.device());
        String suggestion = "try a smaller --batch-size or fewer --channels/--layers";
        // a shape known before the data is generated is checked first: an oversized run is refused at once
        job.data().plannedShape(seed).ifPresent(shape -> estimate(job, shape).require(maxMemoryBytes, device, "training",
                suggestion));
        DataSource source = job.data().load(seed);
        // refuse before the run directory exists: a run that cannot fit leaves nothing behind
        MemoryEstimate memory = estimate(job, source.shape());
        memory.require(maxMemoryBytes, device, "training", suggestion);
        listener.note(memory.describe());
        long started = System.nanoTime();
        try (RunDirectory run = resume ? RunDirectory.resume(job.out()) : RunDirectory.create(job.out(), "train");
             NDManager manager = NDManager.newBaseManager(device)) {
            CheckpointStore store = new CheckpointStore(run.path());
            Training t = new Training(job, source, manager);
            Position pos = new Position();
            if (resume) {
                CheckpointStore.Loaded loaded = store.loadLatest().orElseThrow(() -> new IllegalArgumentException(
                        "cannot resume " + run.path() + ": it holds no checkpoint yet"));
                for (String s : loaded.skipped()) {
                    listener.note("skipped checkpoint " + s);
                }
                pos.restore(loaded.checkpoint());
                pos.requireEpochs(job.train().epochs());
                t.restore(loaded.checkpoint());
            }
            try (RunSession session = RunSession.open(run, "train", seed, device, commandLine, changes)) {
                return session.run(() -> t.epochs(run, session, store, pos, memory, started, listener));
            }
        } catch (IOException e) {
            throw RunSession.openFailure(e);
        }
    }

    /** The epochs of a run whose directory, network and position are ready. */
    private TrainResult epochs(RunDirectory run, RunSession session, CheckpointStore store, Position pos,
                               MemoryEstimate memory, long started, TrainListener listener) throws IOException {
        Training t = this;
        { // config, epochs, results
            if (run.resumed()) {
                run.rewriteMetrics(pos.history);
            }
            run.writeConfig(job);
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_JSON), GenotypeJson.toJson(job.genotype()) + "\n");
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_TEXT), GenotypeFormat.format(job.genotype()) + "\n");
            NetworkSize size = NetworkSize.of(t.info.network());
            int steps = t.trainLoader.batches();
            listener.started(source.source(), size, job.train().epochs(), steps, pos.epoch, pos.step);
            Evaluation last = null;
            while (pos.epoch < job.train().epochs()) {
                long t0 = System.nanoTime() - (long) (pos.seconds * 1e9);
                double[] train = t.runEpoch(pos, listener,
                        () -> session.stopIfRequested(pos, t0, () -> t.save(store, pos, steps)));
                last = t.evaluate();
                run.writeJson(EVAL, last.toMap());
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("epoch", pos.epoch + 1);
                record.put("trainLoss", train[0]);
                record.put("trainAcc", train[1]);
                record.put("testLoss", last.loss());
                record.put("testAcc", last.accuracy());
                record.put("lr", t.loop.learningRate());
                record.put("dropPath", t.loop.dropPathProbability());
                record.put("seconds", (System.nanoTime() - t0) / 1e9);
                run.appendMetrics(record);
                pos.history.add(record);
                SavedModel.save(run.path(), t.loop.network(), t.info);
                listener.epoch(record);
                pos.completeEpoch();
                t.save(store, pos, steps);
                listener.filesWritten(run.path());
            }
            if (last == null) {
                // resumed after the last epoch's checkpoint: the saved weights are the final ones
                last = t.evaluate();
            }
            Manifest finished = session.finish();
            run.writeJson(MEMORY, Json.object().put("estimate", memory)
                    .put("peakResidentBytes", finished.peakResidentBytes()).build());
            listener.filesWritten(run.path());
            return new TrainResult(run.path(), pos.history, last, size, (System.nanoTime() - started) / 1e9,
                    source.source(), memory, finished.peakResidentBytes());
        }
    }

    /**
     * The rest of the current epoch from the position's step; returns {mean main loss, accuracy}.
     * {@code boundary} runs before every step and may throw to stop the run there.
     */
    double[] runEpoch(Position pos, TrainListener listener, RunSession.Action boundary) throws IOException {
        loop.newEpoch(pos.epoch);
        for (; pos.step < trainLoader.batches(); pos.step++) {
            boundary.run();
            try (NDManager scratch = manager.newSubManager()) {
                BatchLoader.Batch b = trainLoader.batch(scratch, pos.epoch, pos.step);
                TrainLoop.StepStats s = loop.step(scratch, b.x(), b.y(), pos.step);
                pos.lossSum += s.loss() * s.count();
                pos.correct += s.correct();
                pos.count += s.count();
            }
            listener.step(pos.epoch, pos.step, pos.lossSum / pos.count, (double) pos.correct / pos.count);
        }
        return new double[] {pos.lossSum / pos.count, (double) pos.correct / pos.count};
    }

    /** Network parameters (BatchNorm statistics included), momentum buffers and the position. */
    private void save(CheckpointStore store, Position pos, int steps) throws IOException {
        Checkpoint.Builder b = Checkpoint.builder();
        for (Pair<String, Parameter> p : loop.network().getParameters()) {
            b.tensor("net/" + p.getKey(), p.getValue().getArray());
        }
        List<NDArray> buffers = loop.optimizer().buffers();
        for (int i = 0; i < buffers.size(); i++) {
            if (buffers.get(i) != null) {
                b.tensor("sgd/" + i, buffers.get(i));
            }
        }
        pos.saveInto(b, steps);
        store.save(b.build());
    }

    private void restore(Checkpoint c) {
        try (NDManager scratch = manager.newSubManager()) {
            for (Pair<String, Parameter> p : loop.network().getParameters()) {
                c.restoreInto(scratch, "net/" + p.getKey(), p.getValue().getArray());
            }
        }
        List<NDArray> buffers = loop.optimizer().buffers();
        for (int i = 0; i < buffers.size(); i++) {
            buffers.set(i, c.has("sgd/" + i) ? c.tensor(manager, "sgd/" + i) : null);
        }
    }


    /** The test set in evaluation mode. */
    Evaluation evaluate() {
        return Evaluation.of(loop.network(), testLoader, manager, info.classNames());
    }

    /** Where the loop stands and the running sums of the current epoch: what a checkpoint needs beyond tensors. */
    static final class Position extends RunPosition {
        double lossSum;
        long correct;
        long count;

        @Override
        protected void saveSums(Checkpoint.Builder b) {
            b.meta("lossSum", lossSum);
            b.meta("correct", correct);
            b.meta("count", count);
        }

        @Override
        protected void restoreSums(JsonObject m) {
            lossSum = m.get("lossSum").getAsDouble();
            correct = m.get("correct").getAsLong();
            count = m.get("count").getAsLong();
        }

        @Override
        protected void resetSums() {
            lossSum = 0;
            correct = 0;
            count = 0;
        }

        void restore(Checkpoint c) {
            restore(c, "training");
        }
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
