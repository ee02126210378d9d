package org.prdarts.repro;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command-line tool in a child JVM, for tests that stop a run for real (SIGKILL, SIGTERM) and
 * compare the resumed run with one that ran straight through.
 */
public final class CliChild {

    private CliChild() {
    }

    /**
     * A log file for the child runs of one test class, unique to this JVM: two test runs on one
     * machine (two checkouts, say) must not write into each other's log.
     */
    public static File newLog(String name) {
        try {
            File log = File.createTempFile(name, ".log");
            log.deleteOnExit();
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java command that runs {@code org.prdarts.cli.Main} with this JVM's class path. */
    public static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.prdarts.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /** Starts the tool with its output appended to log (read it when a test fails). */
    public static Process start(List<String> args, File log) throws IOException {
        return new ProcessBuilder(command(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
    }

    /** Runs the tool to its end (two minutes at most) and returns its exit code. */
    public static int runToEnd(List<String> args, File log) throws Exception {
        Process p = start(args, log);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child run did not finish: " + args);
        return p.exitValue();
    }

    /**
     * Waits until the run in {@code out} has written its first checkpoint (the end of epoch 1),
     * then at once kills it (SIGKILL) or asks it to stop (SIGTERM), and waits for its end. No
     * fixed delay: on any CPU the stop falls after the first checkpoint and before the run ends.
     *
     * @return the child's exit code
     */
    public static int stopAfterFirstCheckpoint(Process p, Path out, boolean kill) throws Exception {
        Path checkpoint = out.resolve(CheckpointStore.CURRENT);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(checkpoint)) {
            assertTrue(p.isAlive(), "the run ended before it could be interrupted");
            assertTrue(System.nanoTime() < deadline, "first epoch did not finish in time");
            Thread.sleep(1);
        }
        if (kill) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue();
    }

    /**
     * A finished run of {@code epochs} epochs resumed with fewer is refused with exit code 2 and
     * one line, and its files stay as they were.
     */
    public static void assertRefusesFewerEpochs(String command, Path run, int epochs) throws Exception {
        byte[] config = Files.readAllBytes(run.resolve(RunDirectory.CONFIG));
        byte[] metrics = Files.readAllBytes(run.resolve(RunDirectory.METRICS));
        byte[] manifest = Files.readAllBytes(run.resolve(RunDirectory.MANIFEST));
        // a log of its own: the shared test logs may be appended to by other test processes
        File log = run.resolveSibling(run.getFileName() + "-fewer-epochs.log").toFile();
        assertEquals(2, runToEnd(List.of(command, "--resume", run.toString(), "--epochs", Integer.toString(epochs - 1)),
                log));
        assertEquals("prdarts: cannot resume with --epochs " + (epochs - 1) + ": the run has already completed "
                + epochs + " epochs; give --epochs " + epochs + " or more", lastLine(log, "prdarts: "));
        assertArrayEquals(config, Files.readAllBytes(run.resolve(RunDirectory.CONFIG)));
        assertArrayEquals(metrics, Files.readAllBytes(run.resolve(RunDirectory.METRICS)));
        assertArrayEquals(manifest, Files.readAllBytes(run.resolve(RunDirectory.MANIFEST)));
    }

    /** The last line of a log file that starts with {@code prefix}, or "" when none does. */
    public static String lastLine(File log, String prefix) throws IOException {
        String found = "";
        for (String line : Files.readString(log.toPath()).split("[\r\n]+")) {
            if (line.startsWith(prefix)) {
                found = line;
            }
        }
        return found;
    }

    /** The two runs wrote the same metrics.jsonl, apart from the seconds each epoch took. */
    public static void assertSameMetrics(Path a, Path b) throws IOException {
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
    }

    /** The two runs' newest checkpoints hold the same tensors, bit for bit; returns the names. */
    public static List<String> assertSameCheckpoints(Path a, Path b) throws IOException {
        Checkpoint ca = Checkpoint.read(a.resolve(CheckpointStore.CURRENT));
        Checkpoint cb = Checkpoint.read(b.resolve(CheckpointStore.CURRENT));
        assertEquals(ca.names(), cb.names());
        try (NDManager m = NDManager.newBaseManager()) {
            for (String n : ca.names()) {
                assertArrayEquals(ca.tensor(m, n).toByteArray(), cb.tensor(m, n).toByteArray(), n);
            }
        }
        return new ArrayList<>(ca.names());
    }
}
