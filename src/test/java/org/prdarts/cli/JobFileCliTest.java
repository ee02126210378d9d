package org.prdarts.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --config} (a job file, or the config.json of an earlier run) and {@code --json} at the
 * command line: reruns, overrides, the one-line refusals, nothing written on bad input.
 */
class JobFileCliTest {

    private static final List<String> TINY = List.of("--dataset", "synthetic", "--image-size", "8",
            "--image-channels", "1", "--subset", "64", "--channels", "4", "--layers", "3", "--epochs", "1",
            "--batch-size", "16", "--threads", "1");

    private static String[] args(String command, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(TINY);
        a.addAll(command.equals("search") ? List.of("--nodes", "2") : List.of("--genotype", "PRDARTS"));
        a.addAll(List.of("--out", out.toString()));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static JsonObject config(Path run) throws IOException {
        return JsonParser.parseString(Files.readString(run.resolve("config.json"))).getAsJsonObject();
    }

    /** Exit code 2, one line on stderr containing {@code expected}, {@code out} absent. */
    private static void refused(Path out, String expected, String... args) {
        CliTest.assertRefused(out, expected, args);
    }

    @Test
    void aSearchRunsConfigJsonRerunsItAndOptionsBesideItOverride(@TempDir Path tmp) throws IOException {
        Path first = tmp.resolve("first");
        Path result = tmp.resolve("result.json");
        CliTest.Result a = CliTest.run(args("search", first, "--json", result.toString()));
        assertEquals(0, a.code(), a.err());
        JsonObject r = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        assertEquals(first.toString(), r.get("runDir").getAsString());
        assertEquals(Files.readString(first.resolve("genotype.txt")).strip(), r.get("genotype").getAsString());
        assertEquals(1, r.getAsJsonObject("last").get("epoch").getAsInt());

        // the run directory itself names the job; --seed beside it overrides the file's seed
        Path second = tmp.resolve("second");
        CliTest.Result b = CliTest.run("search", "--config", first.toString(), "--seed", "2", "--out",
                second.toString());
        assertEquals(0, b.code(), b.err());
        JsonObject was = config(first);
        JsonObject now = config(second);
        assertEquals(second.toString(), now.get("out").getAsString(), "the run goes to --out, not the file's out");
        assertEquals(2, now.getAsJsonObject("search").get("seed").getAsLong());
        for (JsonObject o : List.of(was, now)) {
            o.remove("out");
            o.getAsJsonObject("search").remove("seed");
        }
        assertEquals(was, now);
    }

    @Test
    void aConfigJsonOfTheEarlierFlatLayoutStillRuns(@TempDir Path tmp) throws IOException {
        Path job = tmp.resolve("job.json");
        try (InputStream in = getClass().getResourceAsStream("/org/prdarts/search/legacy/config.json")) {
            Files.write(job, in.readAllBytes());
        }
        Path run = tmp.resolve("run");
        List<String> a = new ArrayList<>(List.of("search", "--config", job.toString()));
        a.addAll(TINY);
        a.addAll(List.of("--nodes", "2", "--out", run.toString()));
        CliTest.Result r = CliTest.run(a.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        JsonObject search = config(run).getAsJsonObject("search");
        assertEquals("prdarts", search.get("method").getAsString());
        assertEquals("top2", search.getAsJsonObject("prdarts").getAsJsonObject("gates").get("mode").getAsString());
        assertEquals(0.025, search.getAsJsonObject("weights").get("lr").getAsDouble());
    }

    /** Each field of the earlier flat layout and where the grouped layout keeps it. */
    private static final String[][] FLAT = {{"method", "method"}, {"epochs", "epochs"}, {"batchSize", "batchSize"},
        {"weightLr", "weights.lr"}, {"weightLrMin", "weights.lrMin"}, {"momentum", "weights.momentum"},
        {"nesterov", "weights.nesterov"}, {"weightDecay", "weights.weightDecay"}, {"gradClip", "weights.gradClip"},
        {"archLr", "arch.lr"}, {"archReach", "arch.reach"}, {"archBeta1", "arch.beta1"}, {"archBeta2", "arch.beta2"},
        {"archWeightDecay", "arch.weightDecay"}, {"archInitScale", "arch.initScale"},
        {"secondOrder", "darts.secondOrder"}, {"tauStart", "prdarts.tau.start"}, {"tauEnd", "prdarts.tau.end"},
        {"gateA", "prdarts.gates.a"}, {"gateB", "prdarts.gates.b"}, {"gateMode", "prdarts.gates.mode"},
        {"gateDropout", "prdarts.gates.gateDropout"}, {"regularizer", "prdarts.regularizer.form"},
        {"pathFactor", "prdarts.regularizer.pathFactor"}, {"hinge", "prdarts.regularizer.hingeThreshold"},
        {"lambdaSkip", "prdarts.regularizer.lambdaSkip"}, {"lambdaNonskip", "prdarts.regularizer.lambdaNonSkip"},
        {"lambdaPath", "prdarts.regularizer.lambdaPath"}, {"seed", "seed"}};

    @Test
    void aRunDirectoryOfTheFlatLayoutResumes(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliTest.run(args("search", run)).code());
        // the run's config.json as the earlier layout wrote it
        JsonObject job = config(run);
        JsonObject grouped = job.getAsJsonObject("search");
        JsonObject flat = new JsonObject();
        for (String[] f : FLAT) {
            JsonObject o = grouped;
            String[] path = f[1].split("\\.");
            for (int i = 0; i < path.length - 1; i++) {
                o = o.getAsJsonObject(path[i]);
            }
            flat.add(f[0], o.get(path[path.length - 1]));
        }
        job.add("search", flat);
        Files.writeString(run.resolve("config.json"), job.toString());

        CliTest.Result r = CliTest.run("search", "--resume", run.toString(), "--epochs", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, Files.readAllLines(run.resolve("metrics.jsonl")).size());
        assertEquals(grouped.deepCopy().toString().replace("\"epochs\":1", "\"epochs\":2"),
                config(run).getAsJsonObject("search").toString(), "rewritten in the grouped layout");
    }

    /**
     * The architecture learning rate is scaled to the budget a run starts with; a resume that
     * extends the run keeps that rate rather than rescaling to the new epochs mid-run.
     */
    @Test
    void aResumeWithMoreEpochsKeepsTheArchitectureLearningRate(@TempDir Path tmp) throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliTest.run(args("search", run)).code());
        CliTest.Result r = CliTest.run("search", "--resume", run.toString(), "--epochs", "3");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        double first = JsonParser.parseString(lines.get(0)).getAsJsonObject().get("archLr").getAsDouble();
        for (String line : lines) {
            assertEquals(first, JsonParser.parseString(line).getAsJsonObject().get("archLr").getAsDouble(), 0.0, line);
        }
        assertTrue(r.out().contains("architecture learning rate: " + first), r.out());
    }

    @Test
    void badJobFilesAreOneLineWithExitCodeTwoAndWriteNothing(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        Path job = tmp.resolve("job.json");
        LegacyConfig legacy = LegacyConfig.read();
        refused(out, "--config " + job + ": no such file", "search", "--config", job.toString(), "--out",
                out.toString());
        refused(out, "no config.json in that directory", "search", "--config", tmp.toString(), "--out",
                out.toString());
        Files.writeString(job, "{\"preset\": ");
        refused(out, "malformed JSON in " + job, "search", "--config", job.toString(), "--out", out.toString());

        JsonObject o = legacy.object();
        o.remove("nodes");
        Files.writeString(job, o.toString());
        refused(out, job + ": missing field 'nodes'", "search", "--config", job.toString(), "--out", out.toString());

        o = legacy.object();
        o.addProperty("serach", 1);
        Files.writeString(job, o.toString());
        refused(out, job + ": unknown field 'serach'", "search", "--config", job.toString(), "--out", out.toString());

        o = legacy.object();
        o.getAsJsonObject("search").addProperty("epochs", 0);
        Files.writeString(job, o.toString());
        refused(out, "epochs must be >= 1, found 0", "search", "--config", job.toString(), "--out", out.toString());

        o = legacy.object();
        o.getAsJsonObject("search").addProperty("method", "enas");
        Files.writeString(job, o.toString());
        refused(out, "search.method must be darts or prdarts, found 'enas'", "search", "--config", job.toString(),
                "--out", out.toString());

        Files.writeString(job, legacy.object().toString());
        refused(out, "--preset and --config both give the starting point", "search", "--config", job.toString(),
                "--preset", "cpu", "--out", out.toString());
        refused(out, "--config starts a new run and --resume continues one", "search", "--config", job.toString(),
                "--resume", "auto", "--out", out.toString());
        refused(out, "--config " + job + ": ", "train", "--config", job.toString(), "--out", out.toString());
    }

    @Test
    void aTrainingRunsConfigJsonRerunsIt(@TempDir Path tmp) throws IOException {
        Path first = tmp.resolve("first");
        CliTest.Result a = CliTest.run(args("train", first));
        assertEquals(0, a.code(), a.err());
        Path second = tmp.resolve("second");
        Path result = tmp.resolve("result.json");
        CliTest.Result b = CliTest.run("train", "--config", first.resolve("config.json").toString(), "--out",
                second.toString(), "--json", result.toString());
        assertEquals(0, b.code(), b.err());
        JsonObject was = config(first);
        JsonObject now = config(second);
        was.remove("out");
        now.remove("out");
        assertEquals(was, now);
        JsonObject r = JsonParser.parseString(Files.readString(result)).getAsJsonObject();
        assertEquals(second.toString(), r.get("runDir").getAsString());
        assertTrue(r.getAsJsonObject("evaluation").has("accuracy"), r.toString());
    }

    @Test
    void jsonMeansTheSameOnEveryCommandWithAResult(@TempDir Path tmp) throws IOException {
        for (String command : List.of("search", "train", "eval", "compare", "info", "bench", "predict", "study")) {
            CliTest.Result help = CliTest.run(command, "--help");
            assertEquals(0, help.code());
            String flat = help.out().replaceAll("\\s+", " ");
            assertTrue(flat.contains("--json=FILE Write the command's result as JSON to FILE"), command + ": " + flat);
        }
        // '-': JSON alone on standard output, the text on standard error
        CliTest.Result dash = CliTest.run("info", "--genotype", "PRDARTS", "--json", "-");
        assertEquals(0, dash.code(), dash.err());
        JsonObject info = JsonParser.parseString(dash.out()).getAsJsonObject();
        assertEquals(3444814, info.getAsJsonObject("size").get("params").getAsLong());
        assertTrue(dash.err().contains("parameters: 3,444,814"), dash.err());
        // FILE: the text stays on standard output
        Path file = tmp.resolve("info.json");
        CliTest.Result toFile = CliTest.run("info", "--genotype", "PRDARTS", "--json", file.toString());
        assertEquals(0, toFile.code(), toFile.err());
        assertTrue(toFile.out().contains("parameters: 3,444,814"), toFile.out());
        assertEquals(info, JsonParser.parseString(Files.readString(file)).getAsJsonObject());
        // a FILE that cannot be written is refused before the run starts
        Path notDir = tmp.resolve("plain");
        Files.writeString(notDir, "x");
        Path out = tmp.resolve("run");
        refused(out, "cannot write the report " + notDir.resolve("r.json") + ": " + notDir + " is not a directory",
                args("search", out, "--json", notDir.resolve("r.json").toString()));
    }

    /** The earlier layout's config.json of a search, as a tree to break field by field. */
    private record LegacyConfig(String text) {
        static LegacyConfig read() throws IOException {
            try (InputStream in = JobFileCliTest.class.getResourceAsStream("/org/prdarts/search/legacy/config.json")) {
                return new LegacyConfig(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        JsonObject object() {
            return JsonParser.parseString(text).getAsJsonObject();
        }
    }
}
