package org.prdarts.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.space.Genotype;

class JsonTest {

    record Inner(String name, double value) {
    }

    record Config(int channels, long seed, float lr, double loss, List<Inner> parts, Instant at,
                  Duration budget, Path data, String note) {
    }

    record Validated(int channels) {
        Validated {
            if (channels < 1) {
                throw new IllegalArgumentException("channels must be >= 1, found " + channels);
            }
        }
    }

    @TempDir
    Path dir;

    @Test
    void recordRoundTripsThroughPrettyAndCompactForms() {
        Config c = new Config(16, 1L << 40, 0.025f, Double.NaN,
                List.of(new Inner("a<b", 0.1), new Inner("line\nbreak", Double.NaN)),
                Instant.parse("2024-05-01T12:00:00.123Z"), Duration.ofMinutes(90), Path.of("data/cifar"),
                null);
        String pretty = Json.toPrettyJson(c);
        String compact = Json.toCompactJson(c);
        assertTrue(pretty.contains("\n  \"channels\": 16,"), pretty);
        assertTrue(pretty.contains("\"at\": \"2024-05-01T12:00:00.123Z\""), pretty);
        assertTrue(pretty.contains("\"budget\": \"PT1H30M\""), pretty);
        assertTrue(pretty.contains("\"loss\": null"), pretty);
        assertTrue(pretty.contains("\"note\": null"), pretty);
        assertTrue(pretty.contains("\"a<b\""), pretty);
        assertFalse(compact.contains("\n"), compact);
        assertEquals(c, Json.fromJson(pretty, Config.class));
        assertEquals(c, Json.fromJson(compact, Config.class));
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullEverywhere() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("loss", Double.POSITIVE_INFINITY);
        record.put("table", new float[][] {{0.5f, Float.NaN}, {Float.NEGATIVE_INFINITY, 1f}});
        record.put("nested", Map.of("path", Double.NaN));
        record.put("boxed", List.of(1.5, Double.NaN));
        String compact = Json.toCompactJson(Json.object().putAll(record).put("acc", Float.NaN).build());
        assertEquals("{\"loss\":null,\"table\":[[0.5,null],[null,1.0]],\"nested\":{\"path\":null},"
                + "\"boxed\":[1.5,null],\"acc\":null}", compact);
        // through a JSON tree too (as study.json is assembled): the tree already holds the nulls
        assertEquals("{\"loss\":null,\"table\":[[0.5,null],[null,1.0]],\"nested\":{\"path\":null},"
                + "\"boxed\":[1.5,null]}", Json.compact().toJson(Json.pretty().toJsonTree(record)));
        // a strict reader accepts it: no NaN or Infinity token is left
        com.google.gson.stream.JsonReader strict = new com.google.gson.stream.JsonReader(new java.io.StringReader(compact));
        strict.setStrictness(com.google.gson.Strictness.STRICT);
        assertTrue(com.google.gson.JsonParser.parseReader(strict).isJsonObject());
        float[] back = Json.fromJson("[0.25, null]", float[].class);
        assertEquals(0.25f, back[0]);
        assertTrue(Float.isNaN(back[1]));
        assertNull(Json.fromJson("[null]", Double[].class)[0]);
    }

    @Test
    void sharedGenotypeRecordRoundTrips() {
        Genotype g = new Genotype(
                List.of(new Genotype.Pair("sep_conv_3x3", 0), new Genotype.Pair("skip_connect", 1)),
                List.of(2),
                List.of(new Genotype.Pair("max_pool_3x3", 0), new Genotype.Pair("none", 1)),
                List.of(2));
        assertEquals(g, Json.fromJson(Json.toPrettyJson(g), Genotype.class));
    }

    @Test
    void malformedFileErrorIsOneLineNamingTheFile() throws IOException {
        Path file = dir.resolve("config.json");
        Files.writeString(file, "{\"channels\": [1, 2}");
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.read(file, Config.class));
        assertTrue(e.getMessage().startsWith("malformed JSON in " + file + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "  \n");
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.read(file, Config.class));
        assertEquals("malformed JSON in " + file + ": no value found", e.getMessage());
    }

    @Test
    void trailingContentIsAnError() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.fromJson("{\"channels\": 1} {\"channels\": 2}", Validated.class));
        assertTrue(e.getMessage().startsWith("malformed JSON in text: "), e.getMessage());
    }

    @Test
    void recordValidationRunsOnRead() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> Json.fromJson("{\"channels\": 0}", Validated.class));
        assertEquals("invalid Validated in text: channels must be >= 1, found 0", e.getMessage());
    }

    @Test
    void writeAddsFinalLineBreakAndReadsBack() throws IOException {
        Path file = dir.resolve("v.json");
        Json.write(file, new Validated(3));
        assertEquals("{\n  \"channels\": 3\n}\n", Files.readString(file));
        assertEquals(new Validated(3), Json.read(file, Validated.class));
    }

    @Test
    void objectBuilderKeepsOrderAndSerialisesValues() {
        JsonObject o = Json.object().put("epoch", 3).put("loss", 0.5).put("op", "skip_connect")
                .put("part", new Inner("x", 1.5)).put("missing", null).build();
        assertEquals("{\"epoch\":3,\"loss\":0.5,\"op\":\"skip_connect\","
                + "\"part\":{\"name\":\"x\",\"value\":1.5},\"missing\":null}", Json.toCompactJson(o));
        JsonObject merged = Json.object().put("step", 7).putAll(new Inner("y", 2.0)).build();
        assertEquals("{\"step\":7,\"name\":\"y\",\"value\":2.0}", Json.toCompactJson(merged));
    }

    @Test
    void objectFromMapAndRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", List.of(1, 2));
        assertEquals("{\"b\":1,\"a\":[1,2]}", Json.toCompactJson(Json.object(m)));
        JsonObject fromRecord = Json.toObject(new Inner("n", 0.25));
        assertEquals(0.25, fromRecord.get("value").getAsDouble());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.toObject(List.of(1)));
        assertTrue(e.getMessage().startsWith("value must serialise to a JSON object, found "),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.object().put("", 1));
    }

    @Test
    void nullFieldsReadBackAsNull() {
        Config c = Json.fromJson("{\"channels\": 4}", Config.class);
        assertEquals(4, c.channels());
        assertNull(c.note());
        assertNull(c.at());
    }
}
