package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.CheckpointException;
import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.CliChild;
import org.prdarts.repro.Json;
import org.prdarts.repro.Manifest;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact resume: a search killed (SIGKILL) or stopped (SIGTERM) mid-run and resumed ends with the
 * same genotype, metrics and weights, bit for bit, as one that ran straight through. The runs are
 * child JVMs with one engine thread on the same machine, so the CPU arithmetic is deterministic;
 * each is stopped when its first checkpoint exists, never after a fixed delay.
 */
class ResumeTest {

    static List<String> searchArgs(Path out, String method) {
        return new ArrayList<>(List.of("search", "--method", method, "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "768", "--channels", "4", "--layers", "3", "--nodes", "2",
                "--epochs", "3", "--batch-size", "16", "--threads", "1", "--seed", "5", "--out", out.toString()));
    }

    /** Child output goes here, for reading when a test fails. */
    private static final File LOG = CliChild.newLog("prdarts-resume-test");

    static int runToEnd(List<String> args) throws Exception {
        return CliChild.runToEnd(args, LOG);
    }

    /** Starts a search, waits until its first checkpoint exists, then stops it; returns the exit code. */
    static int interruptAfterFirstEpoch(Path out, String method, boolean kill, File log) throws Exception {
        int code = CliChild.stopAfterFirstCheckpoint(CliChild.start(searchArgs(out, method), log), out, kill);
        assertFalse(Files.exists(out.resolve("genotype.json")), "run finished before the interruption");
        return code;
    }

    static void assertSameRun(Path a, Path b) throws IOException {
        assertEquals(Files.readString(a.resolve("genotype.txt")), Files.readString(b.resolve("genotype.txt")));
        CliChild.assertSameMetrics(a, b);
        CliChild.assertSameCheckpoints(a, b);
    }

    @Test
    void killedSearchResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(searchArgs(straight, "prdarts")));
        Path killed = dir.resolve("killed");
        interruptAfterFirstEpoch(killed, "prdarts", true, LOG);
        assertEquals(0, runToEnd(List.of("search", "--resume", killed.toString(), "--threads", "1")));
        assertSameRun(straight, killed);
        CliChild.assertRefusesFewerEpochs("search", killed, 3);
    }

    @Test
    void signalledSearchCheckpointsAndResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(searchArgs(straight, "darts")));
        Path stopped = dir.resolve("stopped");
        File log = dir.resolve("stopped.log").toFile();
        assertEquals(143, interruptAfterFirstEpoch(stopped, "darts", false, log));
        Checkpoint c = Checkpoint.read(stopped.resolve(CheckpointStore.CURRENT));
        int epoch = c.meta().get("epoch").getAsInt();
        int step = c.meta().get("step").getAsInt();
        assertTrue(epoch >= 1, "the SIGTERM checkpoint follows the first epoch's: " + c.meta());
        assertEquals("prdarts: stopped by a signal at epoch " + (epoch + 1) + ", step " + (step + 1)
                + "; checkpoint written, continue with prdarts search --resume " + stopped,
                CliChild.lastLine(log, "prdarts: "));
        Manifest m = Json.read(stopped.resolve("manifest.json"), Manifest.class);
        assertTrue(m.outcome().startsWith("interrupted: stopped by a signal at epoch"), m.outcome());
        Path json = dir.resolve("resumed.json");
        assertEquals(0, runToEnd(List.of("search", "--resume", stopped.toString(), "--threads", "1", "--json",
                json.toString())));
        assertSameRun(straight, stopped);
        // the search's time counts both processes: at least every epoch's own time, the first epoch's included
        double epochs = 0;
        for (String line : Files.readAllLines(stopped.resolve("metrics.jsonl"))) {
            epochs += com.google.gson.JsonParser.parseString(line).getAsJsonObject().get("seconds").getAsDouble();
        }
        double seconds = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject()
                .get("seconds").getAsDouble();
        assertTrue(seconds >= epochs, "search seconds " + seconds + " below its epochs' " + epochs);
        Manifest resumed = Json.read(stopped.resolve("manifest.json"), Manifest.class);
        assertEquals(Manifest.COMPLETED, resumed.outcome());
        assertEquals(m.startTime(), resumed.startTime(), "the first start time is kept");
        assertEquals(1, resumed.resumes().size());
    }

    @Test
    void corruptNewestCheckpointFallsBackToPrevious(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        List<String> args = searchArgs(run, "prdarts");
        args.set(args.indexOf("--epochs") + 1, "2");
        assertEquals(0, runToEnd(args));
        Path current = run.resolve(CheckpointStore.CURRENT);
        long before = new CheckpointStore(run).loadLatest().orElseThrow().checkpoint().meta()
                .get(CheckpointStore.POSITION).getAsLong();
        try (RandomAccessFile f = new RandomAccessFile(current.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x5A);
        }
        CheckpointStore.Loaded loaded = new CheckpointStore(run).loadLatest().orElseThrow();
        assertEquals(run.resolve(CheckpointStore.PREVIOUS), loaded.file());
        assertNotEquals(before, loaded.checkpoint().meta().get(CheckpointStore.POSITION).getAsLong());
        assertEquals(1, loaded.skipped().size());
        assertTrue(loaded.skipped().get(0).contains("checksum"), loaded.skipped().get(0));
        // truncate the previous one too: nothing usable, said clearly
        try (RandomAccessFile f = new RandomAccessFile(run.resolve(CheckpointStore.PREVIOUS).toFile(), "rw")) {
            f.setLength(f.length() / 3);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(run).loadLatest());
        assertTrue(e.getMessage().startsWith("no usable checkpoint in"), e.getMessage());
    }
}
