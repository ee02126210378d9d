package org.prdarts.repro;

import org.prdarts.host.EngineSetup;

import org.prdarts.host.ComputeDevice;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One run of epochs in a run directory, the same for a search and a training run: engine threads
 * and device, the memory check before anything is written, the run directory (new, or resumed from
 * its newest usable checkpoint) with its lock, config, manifest and stop signal, metrics.jsonl, a
 * checkpoint after every epoch and the memory record at the end. The kind of run supplies its
 * epochs ({@link Epochs}); the harness calls it once per epoch.
 *
 * <pre>{@code
 * RunHarness<MyEpoch> harness = RunHarness.start(setup, listener);   // threads, device
 * planned.ifPresent(harness::check);          // a shape known in advance: refuse at once
 * ... load the data ...
 * harness.admit(estimate);                    // refuse before any file is written
 * return harness.run(job, (manager, resumeFrom) -> new MyEpochs(...));
 * }</pre>
 *
 * @param <E> the kind of run's epoch record, one line of metrics.jsonl
 */
public final class RunHarness<E> {
    /** Checkpoint metadata: the kind of run, its method (or label) and the digest of its job. */
    static final String KIND = "kind";
    static final String METHOD = "method";
    static final String JOB = "job";
    /** Checkpoint metadata: the images the run reads ({@link org.prdarts.data.Datasets#origin}). */
    static final String DATA = "data";

    /** Run file holding the memory estimate beside the measured peak resident memory. */
    public static final String MEMORY = "memory.json";

    /**
     * What is run, and where.
     *
     * @param kind           the kind of run, for messages ("search", "training")
     * @param command        the command that resumes such a run ("search", "train")
     * @param label          ends the name of a new run directory under runs/ when {@code out} is null
     * @param out            the run directory; null for a new one under runs/
     * @param seed           the run's seed (engine seed, manifest)
     * @param threads        engine threads; 0 leaves the engine's default
     * @param device         the device option ("cpu", "gpu", ...; see {@link ComputeDevice#resolve})
     * @param changes        the options a resumed run changed, each "path was A, now B"; null for a new run
     * @param maxMemoryBytes refuse the run when its estimate exceeds this; 0 = what is available
     * @param suggestion     what to try when the estimate is refused
     * @param commandLine    the command line, for the manifest
     */
    public record Setup(String kind, String command, String label, Path out, long seed, int threads, String device,
                        List<String> changes, long maxMemoryBytes, String suggestion, List<String> commandLine) {
        public Setup {
            if (maxMemoryBytes < 0) {
                throw new IllegalArgumentException("max-memory must be >= 0 bytes, found " + maxMemoryBytes);
            }
        }

        boolean resume() {
            return changes != null;
        }
    }

    /**
     * The part of a run its kind defines: the position with its running sums, the state beyond it,
     * the steps of an epoch and its record, and the result.
     *
     * @param <R> the run's result
     */
    public abstract static class Epochs<E, R> {
        private int epochs;
        private final int steps;
        private final RunPosition<E> position;
        private final Checkpointed state;

        /**
         * @param epochs   epochs the run completes
         * @param steps    steps per epoch
         * @param position where the run stands, with its running sums; the harness restores it from
         *                 a checkpoint when resuming
         * @param state    the state beyond the position (tensors, optimizer state)
         */
        protected Epochs(int epochs, int steps, RunPosition<E> position, Checkpointed state) {
            this.epochs = epochs;
            this.steps = steps;
            this.position = position;
            this.state = state;
        }

        public final int epochs() {
            return epochs;
        }

        /**
         * Sets the epochs the run completes, from the {@link #recorded} hook (a time budget fits them
         * once the first epochs are timed); never fewer than those completed.
         */
        protected final void setEpochs(int newEpochs) {
            if (newEpochs < position.history.size()) {
                throw new IllegalArgumentException("a run cannot end before the " + position.history.size()
                        + " epochs it has completed, asked " + newEpochs);
            }
            this.epochs = newEpochs;
        }

        public final int steps() {
            return steps;
        }

        /** Where the run stands. */
        protected final RunPosition<E> position() {
            return position;
        }

        /** Called once config.json is written, before the first epoch: further files, progress. */
        protected abstract void started(RunDirectory run) throws IOException;

        /**
         * Runs the rest of the current epoch from the position's step and returns its record.
         * {@code beforeStep} must run before every step; it may stop the run there.
         *
         * @param epochStart {@link System#nanoTime()} at the (resumed) start of the epoch
         */
        protected abstract E epoch(RunDirectory run, RunSession.Action beforeStep, long epochStart)
                throws IOException;

        /** Called once the epoch's record is in metrics.jsonl, before its checkpoint. */
        protected void recorded(RunDirectory run, E record) throws IOException {
        }

        /** Called after the last epoch, before the manifest records the run as completed. */
        protected void finished(RunDirectory run) throws IOException {
        }

        /** The run's result. */
        protected abstract R result(Outcome<E> outcome);
    }

    /**
     * Builds a run's epochs once its directory exists, with the long-lived manager on the run's
     * device. A resumed run passes the checkpoint its epochs will be restored from, so settings
     * the run keeps from its start are resolved before anything is built.
     */
    @FunctionalInterface
    public interface Factory<E, R> {
        Epochs<E, R> create(NDManager manager, Optional<Checkpoint> resumeFrom);
    }

    /**
     * What the harness knows at the end of a run.
     *
     * @param runDir            the run directory
     * @param history           every epoch's record, as in metrics.jsonl
     * @param seconds           wall time from opening the run directory to the end, over every process that
     *                          worked on the run (a resumed run adds the time of the earlier ones up to the
     *                          checkpoint it continued from)
     * @param memory            the memory estimate the run was admitted with
     * @param peakResidentBytes the process's measured peak resident memory; null where it cannot be read
     */
    public record Outcome<E>(Path runDir, List<E> history, double seconds, MemoryEstimate memory,
                             Long peakResidentBytes) {
        public Outcome {
            history = List.copyOf(history);
        }
    }

    private final Setup setup;
    private final RunListener<? super E> listener;
    private final Device device;
    private MemoryEstimate memory;
    private String dataOrigin;

    private RunHarness(Setup setup, RunListener<? super E> listener, Device device) {
        this.setup = setup;
        this.listener = listener;
        this.device = device;
    }

    /**
     * The options a resumed run changes, each "path was A, now B" ({@code out} aside), after
     * refusing any change the run directory does not allow ({@link RunSession#resumable}).
     */
    public static List<String> resumeChanges(Path runDir, Record saved, Record changed, Set<String> always,
                                             Set<String> afterDivergence) {
        ResumeCheck.require(saved, changed, RunSession.resumable(runDir, always, afterDivergence));
        return ResumeCheck.differences(saved, changed, Set.of("out"));
    }

    /** Sets the engine threads and resolves the device; nothing is written yet. */
    public static <E> RunHarness<E> start(Setup setup, RunListener<? super E> listener) {
        if (setup.threads() > 0) {
            EngineSetup.configure(setup.threads(), setup.seed());
        }
        return new RunHarness<>(setup, listener, ComputeDevice.resolve(setup.device()));
    }

    /** Refuses a run whose estimate does not fit (on the run's device). */
    public void check(MemoryEstimate estimate) {
        estimate.require(setup.maxMemoryBytes(), device, setup.kind(), setup.suggestion());
    }

    /** Checks the estimate the run is made with, tells the listener, and keeps it for memory.json. */
    public MemoryEstimate admit(MemoryEstimate estimate) {
        check(estimate);
        listener.note(estimate.describe());
        this.memory = estimate;
        return estimate;
    }

    /**
     * Names the images the run reads ({@link org.prdarts.data.Datasets#origin}): its checkpoints
     * record them, and a resume that would read other images is refused.
     */
    public void reads(String origin) {
        this.dataOrigin = origin;
    }

    /**
     * Opens the run directory, builds the epochs, restores them from the newest usable checkpoint
     * when resuming, and runs the remaining epochs; however the run ends, the manifest says how.
     *
     * @param config written to config.json, from which a resumed run is rebuilt
     */
    public <R> R run(Object config, Factory<E, R> factory) {
        return run(config, Set.of("out"), factory);
    }

    /**
     * As {@link #run(Object, Factory)}; {@code mayChange} names the fields of the config (a dotted
     * path or a member name) that a resume may change, which the job digest in each checkpoint
     * leaves out.
     */
    public <R> R run(Object config, Set<String> mayChange, Factory<E, R> factory) {
        String digest = jobDigest(config, mayChange);
        if (memory == null) {
            throw new IllegalStateException("a run is admitted with its memory estimate before it starts");
        }
        long started = System.nanoTime();
        try (RunDirectory run = setup.resume() ? RunDirectory.resume(setup.out())
                : RunDirectory.create(setup.out(), setup.label());
             NDManager manager = NDManager.newBaseManager(device)) {
            CheckpointStore store = new CheckpointStore(run.path());
            Optional<Checkpoint> resumeFrom = setup.resume() ? Optional.of(latest(run, store)) : Optional.empty();
            Epochs<E, R> epochs = factory.create(manager, resumeFrom);
            if (resumeFrom.isPresent()) {
                restore(run, resumeFrom.get(), epochs, digest, mayChange);
            }
            try (RunSession session = RunSession.open(run, setup.command(), setup.seed(), device,
                    setup.commandLine(), setup.changes())) {
                return session.run(() -> loop(run, session, store, epochs, config, started, digest));
            }
        } catch (IOException e) {
            throw RunSession.openFailure(e);
        }
    }

    private Checkpoint latest(RunDirectory run, CheckpointStore store) {
        CheckpointStore.Loaded loaded = store.loadLatest().orElseThrow(() -> new IllegalArgumentException(
                "cannot resume " + run.path() + ": it holds no checkpoint yet"));
        for (String s : loaded.skipped()) {
            listener.note("skipped checkpoint " + s);
        }
        return loaded.checkpoint();
    }

    private <R> void restore(RunDirectory run, Checkpoint checkpoint, Epochs<E, R> epochs, String digest,
                             Set<String> mayChange) {
        JsonObject meta = checkpoint.meta();
        if (meta.has(KIND) && meta.has(JOB)) {
            String was = meta.get(METHOD).getAsString() + " " + meta.get(KIND).getAsString();
            String now = setup.label() + " " + setup.kind();
            if (!was.equals(now)) {
                throw new IllegalArgumentException("cannot resume " + run.path() + ": its checkpoint was written by a "
                        + was + ", and this run is a " + now);
            }
            if (!meta.get(JOB).getAsString().equals(digest)) {
                throw new IllegalArgumentException("cannot resume " + run.path() + ": its checkpoint was written by "
                        + "another job (settings other than " + String.join(", ", new java.util.TreeSet<>(mayChange))
                        + " differ from this run's " + RunDirectory.CONFIG + ")");
            }
        } else {
            // checkpoints of earlier versions carry no job digest: they are taken as they are
            listener.note("checkpoint of an earlier version: not checked against the job");
        }
        if (meta.has(DATA) && dataOrigin != null && !meta.get(DATA).getAsString().equals(dataOrigin)) {
            throw new IllegalArgumentException("cannot resume " + run.path() + ": its checkpoint was written by a run "
                    + "that read " + meta.get(DATA).getAsString() + ", and this run would read " + dataOrigin
                    + "; give this machine the same images (for Fashion-MNIST, the package dataset-fashion-mnist)");
        }
        epochs.position().restore(checkpoint, setup.kind());
        epochs.position().requireEpochs(epochs.epochs());
        epochs.state.loadState(checkpoint);
    }

    /** The epochs of a run whose directory, state and position are ready. */
    private <R> R loop(RunDirectory run, RunSession session, CheckpointStore store, Epochs<E, R> epochs,
                       Object config, long started, String digest) throws IOException {
        RunPosition<E> pos = epochs.position();
        if (run.resumed()) {
            run.rewriteMetrics(pos.history);
        }
        run.writeConfig(config);
        epochs.started(run);
        while (pos.epoch < epochs.epochs()) {
            long epochStart = System.nanoTime() - (long) (pos.seconds * 1e9);
            E record = epochs.epoch(run, () -> session.stopIfRequested(pos, epochStart, () -> save(store, epochs, digest, started)),
                    epochStart);
            run.appendMetrics(record);
            pos.history.add(record);
            epochs.recorded(run, record);
            listener.epoch(record);
            pos.completeEpoch();
            save(store, epochs, digest, started);
            listener.filesWritten(run.path());
        }
        epochs.finished(run);
        Manifest finished = session.finish();
        run.writeJson(MEMORY, Json.object().put("estimate", memory)
                .put("peakResidentBytes", finished.peakResidentBytes()).build());
        listener.filesWritten(run.path());
        double seconds = pos.runSeconds((System.nanoTime() - started) / 1e9);
        return epochs.result(new Outcome<>(run.path(), pos.history, seconds, memory, finished.peakResidentBytes()));
    }

    /** The names of both sets. */
    public static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /**
     * SHA-256 of the job's JSON without the fields a resume may change: a checkpoint copied from
     * another run (another method, seed, data or network) no longer matches the run it is put in.
     */
    static String jobDigest(Object config, Set<String> mayChange) {
        JsonObject tree = Json.toObject(config);
        strip("", tree, mayChange);
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            return java.util.HexFormat.of().formatHex(md.digest(tree.toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void strip(String prefix, JsonObject o, Set<String> mayChange) {
        for (String name : new java.util.ArrayList<>(o.keySet())) {
            if (mayChange.contains(name) || mayChange.contains(prefix + name)) {
                o.remove(name);
            } else if (o.get(name).isJsonObject()) {
                strip(prefix + name + ".", o.get(name).getAsJsonObject(), mayChange);
            }
        }
    }

    private void save(CheckpointStore store, Epochs<?, ?> epochs, String digest, long started) throws IOException {
        Checkpoint.Builder b = Checkpoint.builder();
        b.meta(KIND, setup.kind());
        b.meta(METHOD, setup.label());
        b.meta(JOB, digest);
        if (dataOrigin != null) {
            b.meta(DATA, dataOrigin);
        }
        epochs.state.saveState(b);
        epochs.position().saveInto(b, epochs.steps(), (System.nanoTime() - started) / 1e9);
        store.save(b.build());
    }
}
