package org.prdarts.train;

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
import org.prdarts.repro.Checkpointed;
import org.prdarts.repro.MemoryEstimate;
import org.prdarts.repro.RunDirectory;
import org.prdarts.repro.RunHarness;
import org.prdarts.repro.RunKind;
import org.prdarts.repro.RunPosition;
import org.prdarts.repro.RunSession;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.Genotypes;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Trains a derived network from scratch and writes its run directory: config.json, manifest.json,
 * metrics.jsonl (per epoch: train and test loss and accuracy, learning rate, drop-path probability,
 * seconds), eval.json (the latest test pass), genotype.json / genotype.txt, and the model (model.params + model.json, saved after
 * every epoch), and a checkpoint after every epoch and, on SIGINT/SIGTERM, at the next step boundary
 * ({@code runs().resume} continues from it exactly).
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
    public static final String MEMORY = RunHarness.MEMORY;

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

    /** Starts, resumes and reads back training runs (see {@link RunKind}). */
    private static final RunKind<TrainJob, TrainListener, TrainResult> RUNS = new RunKind<>(TrainJob.class, "training", "train",
            UnaryOperator.identity(), RESUMABLE_CHANGES, DIVERGED_CHANGES, Training::execute);

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

    /** A new run with the available memory as its limit, printing nothing. */
    public static TrainResult run(TrainJob job) {
        return RUNS.run(job, 0, TrainListener.SILENT, List.of());
    }

    /** Runs, resumes ({@link RunKind#resume}) and reads back the saved job of these runs. */
    public static RunKind<TrainJob, TrainListener, TrainResult> runs() {
        return RUNS;
    }

    /** The memory estimate of a job, from its configuration and the data it reads (loaded here). */
    public static MemoryEstimate estimate(TrainJob job) {
        return estimate(job, job.data().shape(job.train().seed()));
    }

    private static MemoryEstimate estimate(TrainJob job, DataShape data) {
        NetworkConfig net = job.network(data.channels(), data.height(), data.width(), data.numClasses());
        return TrainingMemory.estimate(net, job.train().batchSize(), data.bytes());
    }

    /** @param changes the options a resumed run changed; null for a new run */
    private static TrainResult execute(TrainJob job, List<String> changes, long maxMemoryBytes,
                                       TrainListener listener, List<String> commandLine) {
        long seed = job.train().seed();
        RunHarness<TrainEpoch> harness = RunHarness.start(new RunHarness.Setup("training", "train", "train",
                job.out(), seed, job.threads(), job.device(), changes, maxMemoryBytes,
                "try a smaller --batch-size or fewer --channels/--layers", commandLine), listener);
        // a shape known before the data is generated is checked first: an oversized run is refused at once
        job.data().plannedShape(seed).ifPresent(shape -> harness.check(estimate(job, shape)));
        DataSource source = job.data().load(seed);
        // refuse before the run directory exists: a run that cannot fit leaves nothing behind
        harness.admit(estimate(job, source.shape()));
        harness.reads(job.data().origin());
        return harness.run(job, RunHarness.union(RESUMABLE_CHANGES, DIVERGED_CHANGES),
                (manager, resumeFrom) -> new Epochs(new Training(job, source, manager), listener, new Position()));
    }

    /** The epochs of a training run: steps, a test pass and the saved model per epoch. */
    private static final class Epochs extends RunHarness.Epochs<TrainEpoch, TrainResult> {
        private final Training t;
        private final TrainListener listener;
        private final Position pos;
        private NetworkSize size;
        private Evaluation last;

        Epochs(Training t, TrainListener listener, Position pos) {
            super(t.job.train().epochs(), t.trainLoader.batches(), pos, Checkpointed.of(t::save, t::restore));
            this.pos = pos;
            this.t = t;
            this.listener = listener;
        }

        @Override
        protected void started(RunDirectory run) throws IOException {
            TrainJob job = t.job;
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_JSON), GenotypeJson.toJson(job.genotype()) + "\n");
            AtomicFiles.writeString(run.file(Genotypes.RUN_FILE_TEXT), GenotypeFormat.format(job.genotype()) + "\n");
            size = NetworkSize.of(t.info.network());
            listener.started(t.source.source(), size, epochs(), steps(), pos.epoch, pos.step);
        }

        @Override
        protected TrainEpoch epoch(RunDirectory run, RunSession.Action beforeStep, long epochStart) throws IOException {
            Epoch train = t.runEpoch(pos, listener, beforeStep);
            last = t.evaluate();
            run.writeJson(EVAL, last.toMap());
            return new TrainEpoch(pos.epoch + 1, train.loss(), train.accuracy(), last.loss(), last.accuracy(),
                    t.loop.learningRate(), t.loop.dropPathProbability(), (System.nanoTime() - epochStart) / 1e9);
        }

        @Override
        protected void recorded(RunDirectory run, TrainEpoch record) throws IOException {
            SavedModel.save(run.path(), t.loop.network(), t.info);
        }

        @Override
        protected void finished(RunDirectory run) {
            if (last == null) {
                // resumed after the last epoch's checkpoint: the saved weights are the final ones
                last = t.evaluate();
            }
        }

        @Override
        protected TrainResult result(RunHarness.Outcome<TrainEpoch> o) {
            return new TrainResult(o.runDir(), o.history(), last, size, o.seconds(), t.source.source(), o.memory(),
                    o.peakResidentBytes());
        }
    }

    /** The mean main-head loss and the accuracy of an epoch's training steps. */
    record Epoch(double loss, double accuracy) {
    }

    /**
     * The rest of the current epoch from the position's step.
     * {@code boundary} runs before every step and may throw to stop the run there.
     */
    Epoch runEpoch(Position pos, TrainListener listener, RunSession.Action boundary) throws IOException {
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
        return new Epoch(pos.lossSum / pos.count, (double) pos.correct / pos.count);
    }

    /** Network parameters (BatchNorm statistics included) and momentum buffers. */
    private void save(Checkpoint.Builder b) {
        for (Pair<String, Parameter> p : loop.network().getParameters()) {
            b.tensor("net/" + p.getKey(), p.getValue().getArray());
        }
        List<NDArray> buffers = loop.optimizer().buffers();
        for (int i = 0; i < buffers.size(); i++) {
            if (buffers.get(i) != null) {
                b.tensor("sgd/" + i, buffers.get(i));
            }
        }
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
    static final class Position extends RunPosition<TrainEpoch> {
        double lossSum;
        long correct;
        long count;

        Position() {
            super(TrainEpoch.class);
        }

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
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
