package org.prdarts.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.CliChild;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `prdarts study`: tiny studies on synthetic data, resuming after a kill, and bad input. */
class StudyCliTest {

    private static List<String> tiny(String study, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("study", study, "--dataset", "synthetic", "--image-size", "8",
                "--image-channels", "1", "--subset", "64", "--channels", "4", "--layers", "3", "--epochs", "2",
                "--batch-size", "16", "--train-channels", "4", "--train-layers", "3", "--train-batch-size", "16",
                "--threads", "1", "--out", out.toString()));
        a.addAll(List.of(extra));
        return a;
    }

    private static JsonObject studyJson(Path dir) throws IOException {
        return JsonParser.parseString(Files.readString(dir.resolve("study.json"))).getAsJsonObject();
    }

    private static void assertComplete(Path dir, String study, List<String> figures, int subRuns) throws IOException {
        String text = Files.readString(dir.resolve("study.json"));
        assertFalse(text.contains("NaN") || text.contains("Infinity"), "study.json must be strict JSON");
        JsonObject o = studyJson(dir);
        for (String key : List.of("schema", "study", "preset", "complete", "seconds", "commandLine", "manifest",
                "plan", "summary", "table", "figures", "subRuns")) {
            assertTrue(o.has(key), "study.json lacks " + key);
        }
        assertEquals("prdarts.study/1", o.get("schema").getAsString());
        assertEquals(study, o.get("study").getAsString());
        assertTrue(o.get("complete").getAsBoolean());
        assertEquals(subRuns, o.getAsJsonObject("subRuns").size(), "sub-runs in " + o.getAsJsonObject("subRuns")
                .keySet());
        JsonArray figs = o.getAsJsonArray("figures");
        assertEquals(figures.size(), figs.size());
        for (String f : figures) {
            String svg = Files.readString(dir.resolve(f + ".svg"));
            assertTrue(svg.contains("<svg"), f + ".svg is not SVG");
        }
        List<String> csv = Files.readAllLines(dir.resolve("study.csv"));
        assertEquals("figure,series,x,y", csv.get(0));
        for (String f : figures) {
            assertTrue(csv.stream().anyMatch(l -> l.startsWith(f + ",")), "study.csv has no row of " + f);
        }
        // the page inlines every figure as SVG, with no script and nothing fetched
        String html = Files.readString(dir.resolve("report.html"));
        assertEquals(figures.size(), html.split("<figure class=\"fig\"", -1).length - 1, "figures in report.html");
        assertFalse(html.contains("<script") || html.matches("(?s).*(src|href)=\"(https?:)?//.*"),
                "report.html must be self-contained");
        assertTrue(html.contains("<table>"), "report.html has no summary table");
    }

    @Test
    void collapseStudyResumesAfterAKillWithoutRedoingFinishedSubRuns(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("collapse");
        File log = tmp.resolve("child.log").toFile();
        Process p = CliChild.start(tiny("collapse", dir, "--seeds", "1,2", "--hessian-every", "1"), log);
        // kill the study for real once its first sub-run is recorded as finished
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        Path json = dir.resolve("study.json");
        while (!(Files.exists(json) && subRuns(json) >= 1)) {
            assertTrue(p.isAlive() || Files.exists(json), "the study ended early; see " + log);
            assertTrue(System.nanoTime() < deadline, "first sub-run did not finish in time; see " + log);
            Thread.sleep(20);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        JsonObject before = studyJson(dir).getAsJsonObject("subRuns");
        Map<String, String> manifests = new HashMap<>();
        for (String name : before.keySet()) {
            manifests.put(name, Files.readString(dir.resolve(name).resolve("manifest.json")));
        }
        assertFalse(manifests.isEmpty());

        CliTest.Result r = CliTest.run("study", "collapse", "--resume", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(manifests.size() + " finished sub-runs taken from the earlier run"), r.out());
        for (Map.Entry<String, String> e : manifests.entrySet()) {
            assertEquals(e.getValue(), Files.readString(dir.resolve(e.getKey()).resolve("manifest.json")),
                    e.getKey() + " was run again");
        }
        assertComplete(dir, "collapse", List.of("collapse-skip", "collapse-depth", "collapse-node-depth",
                "collapse-skip-strength", "collapse-hessian"), 4);
        JsonObject o = studyJson(dir);
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("subRuns").entrySet()) {
            JsonArray epochs = e.getValue().getAsJsonObject().getAsJsonArray("epochs");
            assertEquals(2, epochs.size(), e.getKey());
            for (JsonElement ep : epochs) {
                for (String key : List.of("epoch", "skipNormal", "parametricDepthNormal", "nodeDepthNormal",
                        "skipStrength")) {
                    assertTrue(ep.getAsJsonObject().has(key) && !ep.getAsJsonObject().get(key).isJsonNull(),
                            e.getKey() + " epoch lacks " + key);
                }
                double w = ep.getAsJsonObject().get("skipStrength").getAsDouble();
                assertTrue(w >= 0 && w <= 1, "skip weight " + w);
            }
        }
        assertEquals(4, o.getAsJsonArray("table").size());
        for (JsonElement row : o.getAsJsonArray("table")) {
            // two measurements: DARTS-ES needs two windows of five before it can fire
            assertFalse(row.getAsJsonObject().get("earlyStopFired").getAsBoolean(), row.toString());
            assertEquals(2, row.getAsJsonObject().get("epochCount").getAsInt(), row.toString());
        }
        assertTrue(o.getAsJsonObject("summary").has("darts") && o.getAsJsonObject("summary").has("prdarts"));

        // a truncated study.json and a damaged plan: exit 2, one line naming the file
        Path copy = dir.resolveSibling("copy");
        Files.createDirectories(copy);
        Files.copy(dir.resolve("study-plan.json"), copy.resolve("study-plan.json"));
        String result = Files.readString(dir.resolve("study.json"));
        Files.writeString(copy.resolve("study.json"), result.substring(0, result.length() / 2));
        CliTest.Result t = CliTest.run("study", "collapse", "--resume", copy.toString());
        assertEquals(2, t.code(), t.err());
        assertEquals(1, t.err().strip().lines().count(), t.err());
        assertTrue(t.err().startsWith("prdarts: cannot resume " + copy + ": study.json is damaged ("), t.err());
        Files.writeString(copy.resolve("study-plan.json"), "{\"study\": ");
        t = CliTest.run("study", "collapse", "--resume", copy.toString());
        assertEquals(2, t.code(), t.err());
        assertEquals(1, t.err().strip().lines().count(), t.err());
        assertTrue(t.err().startsWith("prdarts: cannot resume " + copy + ": study-plan.json is damaged ("), t.err());
    }

    private static int subRuns(Path json) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            return o.getAsJsonObject("subRuns").size();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Test
    void ablationStudyTrainsEveryVariantsCell(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("ablation");
        List<String> args = tiny("ablation", dir, "--seeds", "1", "--train-epochs", "1");
        args.set(args.indexOf("--epochs") + 1, "1");
        CliTest.Result r = CliTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertComplete(dir, "ablation", List.of("ablation-accuracy"), 6);
        JsonArray table = studyJson(dir).getAsJsonArray("table");
        List<String> variants = new ArrayList<>();
        for (JsonElement row : table) {
            variants.add(row.getAsJsonObject().get("variant").getAsString());
            double acc = row.getAsJsonObject().get("testAccMean").getAsDouble();
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
        }
        assertEquals(List.of("darts", "gates", "gates+sparsity", "gates+path", "prdarts", "random"), variants);
        // the gates-only search ran with every regularizer off, the full one with all on
        JsonObject gates = regularizerConfig(dir.resolve("search-gates-seed1"));
        JsonObject full = regularizerConfig(dir.resolve("search-prdarts-seed1"));
        for (String lambda : List.of("lambdaSkip", "lambdaNonSkip", "lambdaPath")) {
            assertEquals(0, gates.get(lambda).getAsDouble(), lambda);
            assertTrue(full.get(lambda).getAsDouble() > 0, lambda);
        }
        assertEquals(0, regularizerConfig(dir.resolve("search-gates-sparsity-seed1")).get("lambdaPath").getAsDouble());
        assertEquals(0, regularizerConfig(dir.resolve("search-gates-path-seed1")).get("lambdaSkip").getAsDouble());
    }

    @Test
    void searchQualityStudySetsSearchedCellsBesideRandomOnesAtTheSameWallClock(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("quality");
        List<String> args = tiny("search-quality", dir, "--seeds", "1", "--time", "4s", "--random-cells", "2",
                "--train-seeds", "1,2", "--train-epochs", "1");
        CliTest.Result r = CliTest.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        // 2 searches, 2 null searches, (2 searched + 2 random cells) x 2 training seeds
        assertComplete(dir, "search-quality", List.of("search-quality"), 12);
        JsonObject plan = JsonParser.parseString(Files.readString(dir.resolve("study-plan.json"))).getAsJsonObject();
        assertEquals(4.0, plan.getAsJsonObject("search").getAsJsonObject("search").get("timeBudgetSeconds")
                .getAsDouble());
        for (String run : List.of("search-darts-seed1", "search-prdarts-seed1", "null-prdarts-seed1")) {
            JsonObject search = JsonParser.parseString(Files.readString(dir.resolve(run).resolve("config.json")))
                    .getAsJsonObject().getAsJsonObject("search");
            assertEquals(4.0, search.get("timeBudgetSeconds").getAsDouble(), run);
            assertEquals(run.startsWith("null"), search.getAsJsonObject("instruments").get("shuffledLabels")
                    .getAsBoolean(), run);
        }
        JsonObject summary = studyJson(dir).getAsJsonObject("summary");
        assertEquals(2, summary.getAsJsonObject("random").get("n").getAsInt());
        assertTrue(summary.get("trainSeedSd").getAsDouble() >= 0);
        assertTrue(summary.get("trainSeedsForTargetInterval").getAsInt() >= 1);
        for (String method : List.of("darts", "prdarts")) {
            JsonObject m = summary.getAsJsonObject(method);
            JsonObject d = m.getAsJsonObject("differenceToRandom");
            assertTrue(d.get("low").getAsDouble() <= d.get("mean").getAsDouble()
                    && d.get("mean").getAsDouble() <= d.get("high").getAsDouble(), d.toString());
            String verdict = m.get("verdict").getAsString();
            assertTrue(verdict.equals("no conclusion at this budget") || verdict.contains("than random cells"),
                    verdict);
            assertEquals(1, m.getAsJsonArray("decidedNodesNormal").size());
            assertTrue(m.get("nullMarginQ95").getAsDouble() >= 0);
        }
        JsonArray table = studyJson(dir).getAsJsonArray("table");
        assertEquals(4, table.size());
        for (JsonElement row : table) {
            JsonObject acc = row.getAsJsonObject().getAsJsonObject("testAcc");
            assertEquals(2, acc.get("n").getAsInt(), row.toString());
        }
    }

    @Test
    void nullStudySetsTheShuffledLabelSearchesBesideTheRealOnes(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("null");
        CliTest.Result r = CliTest.run(tiny("null", dir, "--seeds", "1").toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertComplete(dir, "null", List.of("null-margins"), 4);
        JsonObject summary = studyJson(dir).getAsJsonObject("summary");
        for (String method : List.of("darts", "prdarts")) {
            JsonObject m = summary.getAsJsonObject(method);
            assertTrue(m.get("nullMarginQ95").getAsDouble() >= 0, m.toString());
            assertTrue(m.has("analyticThreshold") && m.has("decidedAgainstNull"), m.toString());
        }
    }

    @Test
    void randomCellOptionsBelongToSearchQuality(@TempDir Path tmp) {
        Path out = tmp.resolve("s");
        assertUsage(out, "--random-cells and --train-seeds belong to the search-quality study, not collapse",
                "study", "collapse", "--random-cells", "3", "--out", out.toString());
        assertUsage(out, "time must be a duration", "study", "search-quality", "--time", "soon", "--out",
                out.toString());
        assertUsage(out, "--time, --warmup-epochs and --hessian-every belong to the studies that search, not theory",
                "study", "theory", "--hessian-every", "1", "--out", out.toString());
        assertUsage(out, "hessian-every must be >= 0, found -1", "study", "collapse", "--hessian-every", "-1",
                "--out", out.toString());
    }

    /** The regularizer settings of a search run's config.json. */
    private static JsonObject regularizerConfig(Path runDir) throws IOException {
        return JsonParser.parseString(Files.readString(runDir.resolve("config.json"))).getAsJsonObject()
                .getAsJsonObject("search").getAsJsonObject("prdarts").getAsJsonObject("regularizer");
    }

    @Test
    void skipSpeedAndTheoryStudies(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("skip");
        CliTest.Result r = CliTest.run(tiny("skip-speed", dir, "--seeds", "1").toArray(new String[0]));
        assertEquals(0, r.code(), r.err());
        assertComplete(dir, "skip-speed", List.of("skip-speed-loss", "skip-speed-final"), 5);
        JsonObject o = studyJson(dir);
        assertTrue(o.getAsJsonObject("summary").has("spearmanSkipsVsLoss"));
        JsonArray table = o.getAsJsonArray("table");
        for (int k = 0; k < table.size(); k++) {
            JsonObject row = table.get(k).getAsJsonObject();
            assertEquals(k, row.get("skips").getAsInt());
            assertEquals(k, row.get("genotype").getAsString().split("skip_connect", -1).length - 1 - 3,
                    "the base reduction cell has 3 skips, the normal cell k");
        }

        Path theory = tmp.resolve("theory");
        r = CliTest.run("study", "theory", "--out", theory.toString());
        assertEquals(0, r.code(), r.err());
        assertComplete(theory, "theory", List.of("theory-gram", "theory-rate", "theory-gates", "theory-depth"), 1);
        JsonObject s = studyJson(theory).getAsJsonObject("summary");
        assertTrue(s.get("spearmanLastNodeRateMean").getAsDouble() > 0.5, s.toString());
    }

    /** Exit code 2, one error line, nothing written. */
    private static void assertUsage(Path out, String expected, String... args) {
        CliTest.assertRefused(out, expected, args);
    }

    @Test
    void badInputIsOneLineExitTwoAndWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("s");
        assertUsage(out, "study must be one of collapse, ablation, skip-speed, theory, null, search-quality, found 'colapse'",
                "study", "colapse", "--out", out.toString());
        assertUsage(out, "preset must be one of quick, full, found 'fast'",
                "study", "theory", "--preset", "fast", "--out", out.toString());
        assertUsage(out, "--seeds", "study", "collapse", "--seeds", "1,x", "--out", out.toString());
        assertUsage(out, "seeds must be distinct", "study", "theory", "--seeds", "1,1", "--out", out.toString());
    }
}
