package org.prdarts.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.search.WeightOptimizerConfig;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: exit codes, one-line errors, help text, and tiny end-to-end runs. */
class CliTest {

    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Exit code 2, one line on stderr naming the problem (containing {@code expected}), {@code out} absent. */
    static void assertRefused(Path out, String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), "exit code; err: " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one error line expected, found:\n" + err);
        assertTrue(err.startsWith("prdarts: ") && err.contains(expected), "'" + expected + "' not in: " + err);
        assertTrue(!Files.exists(out), out + " was created");
    }

    /** Tiny synthetic settings, so a search that passes validation by mistake still ends quickly. */
    private static List<String> tiny(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("search", "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "64", "--channels", "4", "--layers", "3", "--nodes", "2",
                "--epochs", "2", "--batch-size", "16", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    /** Exit code 2, one error line naming the problem, no run directory left behind. */
    private static void assertUsageError(Path out, List<String> args, String expected) throws IOException {
        Result r = run(args.toArray(new String[0]));
        assertEquals(2, r.code(), "exit code of " + args + "; err: " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one error line expected, found:\n" + err);
        assertTrue(err.startsWith("prdarts: "), err);
        assertTrue(err.contains(expected), "'" + expected + "' not in: " + err);
        assertTrue(!Files.exists(out) || isEmpty(out), "run directory left behind at " + out);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /** Replaces the value of an option in the tiny argument list (or appends it). */
    private static List<String> with(Path out, String option, String value) {
        List<String> a = tiny(out);
        int i = a.indexOf(option);
        if (i >= 0) {
            a.set(i + 1, value);
        } else {
            a.add(option);
            a.add(value);
        }
        return a;
    }

    @Test
    void badOptionsExitWithCodeTwoAndOneLine(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        assertUsageError(out, tiny(out, "--bogus"), "Unknown option: '--bogus'");
        assertUsageError(out, with(out, "--epochs", "0"), "epochs must be >= 1, found 0");
        assertUsageError(out, with(out, "--channels", "-1"), "channels must be >= 1, found -1");
        assertUsageError(out, with(out, "--batch-size", "0"), "batch-size must be >= 1, found 0");
        assertUsageError(out, with(out, "--ops", "foo"), "unknown operation 'foo'");
        assertUsageError(out, with(out, "--dataset", "nope"), "dataset must be one of");
        assertUsageError(out, with(out, "--gate-a", "0.1"), "gate-a must be < 0, found 0.1");
        assertUsageError(out, with(out, "--gate-b", "0.9"), "gate-b must be > 1, found 0.9");
        assertUsageError(out, with(out, "--tau-start", "0"), "tau-start must be > 0, found 0.0");
        assertUsageError(out, tiny(out, "--tau-end", "2", "--tau-start", "1"),
                "tau-end must be <= tau-start (1.0), found 2.0");
        assertUsageError(out, with(out, "--lambda-skip", "-1"), "lambda-skip must be >= 0, found -1.0");
        assertUsageError(out, with(out, "--regularizer", "foo"),
                "regularizer must be paper or reference-code, found 'foo'");
        assertUsageError(out, with(out, "--gate-mode", "foo"), "gate-mode must be top2 or full, found 'foo'");
        assertUsageError(out, with(out, "--epochs", "x"), "--epochs");
    }

    @Test
    void dataProblemsExitWithCodeTwoBeforeTheRunDirectoryExists(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Path missing = tmp.resolve("no-such-folder");
        List<String> a = with(out, "--dataset", "mnist");
        a.addAll(List.of("--data-dir", missing.toString()));
        assertUsageError(out, a, missing.toString());

        // a Fashion-MNIST folder whose image file has the wrong magic number
        Path corrupt = Files.createDirectories(tmp.resolve("corrupt"));
        byte[] badImages = {0, 0, 9, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 7};
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 1, 0};
        Files.write(corrupt.resolve("train-images-idx3-ubyte"), badImages);
        Files.write(corrupt.resolve("t10k-images-idx3-ubyte"), badImages);
        Files.write(corrupt.resolve("train-labels-idx1-ubyte"), labels);
        Files.write(corrupt.resolve("t10k-labels-idx1-ubyte"), labels);
        List<String> b = with(out, "--dataset", "fashion-mnist");
        b.addAll(List.of("--data-dir", corrupt.toString()));
        assertUsageError(out, b, "wrong IDX magic number 0x00000909");
    }

    /** Splits the OPTIONS part of a help text into one block of lines per option. */
    private static List<String> optionBlocks(String help) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (String line : help.split("\\R")) {
            // an option's first line is indented by a few spaces; its wrapped lines by many
            if (line.matches("^ {1,8}(-\\w, )?--\\S.*")) {
                if (current != null) {
                    blocks.add(current.toString());
                }
                current = new StringBuilder(line.strip());
            } else if (current != null && line.startsWith("      ")) {
                current.append(' ').append(line.strip());
            }
        }
        if (current != null) {
            blocks.add(current.toString());
        }
        return blocks;
    }

    private static void assertHelpListsDefaults(String command, List<String> options) {
        Result r = run(command, "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : options) {
            assertTrue(r.out().contains(o), o + " missing from " + command + " --help");
        }
        List<String> blocks = optionBlocks(r.out());
        assertTrue(blocks.size() >= options.size(), "options found: " + blocks);
        for (String b : blocks) {
            if (b.contains("--help") || b.contains("--version")) {
                continue;
            }
            assertTrue(b.contains("Default"), command + ": no default stated in '" + b + "'");
        }
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertHelpListsDefaults("search", List.of("--method", "--out", "--preset", "--dataset", "--epochs",
                "--batch-size", "--channels", "--layers", "--ops", "--tau-start", "--tau-end", "--gate-a", "--gate-b",
                "--gate-mode", "--regularizer", "--lambda-skip", "--lambda-nonskip", "--lambda-path", "--seed",
                "--[no-]nesterov", "--weight-decay", "--beta-init", "--path-factor", "--hinge", "--arch-lr", "--arch-reach",
                "--config", "--json"));
        assertHelpListsDefaults("compare", List.of("--seeds", "--methods", "--out", "--preset", "--epochs"));
        assertHelpListsDefaults("bench", List.of("--configs", "--methods", "--warmup", "--steps", "--gate-mode"));
    }

    /** The help of search states the weight optimizer's defaults as the code defines them. */
    @Test
    void searchHelpStatesTheWeightOptimizersDefaults() {
        List<String> blocks = optionBlocks(run("search", "--help").out());
        for (String[] option : new String[][] {{"--lr", plain(WeightOptimizerConfig.DEFAULT_LR)},
                {"--lr-min", plain(WeightOptimizerConfig.DEFAULT_LR_MIN)},
                {"--momentum", plain(WeightOptimizerConfig.DEFAULT_MOMENTUM)},
                {"--weight-decay", plain(WeightOptimizerConfig.DEFAULT_WEIGHT_DECAY)},
                {"--grad-clip", plain(WeightOptimizerConfig.DEFAULT_GRAD_CLIP)}}) {
            String text = blocks.stream().filter(b -> b.startsWith(option[0] + "=")).findFirst().orElseThrow();
            assertTrue(text.endsWith("Default: " + option[1] + "."), text);
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static List<JsonObject> metrics(Path run) throws IOException {
        List<JsonObject> out = new ArrayList<>();
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(JsonParser.parseString(line).getAsJsonObject());
        }
        return out;
    }

    private static void assertRunDirectory(Path run) {
        for (String f : List.of("config.json", "manifest.json", "metrics.jsonl", "genotype.json", "genotype.txt")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f + " missing in " + run);
        }
    }

    @Test
    void searchSmokeWritesTheRunDirectory(@TempDir Path tmp) throws IOException {
        for (String method : List.of("darts", "prdarts")) {
            Path out = tmp.resolve(method);
            Result r = run(tiny(out, "--method", method).toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            assertRunDirectory(out);
            List<JsonObject> m = metrics(out);
            assertEquals(2, m.size());
            List<String> keys = new ArrayList<>(List.of("trainLoss", "validAcc", "lr", "seconds", "genotype",
                    "skipNormal", "parametricDepthNormal", "nodeDepthNormal"));
            keys.addAll(method.equals("darts") ? List.of("weightsNormal")
                    : List.of("pNonZeroAtTauNormal", "betaNormal", "meanBetaSkipNormal", "pAtTau1SkipNormal", "tau",
                    "regularizers"));
            for (JsonObject line : m) {
                for (String k : keys) {
                    assertTrue(line.has(k), method + ": " + k + " missing from " + line.keySet());
                }
                assertTrue(Double.isFinite(line.get("trainLoss").getAsDouble()));
            }
            assertEquals(0.025, m.get(0).get("lr").getAsDouble(), 1e-12);
            if (method.equals("prdarts")) {
                assertEquals(1.0, m.get(0).get("tau").getAsDouble(), 1e-12);
                assertEquals(0.1, m.get(1).get("tau").getAsDouble(), 1e-12);
            }
            String genotype = Files.readString(out.resolve("genotype.txt")).strip();
            assertEquals(m.get(1).get("genotype").getAsString(), genotype);
            assertTrue(r.out().contains(out.toString()), r.out());
        }
    }

    @Test
    void compareSmokeWritesFourRows(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cmp");
        List<String> a = tiny(out, "--seeds", "1,2");
        a.set(0, "compare");
        Result r = run(a.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        List<String> md = Files.readAllLines(out.resolve("compare.md"));
        // the budget line and a blank line, the table (header, rule, 4 rows), then the agreement table
        assertEquals("Budget: equal-epochs (every method ran the same epochs).", md.get(0));
        assertEquals(4, md.subList(2, 8).stream().filter(l -> l.startsWith("| darts |") || l.startsWith("| prdarts |"))
                .count(), String.join("\n", md));
        assertTrue(md.contains("| method | seeds | normal | reduce | chance |"), String.join("\n", md));
        assertTrue(Files.isRegularFile(out.resolve("agreement.json")));
        List<String> csv = Files.readAllLines(out.resolve("compare.csv"));
        assertEquals(1 + 4, csv.size());
        JsonArray json = JsonParser.parseString(Files.readString(out.resolve("compare.json"))).getAsJsonArray();
        assertEquals(4, json.size());
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            JsonObject row = json.get(i).getAsJsonObject();
            runs.add(row.get("method").getAsString() + "-seed" + row.get("seed").getAsLong());
        }
        assertEquals(List.of("darts-seed1", "prdarts-seed1", "darts-seed2", "prdarts-seed2"), runs);
        for (String run : runs) {
            assertRunDirectory(out.resolve(run));
        }
        assertFalse(csv.get(1).isBlank());
    }
}
