package org.prdarts.repro;

import ai.djl.Device;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a search and a training run share around their loops, so both handle it alike: the
 * device check, the saved job of a run to resume, the manifest (the first start kept on resume,
 * each continuation and its changed options recorded, the outcome written however the run ends),
 * the stop on SIGINT/SIGTERM at a step boundary, and write failures reported with the file and
 * the state of the last checkpoint.
 */
public final class RunSession implements AutoCloseable {
    private final RunDirectory run;
    private final String command;
    private final StopSignal stop;
    private Manifest manifest;

    /** The body of a run, which may fail writing its files. */
    @FunctionalInterface
    public interface Body<T> {
        T run() throws IOException;
    }

    /** A step of a run that may fail writing a file. */
    @FunctionalInterface
    public interface Action {
        void run() throws IOException;
    }

    private RunSession(RunDirectory run, String command, Manifest manifest) {
        this.run = run;
        this.command = command;
        this.manifest = manifest;
        this.stop = StopSignal.install();
    }

    /**
     * Starts the session of a run: writes its manifest, a new one or, for a resumed run, the
     * continuation of the one it holds.
     *
     * @param command the command that resumes such a run, e.g. "search", "train"
     * @param changes the options a resumed run changed, each "path was A, now B"
     */
    public static RunSession open(RunDirectory run, String command, long seed, Device device,
                                  List<String> commandLine, List<String> changes) throws IOException {
        Manifest m = Manifest.start(seed, device, commandLine);
        if (run.resumed() && Files.isRegularFile(run.file(RunDirectory.MANIFEST))) {
            m = m.resuming(run.readManifest(), changes);
        }
        RunSession session = new RunSession(run, command, m);
        try {
            run.writeManifest(m);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw session.failure(e);
        }
        return session;
    }

    /**
     * The job a run directory was started with.
     *
     * @param kind    the kind of run expected, for the messages, e.g. "search"
     * @param command the command that resumes such a run
     * @throws IllegalArgumentException when the directory holds no such run, or its config is broken
     */
    public static <T extends Record> T savedJob(Path runDir, Class<T> type, String kind, String command) {
        return savedJob(runDir, type, kind, command, UnaryOperator.identity());
    }

    /**
     * The job a run directory was started with, its JSON first brought to the current layout by
     * {@code upgrade} (see {@link Json#readRecord(Path, Class, UnaryOperator, boolean)}).
     */
    public static <T extends Record> T savedJob(Path runDir, Class<T> type, String kind, String command,
                                                UnaryOperator<JsonElement> upgrade) {
        Path config = runDir.resolve(RunDirectory.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("cannot resume " + runDir + ": no " + RunDirectory.CONFIG
                    + " there, so no " + kind + " was started in it");
        }
        try {
            return Json.readRecord(config, type, upgrade, false);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("cannot resume " + runDir + " with " + command + " --resume: "
                    + "its " + RunDirectory.CONFIG + " is not a " + kind + " run's (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The options a resumed run may change: {@code always}, plus {@code afterDivergence} when the
     * run stopped on a diverging loss (its checkpoint is then only useful with other settings).
     */
    public static Set<String> resumable(Path runDir, Set<String> always, Set<String> afterDivergence) {
        Path file = runDir.resolve(RunDirectory.MANIFEST);
        if (!Files.isRegularFile(file)) {
            return always;
        }
        try {
            Manifest m = Json.read(file, Manifest.class);
            if (m.outcome() == null || !m.outcome().startsWith(Manifest.DIVERGED)) {
                return always;
            }
        } catch (IOException | RuntimeException unreadable) {
            // an unreadable manifest grants nothing beyond the usual changes
            return always;
        }
        Set<String> all = new HashSet<>(always);
        all.addAll(afterDivergence);
        return Set.copyOf(all);
    }

    /**
     * Runs the body; however it ends, the manifest records the outcome. A failed write becomes a
     * {@link RunIOException} naming the file and the state of the last checkpoint.
     */
    public <T> T run(Body<T> body) {
        try {
            return body.run();
        } catch (IOException | RuntimeException e) {
            record(e);
            throw failure(e);
        } catch (Error e) {
            record(e);
            throw e;
        }
    }

    private void record(Throwable e) {
        String outcome = e instanceof RunStoppedException s ? s.outcome() : "failed: " + e.getMessage();
        try {
            run.writeManifest(manifest.finish(outcome));
        } catch (IOException | RuntimeException writing) {
            e.addSuppressed(writing);
        }
    }

    /**
     * Checks for a stop request before a step: when a signal arrived, saves the checkpoint and
     * throws {@link RunInterruptedException} naming the position and how to continue.
     *
     * @param epochStart {@link System#nanoTime()} at the (resumed) start of the epoch
     */
    public void stopIfRequested(RunPosition pos, long epochStart, Action save) throws IOException {
        if (!stop.requested()) {
            return;
        }
        pos.seconds = (System.nanoTime() - epochStart) / 1e9;
        save.run();
        throw new RunInterruptedException("stopped by a signal at epoch " + (pos.epoch + 1) + ", step "
                + (pos.step + 1) + "; checkpoint written, continue with prdarts " + command + " --resume "
                + run.path(), run.path());
    }

    /** Records the run as completed; returns the manifest written. */
    public Manifest finish() throws IOException {
        manifest = manifest.finish();
        run.writeManifest(manifest);
        return manifest;
    }

    @Override
    public void close() {
        stop.close();
    }

    /**
     * A failure to open or prepare a run directory: one that cannot be used as asked is bad input;
     * any other is an I/O failure.
     */
    public static RuntimeException openFailure(IOException e) {
        if (e instanceof RunDirectoryException) {
            return new IllegalArgumentException(e.getMessage(), e);
        }
        return new RunIOException(e.getMessage(), e);
    }

    private RuntimeException failure(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof RunDirectoryException) {
            return new IllegalArgumentException(e.getMessage(), e);
        }
        boolean checkpoint = Files.isRegularFile(run.file(CheckpointStore.CURRENT))
                || Files.isRegularFile(run.file(CheckpointStore.PREVIOUS));
        return new RunIOException(e.getMessage() + (checkpoint
                ? "; the last checkpoint is intact, continue with prdarts " + command + " --resume " + run.path()
                : "; no checkpoint was written yet"), (IOException) e);
    }
}
