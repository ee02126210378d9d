package org.prdarts.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.CliChild;
import org.prdarts.repro.Json;
import org.prdarts.repro.Manifest;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact resume of training: a run killed (SIGKILL) or stopped (SIGTERM) mid-run and resumed ends
 * with the same metrics, model file and checkpoint tensors, bit for bit, as one that ran straight
 * through; a diverging run stops with exit code 3 and leaves a usable checkpoint. The runs are
 * child JVMs with one engine thread on the same machine, so the CPU arithmetic is deterministic;
 * each is stopped when its first checkpoint exists, never after a fixed delay.
 */
class TrainResumeTest {

    /** Child output goes here, for reading when a test fails. */
    private static final File LOG = CliChild.newLog("prdarts-train-resume-test");

    static List<String> trainArgs(Path out) {
        // drop path 0.2 and the auxiliary head exercise every piece of state a step has
        return new ArrayList<>(List.of("train", "--genotype", "PRDARTS", "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "256", "--channels", "4", "--layers", "3", "--epochs", "3",
                "--batch-size", "16", "--drop-path", "0.2", "--threads", "1", "--seed", "3", "--lr", "0.05",
                "--out", out.toString()));
    }

    static Process start(List<String> args) throws IOException {
        return CliChild.start(args, LOG);
    }

    static int runToEnd(List<String> args) throws Exception {
        return CliChild.runToEnd(args, LOG);
    }

    /** Runs to the end and returns the exit code and the last line the child wrote to stderr. */
    static String[] runCapturing(List<String> args) throws Exception {
        List<String> cmd = CliChild.command(args);
        Path err = Files.createTempFile("prdarts-train-err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG))
                .redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child training did not finish");
        // the progress bar draws on stderr; the error line is the last one
        String[] lines = Files.readString(err, StandardCharsets.UTF_8).strip().split("[\r\n]+");
        Files.delete(err);
        return new String[] {Integer.toString(p.exitValue()), lines[lines.length - 1]};
    }

    /** Starts a training run, waits until its first checkpoint exists, then stops it; returns the exit code. */
    static int interruptAfterFirstEpoch(Path out, boolean kill) throws Exception {
        int code = CliChild.stopAfterFirstCheckpoint(start(trainArgs(out)), out, kill);
        assertTrue(Files.readAllLines(out.resolve("metrics.jsonl")).size() < 3, "run finished before the interruption");
        return code;
    }

    static void assertSameRun(Path a, Path b) throws IOException {
        assertEquals(3, Files.readAllLines(a.resolve("metrics.jsonl")).size());
        CliChild.assertSameMetrics(a, b);
        assertArrayEquals(Files.readAllBytes(a.resolve(SavedModel.PARAMS)), Files.readAllBytes(b.resolve(SavedModel.PARAMS)),
                "model.params");
        List<String> names = CliChild.assertSameCheckpoints(a, b);
        assertTrue(names.stream().anyMatch(n -> n.startsWith("sgd/")), "momentum buffers are saved");
        assertTrue(names.stream().anyMatch(n -> n.contains("running")), "BatchNorm statistics are saved: " + names);
    }

    @Test
    void killedTrainingResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(trainArgs(straight)));
        Path killed = dir.resolve("killed");
        interruptAfterFirstEpoch(killed, true);
        assertEquals(0, runToEnd(List.of("train", "--resume", killed.toString(), "--threads", "1")));
        assertSameRun(straight, killed);
        CliChild.assertRefusesFewerEpochs("train", killed, 3);
    }

    @Test
    void signalledTrainingCheckpointsAndResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(trainArgs(straight)));
        Path stopped = dir.resolve("stopped");
        assertEquals(143, interruptAfterFirstEpoch(stopped, false));
        Checkpoint c = Checkpoint.read(stopped.resolve(CheckpointStore.CURRENT));
        assertTrue(c.meta().get("epoch").getAsInt() >= 1, "the SIGTERM checkpoint follows the first epoch's: "
                + c.meta());
        assertTrue(Json.read(stopped.resolve("manifest.json"), Manifest.class).outcome().startsWith("interrupted"));
        assertEquals(0, runToEnd(List.of("train", "--resume", stopped.toString(), "--threads", "1")));
        assertSameRun(straight, stopped);
    }

    @Test
    void resumeRefusesChangedOptions(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        List<String> args = trainArgs(run);
        args.set(args.indexOf("--epochs") + 1, "1");
        assertEquals(0, runToEnd(args));
        String[] r = runCapturing(List.of("train", "--resume", run.toString(), "--lr", "0.1"));
        assertEquals("2", r[0]);
        assertEquals("prdarts: cannot resume with changed options: train.lr was 0.05, now 0.1 (only device, epochs,"
                + " out, threads may change)", r[1]);
    }

    @Test
    void divergenceStopsWithExitCodeThreeKeepsAUsableCheckpointAndResumesWithALowerRate(@TempDir Path dir)
            throws Exception {
        // lr 3 without clipping overflows within a few epochs; the exact step depends on the CPU's
        // floating-point kernels, so the test asserts the pattern, not the step
        Path run = dir.resolve("run");
        List<String> args = trainArgs(run);
        args.set(args.indexOf("--lr") + 1, "3");
        args.set(args.indexOf("--epochs") + 1, "4");
        args.set(args.indexOf("--drop-path") + 1, "0");
        args.addAll(List.of("--grad-clip", "0"));
        String[] r = runCapturing(args);
        assertEquals("3", r[0], r[1]);
        Matcher m = Pattern.compile("prdarts: the training loss is (NaN|-?Infinity) at epoch (\\d+), step (\\d+): "
                + "training diverged \\(try a lower learning rate\\)").matcher(r[1]);
        assertTrue(m.matches(), r[1]);
        int epoch = Integer.parseInt(m.group(2));
        assertTrue(epoch >= 2, "lr 3 should survive the first epoch: " + r[1]);
        assertEquals(epoch - 1, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        byte[] before = Files.readAllBytes(run.resolve(CheckpointStore.CURRENT));
        CheckpointStore.Loaded loaded = new CheckpointStore(run).loadLatest().orElseThrow();
        assertEquals(run.resolve(CheckpointStore.CURRENT), loaded.file());
        assertTrue(loaded.skipped().isEmpty(), loaded.skipped().toString());
        assertEquals(epoch - 1, loaded.checkpoint().meta().get("epoch").getAsInt());
        assertEquals(0, loaded.checkpoint().meta().get("step").getAsInt());
        assertTrue(Json.read(run.resolve("manifest.json"), Manifest.class).outcome().startsWith("diverged: "));

        // the resumed run starts from that checkpoint and, being exact on this machine, diverges at the same step
        String[] again = runCapturing(List.of("train", "--resume", run.toString(), "--threads", "1"));
        assertEquals("3", again[0], again[1]);
        assertEquals(r[1], again[1]);
        assertArrayEquals(before, Files.readAllBytes(run.resolve(CheckpointStore.CURRENT)),
                "a diverged run leaves the checkpoint before it untouched");
        assertEquals(epoch - 1, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        assertFalse(Files.exists(run.resolve("checkpoint.next.ckpt")));

        // a diverged run may continue with a lower learning rate and clipping; the manifest records it
        String[] lower = runCapturing(List.of("train", "--resume", run.toString(), "--threads", "1", "--lr", "0.05",
                "--grad-clip", "5"));
        assertEquals("0", lower[0], lower[1]);
        assertEquals(4, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        Manifest done = Json.read(run.resolve("manifest.json"), Manifest.class);
        assertEquals(Manifest.COMPLETED, done.outcome());
        List<String> changes = done.resumes().get(done.resumes().size() - 1).changes();
        assertTrue(changes.contains("train.lr was 3.0, now 0.05"), changes.toString());
        assertTrue(changes.contains("train.gradClip was 0.0, now 5.0"), changes.toString());
    }
}
