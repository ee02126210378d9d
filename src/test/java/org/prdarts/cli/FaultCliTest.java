package org.prdarts.cli;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.CliChild;
import org.prdarts.host.EngineSetup;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults and hostile input at the command line: each gives its exit code and one line naming the
 * problem, and leaves nothing where nothing should be written.
 */
class FaultCliTest {

    private static final List<String> DATA = List.of("--dataset", "synthetic", "--image-size", "8",
            "--image-channels", "1", "--subset", "64", "--channels", "4", "--layers", "3", "--epochs", "1",
            "--batch-size", "16", "--threads", "1");

    private static List<String> args(String command, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(DATA);
        if (command.equals("search")) {
            a.addAll(List.of("--nodes", "2"));
        } else {
            a.addAll(List.of("--genotype", "PRDARTS"));
        }
        a.addAll(List.of("--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    /** The exit code and the single error line; fails unless exactly one line was printed to stderr. */
    private static String fails(int code, List<String> args) {
        CliTest.Result r = CliTest.run(args.toArray(new String[0]));
        assertEquals(code, r.code(), "exit code of " + args + "; err: " + r.err());
        String err = r.err().strip();
        List<String> lines = err.lines().filter(l -> l.startsWith("prdarts: ")).toList();
        assertEquals(1, lines.size(), "one error line expected, found:\n" + err);
        return lines.get(0);
    }

    private static void assertAbsent(Path out) {
        assertFalse(Files.exists(out), out + " should not have been created");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void threadCountsBeyondFourPerProcessorAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        int max = EngineSetup.maxThreads();
        for (String command : List.of("search", "train")) {
            List<String> a = args(command, out);
            a.set(a.indexOf("--threads") + 1, "100000");
            assertEquals("prdarts: threads must be at most " + max + " (4 per available processor), found 100000",
                    fails(2, a));
            assertAbsent(out);
        }
    }

    @Test
    void helpListsTheExitCodes() {
        for (String command : List.of("search", "train", "eval")) {
            CliTest.Result r = CliTest.run(command, "--help");
            assertEquals(0, r.code());
            for (String code : List.of("Exit codes:", "  2 ", "  3 ", "  4 ", "  130 ", "  143 ")) {
                assertTrue(r.out().contains(code), command + " --help lacks '" + code + "'");
            }
        }
    }

    @Test
    void gpuOnACpuBuildIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        for (String command : List.of("search", "train")) {
            assertTrue(fails(2, args(command, out, "--device", "gpu"))
                    .startsWith("prdarts: --device gpu: "));
            assertAbsent(out);
        }
    }

    @Test
    void oversizedImagesAreRefused(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        for (String size : List.of("100000", "65536", "1025")) {
            List<String> a = args("train", out);
            a.set(a.indexOf("--image-size") + 1, size);
            assertEquals("prdarts: image size must be <= 1024, found " + size, fails(2, a));
            assertAbsent(out);
        }
    }

    @Test
    void largeSyntheticImagesAreRefusedOnTheirEstimateBeforeBeingGenerated(@TempDir Path tmp) {
        // 2,500 images of 1000x1000 would take minutes to generate; the shape alone decides
        Path out = tmp.resolve("run");
        for (String command : List.of("search", "train")) {
            List<String> a = args(command, out, "--max-memory", "2g");
            a.set(a.indexOf("--image-size") + 1, "1000");
            String what = command.equals("search") ? "search" : "training";
            assertTrue(fails(2, a).startsWith("prdarts: the " + what + " is estimated to need "));
            assertAbsent(out);
        }
    }

    @Test
    void nonFiniteNumbersAreRefusedNamingTheOption(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        for (String[] o : new String[][] {{"--lr", "Infinity"}, {"--lr-min", "NaN"}, {"--gate-a", "-Infinity"},
                {"--lambda-skip", "Infinity"}, {"--lambda-path", "NaN"}}) {
            assertEquals("prdarts: Invalid value for option '" + o[0] + "': '" + o[1] + "' is not a finite number "
                    + "(see 'prdarts search --help')", fails(2, args("search", out, o)));
            assertAbsent(out);
        }
        assertTrue(fails(2, args("train", out, "--lr", "NaN")).contains("'--lr': 'NaN' is not a finite number"));
        assertAbsent(out);
    }

    @Test
    void noneAsTheOnlyOperationIsRefusedUpFront(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        assertEquals("prdarts: ops must hold an operation other than none, found [none]",
                fails(2, args("search", out, "--ops", "none")));
        assertAbsent(out);
    }

    @Test
    void aForeignDirectoryGetsNoLockAndAnEmptyOutIsRefused(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        assertTrue(fails(2, args("search", out)).contains("already holds files of another run (notes.txt)"));
        assertEquals(List.of("notes.txt"), listing(out));
        List<String> empty = args("train", out);
        empty.set(empty.indexOf("--out"), "--out=");
        empty.remove(empty.size() - 1);
        assertEquals("prdarts: Invalid value for option '--out': an empty path; name a file or directory "
                + "(see 'prdarts train --help')", fails(2, empty));
    }

    @Test
    void infoRefusesSizesWhoseCountsWouldOverflow() {
        assertEquals("prdarts: channels must be <= 65536, found 2000000000",
                fails(2, List.of("info", "--genotype", "PRDARTS", "--channels", "2000000000")));
    }

    @Test
    void resumingTheWrongKindOfRunOrABrokenOneIsABadInput(@TempDir Path tmp) throws IOException {
        Path search = tmp.resolve("search");
        Path train = tmp.resolve("train");
        assertEquals(0, CliTest.run(args("search", search).toArray(new String[0])).code());
        assertEquals(0, CliTest.run(args("train", train).toArray(new String[0])).code());
        byte[] searchConfig = Files.readAllBytes(search.resolve("config.json"));
        byte[] trainConfig = Files.readAllBytes(train.resolve("config.json"));

        assertTrue(fails(2, List.of("search", "--resume", train.toString()))
                .startsWith("prdarts: cannot resume " + train + " with search --resume: its config.json is not a "
                        + "search run's"));
        assertTrue(fails(2, List.of("train", "--resume", search.toString()))
                .startsWith("prdarts: cannot resume " + search + " with train --resume: its config.json is not a "
                        + "training run's"));
        assertArrayEquals(searchConfig, Files.readAllBytes(search.resolve("config.json")));
        assertArrayEquals(trainConfig, Files.readAllBytes(train.resolve("config.json")));

        // a training checkpoint in a search run
        Files.copy(train.resolve("checkpoint.ckpt"), search.resolve("checkpoint.ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(search.resolve("checkpoint.prev.ckpt"));
        byte[] manifest = Files.readAllBytes(search.resolve("manifest.json"));
        assertEquals("prdarts: cannot resume " + search + ": its checkpoint was written by a train training, and "
                + "this run is a prdarts search", fails(2, List.of("search", "--resume", search.toString())));
        assertArrayEquals(manifest, Files.readAllBytes(search.resolve("manifest.json")));

        // a PR-DARTS checkpoint in a DARTS run, and one of another seed: each carries its method and job
        Path darts = tmp.resolve("darts");
        assertEquals(0, CliTest.run(args("search", darts, "--method", "darts").toArray(new String[0])).code());
        Path other = tmp.resolve("other");
        assertEquals(0, CliTest.run(args("search", other, "--seed", "5").toArray(new String[0])).code());
        byte[] metrics = Files.readAllBytes(darts.resolve("metrics.jsonl"));
        Files.copy(other.resolve("checkpoint.ckpt"), darts.resolve("checkpoint.ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("prdarts: cannot resume " + darts + ": its checkpoint was written by a prdarts search, and "
                + "this run is a darts search", fails(2, List.of("search", "--resume", darts.toString(),
                "--epochs", "2")));
        assertArrayEquals(metrics, Files.readAllBytes(darts.resolve("metrics.jsonl")));
        Path same = tmp.resolve("same");
        assertEquals(0, CliTest.run(args("search", same).toArray(new String[0])).code());
        Files.copy(other.resolve("checkpoint.ckpt"), same.resolve("checkpoint.ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(same.resolve("checkpoint.prev.ckpt"));
        assertTrue(fails(2, List.of("search", "--resume", same.toString(), "--epochs", "2")).startsWith(
                "prdarts: cannot resume " + same + ": its checkpoint was written by another job (settings other than "));

        Files.writeString(train.resolve("config.json"), "{\"preset\": ");
        assertTrue(fails(2, List.of("train", "--resume", train.toString()))
                .startsWith("prdarts: cannot resume " + train + " with train --resume: its config.json is not a "
                        + "training run's (malformed JSON in"));
    }

    @Test
    void aFailedWriteExitsWithTheIoCodeNamingTheFile(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliTest.run(args("search", run).toArray(new String[0])).code());
        // genotype.json becomes a directory: the write at the end of the resumed run fails
        Files.delete(run.resolve("genotype.json"));
        Files.createDirectories(run.resolve("genotype.json").resolve("x"));
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.ckpt"));
        assertEquals("prdarts: cannot write " + run.resolve("genotype.json") + ": it is a directory; the last "
                + "checkpoint is intact, continue with prdarts search --resume " + run,
                fails(4, List.of("search", "--resume", run.toString(), "--epochs", "2")));
        assertFalse(Arrays.equals(checkpoint, Files.readAllBytes(run.resolve("checkpoint.ckpt"))),
                "the second epoch's checkpoint was written before the failure");
        String outcome = JsonParser.parseString(Files.readString(run.resolve("manifest.json"))).getAsJsonObject()
                .get("outcome").getAsString();
        assertTrue(outcome.startsWith("failed: cannot write"), outcome);
    }

    /** eval and export on a full disk: exit code 4 and one line naming the file, as for every other write. */
    @Test
    void aFullDiskEndsEvalAndExportWithTheIoCode(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("train");
        assertEquals(0, CliTest.run(args("train", run).toArray(new String[0])).code());
        Path torch = tmp.resolve("torch");
        String last = WriteTargetTest.fullDisk(tmp.resolve("export.log"), 2, List.of("export", "--model",
                run.toString(), "--out", torch.toString()), 4);
        assertTrue(last.matches("prdarts: cannot write " + Pattern.quote(torch.toString()) + "/\\S+: File too large"),
                last);
        // eval.json is small and fits; the model's report does not
        last = WriteTargetTest.fullDisk(tmp.resolve("eval.log"), 8, List.of("eval", "--model", run.toString()), 4);
        assertTrue(last.matches("prdarts: cannot write " + Pattern.quote(run.toString()) + "/\\S+: File too large"),
                last);
    }

    /**
     * model.json is under the checksum and checked against the parameters' shapes: an edited
     * channel count is refused by eval, predict and export alike (exit 2, one line, nothing
     * written), as is a model whose checksum file was deleted.
     */
    @Test
    void anEditedModelDescriptionIsRefused(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("train");
        assertEquals(0, CliTest.run(args("train", run).toArray(new String[0])).code());
        Path json = run.resolve("model.json");
        Path sums = run.resolve("model.params.sha256");
        String original = Files.readString(json);
        String originalSums = Files.readString(sums);
        String edited = original.replaceFirst("\"channels\": 4,", "\"channels\": 8,");
        assertFalse(edited.equals(original), original);
        Files.writeString(json, edited);
        Path png = tmp.resolve("x.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_BYTE_GRAY),
                "png", png.toFile());
        byte[] lastEval = Files.readAllBytes(run.resolve("eval.json"));
        String damaged = "prdarts: " + json + " is damaged or was edited: its SHA-256 differs from model.params.sha256; "
                + "train the model again or restore the file";
        assertEquals(damaged, fails(2, List.of("eval", "--model", run.toString())));
        assertEquals(damaged, fails(2, List.of("predict", "--model", run.toString(), png.toString())));
        assertEquals(damaged, fails(2, List.of("export", "--model", run.toString(), "--out",
                tmp.resolve("torch").toString())));
        assertAbsent(tmp.resolve("torch"));
        assertArrayEquals(lastEval, Files.readAllBytes(run.resolve("eval.json")));

        // a checksum file of an earlier version covers model.params only: the shapes catch the edit
        Files.writeString(sums, originalSums.lines().filter(l -> l.endsWith("model.params")).findFirst().orElseThrow()
                + "\n");
        String shape = fails(2, List.of("export", "--model", run.toString(), "--out", tmp.resolve("torch").toString()));
        assertTrue(shape.startsWith("prdarts: " + run.resolve("model.params") + " does not fit the network of "
                + "model.json: parameter ") && shape.contains(" has shape "), shape);
        assertAbsent(tmp.resolve("torch"));
        assertTrue(fails(2, List.of("predict", "--model", run.toString(), png.toString())).contains(" has shape "));

        // deleting the checksum does not switch the check off
        Files.writeString(json, original);
        Files.delete(sums);
        assertEquals("prdarts: " + sums + " is missing, so the model cannot be checked; restore it, or if you trust "
                + "the files run 'sha256sum model.params model.json > model.params.sha256' in " + run,
                fails(2, List.of("eval", "--model", run.toString())));
        Files.writeString(sums, originalSums);
        CliTest.Result ok = CliTest.run("eval", "--model", run.toString());
        assertEquals(0, ok.code(), ok.err());
    }

    @Test
    void aDamagedModelIsRefusedAndAReportPathIsCheckedFirst(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("train");
        assertEquals(0, CliTest.run(args("train", run).toArray(new String[0])).code());
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        assertEquals("prdarts: cannot write the report " + file.resolve("x.json") + ": " + file
                + " is not a directory", fails(2, List.of("eval", "--model", run.toString(), "--json",
                file.resolve("x.json").toString())));

        Path params = run.resolve("model.params");
        byte[] lastEval = Files.readAllBytes(run.resolve("eval.json"));
        try (RandomAccessFile f = new RandomAccessFile(params.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x01);
        }
        assertEquals("prdarts: " + params + " is damaged or was edited: its SHA-256 differs from model.params.sha256; "
                + "train the model again or restore the file", fails(2, List.of("eval", "--model", run.toString())));
        assertArrayEquals(lastEval, Files.readAllBytes(run.resolve("eval.json")), "a refused eval rewrote eval.json");
    }

    /**
     * A disk that fills up mid-run (a file-size limit on the child process, so writes past it fail
     * as on a full disk): exit code 4, one line naming the file, and what became of the checkpoint;
     * for training and for a comparison (whose searches write through the same run session).
     */
    @Test
    void aFullDiskIsAnIoFailureNamingTheFile(@TempDir Path tmp) throws Exception {
        for (String command : List.of("train", "compare")) {
            Path out = tmp.resolve(command);
            List<String> a = command.equals("compare")
                    ? new ArrayList<>(List.of("compare", "--methods", "darts", "--seeds", "1"))
                    : new ArrayList<>(List.of(command));
            a.addAll(DATA);
            a.addAll(command.equals("train") ? List.of("--genotype", "PRDARTS") : List.of("--nodes", "2"));
            a.addAll(List.of("--out", out.toString()));
            File log = tmp.resolve(command + ".log").toFile();
            // 64 KiB holds the configuration, manifest and metrics but not the first checkpoint
            String limited = "ulimit -f 64; exec " + CliChild.command(a).stream().map(FaultCliTest::quoted)
                    .reduce((x, y) -> x + " " + y).orElseThrow();
            Process p = new ProcessBuilder("bash", "-c", limited).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " did not finish");
            String last = CliChild.lastLine(log, "prdarts: ");
            assertEquals(4, p.exitValue(), command + ": " + last);
            assertTrue(last.matches("prdarts: cannot write " + Pattern.quote(out.toString()) + "\\S*: File too large; "
                    + "no checkpoint was written yet"), last);
        }
    }

    private static String quoted(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
