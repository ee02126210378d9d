package org.prdarts.report;

import com.google.gson.JsonObject;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Json;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.ops.Primitives;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reports built from hand-written run directories. */
class ReportTest {
    private static final String CELL_A = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), "
            + "('dil_conv_3x3', 2), ('skip_connect', 0)], normal_concat=[2, 3], reduce=[('max_pool_3x3', 0), "
            + "('sep_conv_5x5', 1), ('avg_pool_3x3', 2), ('skip_connect', 1)], reduce_concat=[2, 3])";
    private static final String CELL_B = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_5x5', 1), "
            + "('dil_conv_3x3', 2), ('dil_conv_5x5', 1)], normal_concat=[2, 3], reduce=[('max_pool_3x3', 0), "
            + "('sep_conv_5x5', 1), ('avg_pool_3x3', 2), ('skip_connect', 1)], reduce_concat=[2, 3])";

    @TempDir
    Path tmp;

    /** A gate-logit table of 5 edges (2 nodes) x 8 ops whose every value is distinct and depends on the epoch. */
    private static double[][] table(int epoch, int cell) {
        double[][] t = new double[5][8];
        for (int e = 0; e < 5; e++) {
            for (int o = 0; o < 8; o++) {
                t[e][o] = Math.round(1000 * (0.05 + 0.9 * ((epoch * 41 + cell * 17 + e * 8 + o) % 97) / 97.0)) / 1000.0;
            }
        }
        return t;
    }

    /** A PR-DARTS search directory with {@code epochs} of 3 epochs written. */
    private Path searchDir(String name, int epochs, boolean finished) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Json.write(dir.resolve("config.json"), Json.object().put("nodes", 2).put("ops", Primitives.DARTS)
                .put("search", Json.object().put("method", "prdarts").put("epochs", 3).put("seed", 7).build()).build());
        StringBuilder lines = new StringBuilder();
        for (int e = 1; e <= epochs; e++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("epoch", e);
            r.put("method", "prdarts");
            r.put("trainLoss", 2.0 / e);
            r.put("validLoss", 2.2 / e);
            r.put("trainAcc", 0.1 * e);
            r.put("validAcc", e == 2 ? Double.NaN : 0.09 * e);
            r.put("lr", 0.025 / e);
            r.put("tau", 1.0 - 0.45 * (e - 1));
            r.put("genotype", e == epochs ? CELL_B : CELL_A);
            r.put("skipNormal", e == epochs ? 0 : 2);
            r.put("parametricDepthNormal", 2);
            r.put("regularizers", Map.of("skip", 0.5, "path", 0.25));
            r.put("betaNormal", table(e, 0));
            r.put("betaReduce", table(e, 1));
            r.put("someNewField", 3.0 * e);
            lines.append(Json.toCompactJson(r)).append('\n');
        }
        Files.writeString(dir.resolve("metrics.jsonl"), lines.toString());
        JsonObject manifest = Json.object().put("seed", 7).put("startTime", "2026-11-30T06:00:00Z")
                .put("endTime", finished ? "2026-11-30T06:10:00Z" : null).build();
        Json.write(dir.resolve("manifest.json"), manifest);
        if (finished) {
            GenotypeJson.write(dir.resolve("genotype.json"), GenotypeFormat.parse(CELL_B));
            Json.write(dir.resolve("memory.json"), Json.object().put("estimate", Map.of("total", 3L << 30))
                    .put("peakResidentBytes", 2L << 30).build());
        }
        return dir;
    }

    @Test
    void heatmapValuesEqualTheMetricsValues() throws IOException {
        Path dir = searchDir("search", 3, true);
        RunFiles run = RunFiles.read(dir);
        for (int cell = 0; cell < 2; cell++) {
            SearchStory.Table t = SearchStory.lastTable(run, cell == 1);
            double[][] expected = table(3, cell);
            assertEquals("gate logit beta", t.quantity());
            assertEquals(Primitives.DARTS, t.ops());
            assertEquals(List.of("c_{k-2} -> 0", "c_{k-1} -> 0", "c_{k-2} -> 1", "c_{k-1} -> 1", "0 -> 1"), t.edges());
            for (int e = 0; e < 5; e++) {
                assertArrayEquals(expected[e], t.values()[e], "edge " + e);
            }
            // the chart plots these numbers: row r, column c at (c, r) with value z
            JFreeChart chart = Charts.heatmap("t", "edge", t.edges(), "op", t.ops(), t.values(), 0, 1, "%.2f");
            XYZDataset data = (XYZDataset) chart.getXYPlot().getDataset();
            assertEquals(40, data.getItemCount(0));
            for (int i = 0; i < 40; i++) {
                int c = (int) data.getXValue(0, i);
                int r = (int) data.getYValue(0, i);
                assertEquals(expected[r][c], data.getZValue(0, i), "cell " + r + "," + c);
            }
            // the skip_connect column (index 3) per epoch and edge
            List<double[]> skips = SearchStory.skipTrajectories(run, cell == 1);
            assertEquals(5, skips.size());
            for (int e = 0; e < 5; e++) {
                assertArrayEquals(new double[] {table(1, cell)[e][3], table(2, cell)[e][3], table(3, cell)[e][3]},
                        skips.get(e));
            }
        }
        Path report = Reports.write(dir);
        String html = Files.readString(report);
        for (String id : List.of("cell-normal", "cell-reduce", "fig-loss", "fig-accuracy", "fig-lr", "fig-tau",
                "fig-regularizers-1", "fig-regularizers-2", "fig-skips", "fig-pdepth", "fig-heatmap-normal",
                "fig-heatmap-reduce", "fig-skip-normal", "fig-skip-reduce")) {
            assertTrue(html.contains("<figure class=\"fig\" id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("data-metric=\"someNewField\""), "the metric named as data");
        assertTrue(html.contains("finished: 3 epochs"), html.substring(0, 800));
        assertFalse(html.contains("<script"), "no script in a report");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org", "")
                .replace("http://www.jfree.org", "").contains("http://"), "no link to the network");
        // the final cell, as a file too
        assertEquals(4, count(Files.readString(dir.resolve("normal.svg")), "class='edge op'"));
        assertTrue(Files.readString(dir.resolve("cells.dot")).contains("dil_conv_5x5"));
    }

    @Test
    void resumedRunsManifestListsItsContinuations() throws IOException {
        Path dir = searchDir("resumed", 3, true);
        Json.write(dir.resolve("manifest.json"), Json.object().put("seed", 7)
                .put("commandLine", List.of("prdarts", "search", "--epochs", "2"))
                .put("resumes", List.of(Map.of("time", "2026-11-30T06:05:00Z", "commandLine",
                        List.of("prdarts", "search", "--resume", "run"), "changes", List.of("epochs was 2, now 3"))))
                .build());
        String html = Files.readString(Reports.write(dir));
        assertTrue(html.contains("prdarts search --epochs 2"), "the command line reads as one line");
        assertTrue(html.contains("epochs was 2, now 3"), "each continuation is shown with its changes");
    }

    @Test
    void interruptedRunStillGivesAReport() throws IOException {
        Path dir = searchDir("interrupted", 2, false);
        Path report = Reports.write(dir);
        String html = Files.readString(report);
        assertTrue(html.contains("not finished (interrupted or still running): 2 of 3 epochs written"), html);
        assertTrue(html.contains("derived at the last finished epoch"), "says the cell is not final");
        assertTrue(html.contains("No memory.json yet"));
        // the cell of the last finished epoch (CELL_B): no skip_connect in the normal cell
        String normal = Files.readString(dir.resolve("normal.svg"));
        assertEquals(0, count(normal, "data-op='skip_connect'"));
        assertEquals(1, count(normal, "data-op='dil_conv_5x5'"));

        // a run that has not finished one epoch: a page without cells or curves, no error
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty);
        Files.copy(dir.resolve("config.json"), empty.resolve("config.json"));
        String page = Files.readString(Reports.write(empty));
        assertTrue(page.contains("No cell yet"), page);
        assertFalse(Files.exists(empty.resolve("normal.svg")));
    }

    @Test
    void corruptMetricsLineIsOneClearError() throws IOException {
        Path dir = searchDir("corrupt", 3, true);
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("metrics.jsonl")));
        lines.set(1, lines.get(1).substring(0, 40));
        Files.write(dir.resolve("metrics.jsonl"), lines);
        ReportException e = assertThrows(ReportException.class, () -> Reports.write(dir));
        assertTrue(e.getMessage().startsWith("malformed JSON in " + dir.resolve("metrics.jsonl") + " line 2: "),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertFalse(Files.exists(dir.resolve("report.html")), "nothing written");

        // the command: exit code 2, one line naming file and line
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = org.prdarts.cli.Main.run("report", dir.toString());
        } finally {
            System.setErr(oldErr);
        }
        String text = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals(2, code, text);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("prdarts: malformed JSON in ") && text.contains("metrics.jsonl line 2"), text);

        lines.set(1, "[1, 2]");
        Files.write(dir.resolve("metrics.jsonl"), lines);
        assertEquals(dir.resolve("metrics.jsonl") + " line 2 must be a JSON object, found [1,2]",
                assertThrows(ReportException.class, () -> Reports.write(dir)).getMessage());
    }

    @Test
    void trainingReportShowsPerClassAccuracyAndConfusion() throws IOException {
        Path dir = tmp.resolve("train");
        Files.createDirectories(dir);
        Json.write(dir.resolve("config.json"), Json.object().put("train", Map.of("epochs", 1, "seed", 1)).build());
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"epoch\":1,\"trainLoss\":1.5,\"trainAcc\":0.5,"
                + "\"testLoss\":null,\"testAcc\":0.6,\"lr\":0.1,\"dropPath\":0.0,\"seconds\":3.0}\n");
        Genotype g = GenotypeFormat.parse(CELL_A);
        GenotypeJson.write(dir.resolve("genotype.json"), g);
        Json.write(dir.resolve("eval.json"), Json.object().put("images", 10).put("accuracy", 0.6).put("loss", 1.1)
                .put("perClassAccuracy", Map.of("a", 0.5, "b", 0.75)).put("classes", List.of("a", "b"))
                .put("confusion", List.of(new long[] {3, 3}, new long[] {1, 3})).build());
        String html = Files.readString(Reports.write(dir));
        for (String id : List.of("cell-normal", "cell-reduce", "fig-loss", "fig-accuracy", "fig-lr", "fig-droppath",
                "fig-perclass", "fig-confusion")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("data-metric=\"seconds\""), "the metric named as data");
        assertTrue(html.contains("Test accuracy 60.00 % over 10 images"), html);
    }

    @Test
    void severalDirectoriesGiveOneComparisonPage() throws IOException {
        Path a = searchDir("a", 3, true);
        Path b = searchDir("b", 2, false);
        Path out = tmp.resolve("pages/compare.html");
        String html = Files.readString(Reports.compare(List.of(a, b), out));
        assertTrue(html.contains("id=\"fig-overlay-skipNormal\""));
        assertTrue(html.contains("id=\"cell-0-normal\"") && html.contains("id=\"cell-1-reduce\""));
        assertTrue(html.contains("href=\"../a/report.html\""), "links to each run's report, relative");
        assertTrue(Files.exists(a.resolve("report.html")) && Files.exists(b.resolve("report.html")));
    }

    private static long count(String text, String needle) {
        long n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
