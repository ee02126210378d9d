package org.prdarts.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeJson;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The reports of a tiny synthetic search, training run and comparison, opened from disk by a real
 * headless Chromium: no console error, no request but the page itself, every figure laid out with
 * a nonzero size, every cell diagram with two labelled arrows per node (the genotype's operations,
 * in order) and one arrow per concatenated node into c_{k}; a screenshot of each page goes to
 * target/report-screenshots. Without Chromium the test is skipped, except under CI (CI=true), where
 * it fails.
 */
class ReportBrowserTest {
    private static final int NODES = 3;
    private static final String[] DATA = {"--dataset", "synthetic", "--subset", "64", "--image-size", "8",
            "--image-channels", "1", "--batch-size", "16", "--channels", "4", "--layers", "3", "--epochs", "2",
            "--threads", "2"};

    @TempDir
    Path tmp;

    @Test
    void reportsOpenInHeadlessChromiumWithEveryFigure() throws Exception {
        String chromium = HeadlessChromium.binary();
        if (chromium == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("chromium is not installed; .ci/run installs it (apt-get install chromium)");
            }
            Assumptions.abort("chromium is not installed");
        }
        Path search = tmp.resolve("search");
        Path train = tmp.resolve("train");
        Path compare = tmp.resolve("compare");
        expectReportLine(TrainCliTest.run(args("search", "--nodes", Integer.toString(NODES), "--out",
                search.toString())), search);
        expectReportLine(TrainCliTest.run(args("train", "--genotype", search.toString(), "--out",
                train.toString())), train);
        expectReportLine(TrainCliTest.run(args("compare", "--nodes", Integer.toString(NODES), "--seeds", "1",
                "--out", compare.toString())), compare);

        Path shots = Path.of("target", "report-screenshots");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, tmp.resolve("profile"))) {
            Map<String, JsonObject> s = open(browser, search, shots.resolve("search.png"));
            assertHas(s, "cell-normal", "cell-reduce", "fig-loss", "fig-accuracy", "fig-lr", "fig-tau", "fig-skips",
                    "fig-depth", "fig-heatmap-normal", "fig-heatmap-reduce", "fig-skip-normal", "fig-skip-reduce");
            assertTrue(s.keySet().stream().anyMatch(k -> k.startsWith("fig-regularizers-")), s.keySet().toString());
            assertCells(s, List.of("cell-normal", "cell-reduce"), List.of(GenotypeJson.read(search.resolve(
                    "genotype.json"))));

            Map<String, JsonObject> t = open(browser, train, shots.resolve("train.png"));
            assertHas(t, "cell-normal", "cell-reduce", "fig-loss", "fig-accuracy", "fig-lr", "fig-perclass",
                    "fig-confusion");
            assertCells(t, List.of("cell-normal", "cell-reduce"), List.of(GenotypeJson.read(train.resolve(
                    "genotype.json"))));

            Map<String, JsonObject> c = open(browser, compare, shots.resolve("compare.png"));
            assertHas(c, "fig-overlay-skipNormal", "fig-overlay-parametricDepthNormal", "fig-overlay-validAcc");
            List<String> runs = List.of("darts-seed1", "prdarts-seed1");
            List<String> cellIds = new ArrayList<>();
            List<Genotype> genotypes = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                cellIds.add("cell-" + i + "-normal");
                cellIds.add("cell-" + i + "-reduce");
                genotypes.add(GenotypeJson.read(compare.resolve(runs.get(i)).resolve("genotype.json")));
            }
            assertCells(c, cellIds, genotypes);
        }
        assertTrue(Files.size(shots.resolve("search.png")) > 10_000, "screenshot too small");
    }

    private static String[] args(String command, String... extra) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(DATA));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    private static void expectReportLine(TrainCliTest.Result r, Path dir) {
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report: " + dir.resolve("report.html")), r.out());
    }

    /** Opens a report; no error, no request but the page, no script; every figure has a size. */
    private static Map<String, JsonObject> open(HeadlessChromium browser, Path dir, Path shot) throws Exception {
        Path page = dir.resolve("report.html");
        HeadlessChromium.Visit v = browser.visit(page, HeadlessChromium.FIGURES, shot);
        assertEquals(List.of(), v.errors(), "console errors in " + page);
        String self = page.toUri().toString();
        for (String url : v.requests()) {
            assertTrue(url.equals(self) || url.startsWith("data:"), "request leaving the file: " + url);
        }
        assertEquals(0, v.value().getAsJsonObject().get("scripts").getAsInt(), "a report holds no script");
        Map<String, JsonObject> figures = HeadlessChromium.figures(v.value());
        assertTrue(!figures.isEmpty(), "no figure in " + page);
        for (JsonObject f : figures.values()) {
            for (String k : List.of("width", "height", "svgWidth", "svgHeight")) {
                assertTrue(f.get(k).getAsDouble() > 0, f.get("id") + " has " + k + " 0 in " + page);
            }
        }
        assertTrue(Files.isRegularFile(shot), "no screenshot " + shot);
        return figures;
    }

    private static void assertHas(Map<String, JsonObject> figures, String... ids) {
        Set<String> present = figures.keySet();
        for (String id : ids) {
            assertTrue(present.contains(id), "figure " + id + " missing; found " + present);
        }
    }

    /** Cell figures {@code ids} (normal, reduce per genotype) draw exactly the genotypes' pairs. */
    private static void assertCells(Map<String, JsonObject> figures, List<String> ids, List<Genotype> genotypes) {
        for (int i = 0; i < ids.size(); i++) {
            JsonObject f = figures.get(ids.get(i));
            assertNotNull(f, "cell figure " + ids.get(i) + " missing");
            Genotype g = genotypes.get(i / 2);
            boolean reduction = i % 2 == 1;
            List<Genotype.Pair> cell = g.cell(reduction);
            assertEquals(2 * NODES, cell.size());
            List<String> ops = new ArrayList<>();
            List<String> from = new ArrayList<>();
            for (Genotype.Pair p : cell) {
                ops.add(p.op());
                from.add(p.input() == 0 ? "c_{k-2}" : p.input() == 1 ? "c_{k-1}" : Integer.toString(p.input() - 2));
            }
            assertEquals(ops, strings(f, "ops"), ids.get(i));
            assertEquals(from, strings(f, "from"), ids.get(i));
            assertEquals(g.concat(reduction).size(), f.get("concat").getAsInt(), ids.get(i));
        }
    }

    private static List<String> strings(JsonObject f, String key) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : f.getAsJsonArray(key)) {
            out.add(e.getAsString());
        }
        return out;
    }
}
