package org.prdarts.search;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Checkpoint;
import org.prdarts.repro.CheckpointException;
import org.prdarts.repro.CheckpointStore;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exact resume: a search killed (SIGKILL) or stopped (SIGTERM) mid-run and resumed ends with the
 * same genotype, metrics and weights, bit for bit, as one that ran straight through. The runs are
 * child JVMs with one engine thread, so the CPU arithmetic is deterministic.
 */
class ResumeTest {

    static List<String> searchArgs(Path out, String method) {
        return new ArrayList<>(List.of("search", "--method", method, "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "768", "--channels", "4", "--layers", "3", "--nodes", "2",
                "--epochs", "3", "--batch-size", "16", "--threads", "1", "--seed", "5", "--out", out.toString()));
    }

    static Process start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.prdarts.cli.Main"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new java.io.File(System.getProperty("java.io.tmpdir"), "prdarts-resume-test.log")))
                .start();
    }

    static int runToEnd(List<String> args) throws Exception {
        Process p = start(args);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child search did not finish");
        return p.exitValue();
    }

    /** Starts a search, waits until its first epoch is in metrics.jsonl, then stops it. */
    static void interruptAfterFirstEpoch(Path out, String method, boolean kill) throws Exception {
        Process p = start(searchArgs(out, method));
        Path metrics = out.resolve("metrics.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 1)) {
            assertTrue(p.isAlive(), "the search ended before it could be interrupted");
            assertTrue(System.nanoTime() < deadline, "first epoch did not finish in time");
            Thread.sleep(5);
        }
        Thread.sleep(150);
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(out.resolve("genotype.json")), "run finished before the interruption");
    }

    static void assertSameRun(Path a, Path b) throws IOException {
        assertEquals(Files.readString(a.resolve("genotype.txt")), Files.readString(b.resolve("genotype.txt")));
        List<String> ma = Files.readAllLines(a.resolve("metrics.jsonl"));
        List<String> mb = Files.readAllLines(b.resolve("metrics.jsonl"));
        assertEquals(ma.size(), mb.size());
        for (int i = 0; i < ma.size(); i++) {
            JsonObject ja = JsonParser.parseString(ma.get(i)).getAsJsonObject();
            JsonObject jb = JsonParser.parseString(mb.get(i)).getAsJsonObject();
            ja.remove("seconds");
            jb.remove("seconds");
            assertEquals(ja, jb, "metrics of epoch " + (i + 1));
        }
        Checkpoint ca = Checkpoint.read(a.resolve(CheckpointStore.CURRENT));
        Checkpoint cb = Checkpoint.read(b.resolve(CheckpointStore.CURRENT));
        assertEquals(ca.names(), cb.names());
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            for (String n : ca.names()) {
                assertArrayEquals(ca.tensor(m, n).toByteArray(), cb.tensor(m, n).toByteArray(), n);
            }
        }
    }

    @Test
    void killedSearchResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(searchArgs(straight, "prdarts")));
        Path killed = dir.resolve("killed");
        interruptAfterFirstEpoch(killed, "prdarts", true);
        assertEquals(0, runToEnd(List.of("search", "--resume", killed.toString(), "--threads", "1")));
        assertSameRun(straight, killed);
    }

    @Test
    void signalledSearchCheckpointsMidEpochAndResumesExactly(@TempDir Path dir) throws Exception {
        Path straight = dir.resolve("straight");
        assertEquals(0, runToEnd(searchArgs(straight, "darts")));
        Path stopped = dir.resolve("stopped");
        interruptAfterFirstEpoch(stopped, "darts", false);
        Checkpoint c = Checkpoint.read(stopped.resolve(CheckpointStore.CURRENT));
        assertTrue(c.meta().get("step").getAsInt() > 0 || c.meta().get("epoch").getAsInt() > 1,
                "the SIGTERM checkpoint should be taken mid-run: " + c.meta().get("step"));
        assertEquals(0, runToEnd(List.of("search", "--resume", stopped.toString(), "--threads", "1")));
        assertSameRun(straight, stopped);
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
