package org.prdarts.cli;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Json;
import org.prdarts.space.ops.Primitives;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run directory is shared between users, so every string in it is data: hostile metric names,
 * nested keys, config and manifest values and file names must reach report.html as text only.
 */
class ReportInjectionTest {
    private static final String SINGLE = "x'><script>alert(1)</script><g id='";
    private static final String DOUBLE = "y\"><script>alert(2)</script><img src=x onerror=\"alert(3)";
    private static final String CELL = "Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), "
            + "('dil_conv_3x3', 2), ('skip_connect', 0)], normal_concat=[2, 3], reduce=[('max_pool_3x3', 0), "
            + "('sep_conv_5x5', 1), ('avg_pool_3x3', 2), ('skip_connect', 1)], reduce_concat=[2, 3])";

    @TempDir
    Path tmp;

    private static Map<String, Object> hostileNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SINGLE, 0.5);
        m.put(DOUBLE, 0.25);
        return m;
    }

    private Path run(String name, boolean search) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Json.write(dir.resolve("config.json"), search
                ? Json.object().put("nodes", 2).put("ops", Primitives.DARTS).put(SINGLE, DOUBLE)
                .put("search", Json.object().put("method", "prdarts").put("epochs", 2).put("seed", 7).build()).build()
                : Json.object().put("train", Map.of("epochs", 2, "seed", 1, DOUBLE, SINGLE)).build());
        StringBuilder lines = new StringBuilder();
        for (int e = 1; e <= 2; e++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("epoch", e);
            r.put("trainLoss", 2.0 / e);
            r.put("trainAcc", 0.1 * e);
            r.put("lr", 0.025 / e);
            if (search) {
                r.put("method", "prdarts");
                r.put("validAcc", 0.09 * e);
                r.put("genotype", CELL);
                r.put("regularizers", hostileNumbers());
            } else {
                r.put("testAcc", 0.2 * e);
            }
            r.put(SINGLE, 1.0 * e);
            r.put(DOUBLE, 2.0 * e);
            r.put("nested" + SINGLE, hostileNumbers());
            r.put("label", SINGLE + DOUBLE);
            lines.append(Json.toCompactJson(r)).append('\n');
        }
        Files.writeString(dir.resolve("metrics.jsonl"), lines.toString());
        Json.write(dir.resolve("manifest.json"), Json.object().put("seed", 7).put(SINGLE, DOUBLE)
                .put("startTime", "2026-11-30T06:00:00Z").put("endTime", "2026-11-30T06:10:00Z").build());
        // a file name cannot hold '/', so the closing tag is left out
        Files.writeString(dir.resolve("a'><b id='pwn' onclick='alert(4)'>\"<i>"), "x");
        return dir;
    }

    @Test
    void hostileNamesAtEveryLevelStayText() throws IOException {
        for (boolean search : new boolean[] {true, false}) {
            Path dir = run(search ? "search" : "train", search);
            CliTest.Result r = CliTest.run("report", dir.toString());
            assertEquals(0, r.code(), r.err());
            Path html = dir.resolve("report.html");
            Document doc = Jsoup.parse(Files.readString(html));
            assertTrue(doc.select("script").isEmpty(), "a report has no script: " + doc.select("script"));
            assertTrue(doc.select("img, b, #pwn, [onerror], [onclick]").isEmpty(),
                    doc.select("img, b, #pwn, [onerror], [onclick]").toString());
            Set<String> ids = new HashSet<>();
            for (Element el : doc.getAllElements()) {
                for (Attribute a : el.attributes()) {
                    assertTrue(a.getKey().matches("[a-z][a-z0-9:-]*"), "attribute name " + a.getKey());
                    assertFalse(a.getKey().startsWith("on"), "event handler " + a);
                    if (!a.getKey().startsWith("data-") && !a.getKey().equals("href")) {
                        assertFalse(a.getValue().contains("<") || a.getValue().contains("alert"),
                                "markup in " + a + " of <" + el.tagName() + ">");
                    }
                }
                if (el.hasAttr("id")) {
                    assertTrue(el.id().matches("[A-Za-z0-9_-]+"), "id " + el.id());
                    assertTrue(ids.add(el.id()), "duplicate id " + el.id());
                }
            }
            // the names are still shown, as text
            assertTrue(doc.text().contains(SINGLE), "hostile name shown as text");
            assertTrue(doc.text().contains(DOUBLE), "hostile name shown as text");
            if (search) {
                assertEquals(2, doc.select("figure[id^=fig-regularizers-]").size());
                assertTrue(doc.select("figure[data-metric]").stream()
                        .anyMatch(f -> f.attr("data-metric").equals("regularizers." + SINGLE)));
            }
            assertTrue(doc.select("figure[data-metric]").stream()
                    .anyMatch(f -> f.attr("data-metric").equals(DOUBLE)));
        }
    }
}
