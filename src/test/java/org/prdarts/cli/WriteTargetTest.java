package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.CliChild;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output files that cannot be replaced by a regular file are refused instead of swapped for one;
 * a standard output that lost the JSON and a --json inside the run being written are errors; and a
 * write that fails for want of space ends every command with exit code 4 and one line.
 */
class WriteTargetTest {

    private static String refused(int code, String... args) {
        CliTest.Result r = CliTest.run(args);
        assertEquals(code, r.code(), "exit code of " + List.of(args) + "; err: " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        return err;
    }

    private static void mknod(Path p, String... how) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(how[0], p.toString()));
        cmd.addAll(List.of(how).subList(1, how.length));
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(pr.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, pr.exitValue(), "cannot make " + p + " with " + cmd);
    }

    @Test
    void devicesPipesAndDanglingLinksAreNotReplaced(@TempDir Path tmp) throws Exception {
        Path fifo = tmp.resolve("fifo.svg");
        mknod(fifo, "mkfifo");
        Path dangling = tmp.resolve("dangling.svg");
        Files.createSymbolicLink(dangling, tmp.resolve("missing.svg"));
        List<Path> targets = new ArrayList<>(List.of(fifo, dangling));
        // a character device (the null device's numbers); creating one needs root
        Path device = tmp.resolve("device.svg");
        if (new ProcessBuilder("mknod", device.toString(), "c", "1", "3").start().waitFor() == 0) {
            targets.add(device);
        }
        for (Path t : targets) {
            String why = t.equals(dangling) ? "it is a symbolic link to a missing file"
                    : "it is not a regular file (a device, pipe or socket)";
            assertEquals("prdarts: cannot write the report " + t + ": " + why,
                    refused(2, "draw", "--genotype", "PRDARTS", "--out", t.toString()));
            assertEquals("prdarts: cannot write the report " + t + ": " + why,
                    refused(2, "info", "--genotype", "PRDARTS", "--json", t.toString()));
            assertEquals("prdarts: cannot write the report " + t + ": " + why,
                    refused(2, "report", tmp.toString(), "--out", t.toString()));
            assertFalse(Files.isRegularFile(t, LinkOption.NOFOLLOW_LINKS), t + " became a regular file");
        }
        assertTrue(Files.isSymbolicLink(dangling));
        assertFalse(Files.exists(tmp.resolve("missing.svg")));

        // a link to a regular file is written through, and stays a link
        Path real = tmp.resolve("real.svg");
        Files.writeString(real, "old");
        Path link = tmp.resolve("link.svg");
        Files.createSymbolicLink(link, real);
        assertEquals(0, CliTest.run("draw", "--genotype", "PRDARTS", "--out", link.toString()).code());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("<svg"));
    }

    @Test
    void jsonToAClosedStandardOutputIsAnIoFailure() {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };
        int code;
        try (PrintStream o = new PrintStream(closed, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            code = Main.run("info", "--genotype", "PRDARTS", "--json", "-");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(4, code, text);
        assertEquals("prdarts: cannot write the JSON to standard output: it is closed or full",
                text.lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void jsonInsideTheRunBeingWrittenIsRefused(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        assertEquals("prdarts: --json " + run.resolve("config.json") + " is inside the run directory " + run
                        + ", whose files the run writes; name a file outside it",
                refused(2, "search", "--dataset", "synthetic", "--image-size", "8", "--image-channels", "1",
                        "--subset", "64", "--channels", "4", "--layers", "3", "--nodes", "2", "--epochs", "1",
                        "--out", run.toString(), "--json", run.resolve("config.json").toString()));
        assertFalse(Files.exists(run));
    }

    /** Runs the tool under a file-size limit of {@code kib} KiB, as on a full disk. */
    static String fullDisk(Path log, int kib, List<String> args, int expected) throws Exception {
        List<String> java = new ArrayList<>(CliChild.command(args));
        java.add(1, "-XX:-UsePerfData");
        String limited = "ulimit -f " + kib + "; exec " + java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .reduce((x, y) -> x + " " + y).orElseThrow();
        Process p = new ProcessBuilder("bash", "-c", limited).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), args + " did not finish");
        String last = CliChild.lastLine(log.toFile(), "prdarts: ");
        assertEquals(expected, p.exitValue(), args + ": " + Files.readString(log));
        return last;
    }

    @Test
    void aFullDiskEndsDrawAndReportWithTheIoCode(@TempDir Path tmp) throws Exception {
        Path svg = tmp.resolve("cell.svg");
        String last = fullDisk(tmp.resolve("draw.log"), 2, List.of("draw", "--genotype", "PRDARTS", "--out",
                svg.toString()), 4);
        assertEquals("prdarts: cannot write " + svg + ": File too large", last);
        assertFalse(Files.exists(svg));
        Path run = tmp.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve("config.json"), "{\"train\": {\"epochs\": 1, \"seed\": 1}}\n");
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":1,\"trainLoss\":1.5,\"trainAcc\":0.5,"
                + "\"testAcc\":0.6,\"lr\":0.1,\"seconds\":3.0}\n");
        Path page = tmp.resolve("page.html");
        last = fullDisk(tmp.resolve("report.log"), 2, List.of("report", run.toString(), "--out", page.toString()), 4);
        // the comparison page rewrites the run's own report first: either write is the one that fails
        assertTrue(last.equals("prdarts: cannot write " + page + ": File too large")
                || last.equals("prdarts: cannot write " + run.resolve("report.html") + ": File too large"), last);
        assertFalse(Files.exists(page));
        File[] left = tmp.toFile().listFiles((d, n) -> n.endsWith(".tmp"));
        assertEquals(0, left == null ? 0 : left.length, "temporary files left");
    }
}
