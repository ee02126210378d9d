package org.prdarts.search;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Json;
import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.Regularizer;
import org.prdarts.search.reg.RegularizerConfig;
import org.prdarts.search.relax.GateConfig;
import org.prdarts.study.StudyPlan;
import org.prdarts.study.StudyRun;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grouped search config as JSON: labels for the closed sets, round trips, and run and study
 * directories written before the settings were grouped (the fixtures under legacy/ are files the
 * earlier layout wrote: a collapse study's plan and one of its searches' config.json).
 */
class SearchConfigJsonTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = SearchConfigJsonTest.class.getResourceAsStream("legacy/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** The fixtures' settings: the defaults of their day, when the path weight was the paper's 0.005. */
    private static SearchConfig writtenWithTheEarlierDefaults(Method method) {
        PrDartsConfig p = PrDartsConfig.defaults();
        return SearchConfig.defaults(method, 25, 40, 1).withPrdarts(p.withRegularizer(p.regularizer()
                .withLambdas(0.01, 0.005, RegularizerConfig.PAPER_LAMBDA_PATH)));
    }

    @Test
    void closedSetsAreWrittenByTheirLabelsAndRoundTrip() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 3, 8, 5)
                .withPrdarts(PrDartsConfig.defaults().withRegularizer(PrDartsConfig.defaults().regularizer()
                        .withForm(Regularizer.Form.REFERENCE_CODE).withPathFactor(PathRegularizer.Factor.SUM)))
                .withGateMode(GateConfig.Mode.FULL);
        JsonObject o = Json.toObject(sc);
        assertEquals("prdarts", o.get("method").getAsString());
        JsonObject prdarts = o.getAsJsonObject("prdarts");
        assertEquals("full", prdarts.getAsJsonObject("gates").get("mode").getAsString());
        assertEquals("reference-code", prdarts.getAsJsonObject("regularizer").get("form").getAsString());
        assertEquals("sum", prdarts.getAsJsonObject("regularizer").get("pathFactor").getAsString());
        assertEquals(sc, Json.fromJson(Json.toPrettyJson(sc), SearchConfig.class));
        // the constants' names read as well
        o.addProperty("method", "DARTS");
        assertEquals(Method.DARTS, Json.fromJson(o.toString(), SearchConfig.class).method());
    }

    @Test
    void aRunDirectoryOfTheFlatLayoutStillLoads(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), fixture("config.json"));
        SearchJob job = Search.runs().savedJob(dir);
        assertEquals(writtenWithTheEarlierDefaults(Method.PRDARTS), job.search());
        assertEquals(4, job.channels());
        assertEquals(Path.of("runs/old-prdarts"), job.out());
        // written again, it is in the grouped layout and reads back equal
        Path again = dir.resolve("again");
        Files.createDirectories(again);
        Json.write(again.resolve("config.json"), job);
        assertFalse(Files.readString(again.resolve("config.json")).contains("weightLr"));
        assertEquals(job, Search.runs().savedJob(again));
    }

    @Test
    void everyFlatFieldLandsInItsGroup(@TempDir Path dir) throws IOException {
        JsonObject o = JsonParser.parseString(fixture("config.json")).getAsJsonObject();
        JsonObject s = o.getAsJsonObject("search");
        s.addProperty("method", "darts");
        s.addProperty("weightLr", 0.05);
        s.addProperty("weightLrMin", 0.002);
        s.addProperty("momentum", 0.8);
        s.addProperty("nesterov", true);
        s.addProperty("weightDecay", 5e-4);
        s.addProperty("gradClip", 3.0);
        s.addProperty("archLr", 1e-3);
        s.addProperty("archReach", 0.0);
        s.addProperty("archBeta1", 0.6);
        s.addProperty("archBeta2", 0.99);
        s.addProperty("archWeightDecay", 2e-3);
        s.addProperty("archInitScale", 0.5);
        s.addProperty("secondOrder", true);
        s.addProperty("tauStart", 10.0);
        s.addProperty("tauEnd", 0.2);
        s.addProperty("gateA", -0.2);
        s.addProperty("gateB", 1.2);
        s.addProperty("gateMode", "full");
        s.addProperty("gateDropout", 0.3);
        s.addProperty("regularizer", "reference-code");
        s.addProperty("pathFactor", "sum");
        s.addProperty("hinge", 0.3);
        s.addProperty("lambdaSkip", 0.02);
        s.addProperty("lambdaNonskip", 0.03);
        s.addProperty("lambdaPath", 0.04);
        s.addProperty("seed", 9);
        Files.writeString(dir.resolve("config.json"), o.toString());
        SearchConfig sc = Search.runs().savedJob(dir).search();
        assertEquals(new WeightOptimizerConfig(0.05, 0.002, 0.8, true, 5e-4, 3.0), sc.weights());
        assertEquals(new ArchOptimizerConfig(1e-3, 0, 0.6, 0.99, 2e-3, 0.5), sc.arch());
        assertTrue(sc.darts().secondOrder());
        assertEquals(10.0, sc.prdarts().tau().start());
        assertEquals(0.2, sc.prdarts().tau().end());
        assertEquals(new GateConfig(-0.2, 1.2, GateConfig.Mode.FULL, 0.3), sc.gates());
        assertEquals(new org.prdarts.search.reg.RegularizerConfig(0.02, 0.03, 0.04, Regularizer.Form.REFERENCE_CODE,
                0.3, PathRegularizer.Factor.SUM), sc.regularizer());
        assertEquals(Method.DARTS, sc.method());
        assertEquals(9L, sc.seed());
    }

    @Test
    void aBadLabelInAFileNamesTheFieldAndTheChoices(@TempDir Path dir) throws IOException {
        JsonObject o = JsonParser.parseString(fixture("config.json")).getAsJsonObject();
        o.getAsJsonObject("search").addProperty("gateMode", "top3");
        Files.writeString(dir.resolve("config.json"), o.toString());
        String message = assertThrows(IllegalArgumentException.class, () -> Search.runs().savedJob(dir)).getMessage();
        assertTrue(message.contains("search.prdarts.gates.mode must be top2 or full, found 'top3'"), message);
    }

    @Test
    void aStudyPlanOfTheFlatLayoutStillLoads(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(StudyRun.PLAN), fixture("study-plan.json"));
        StudyPlan plan = StudyRun.savedPlan(dir);
        assertEquals(writtenWithTheEarlierDefaults(Method.DARTS), plan.search().search());
    }
}
