package org.prdarts.space;

import org.prdarts.space.ops.Ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenotypeJsonTest {
    private static final String SMALL_JSON = "{\"schema\": \"prdarts.genotype/1\", \"searchSpace\": \"darts-cnn\","
            + " \"ops\": [\"none\", \"skip_connect\", \"sep_conv_3x3\"], \"nodes\": 1,"
            + " \"normal\": [{\"op\": \"sep_conv_3x3\", \"input\": 1}, {\"op\": \"skip_connect\", \"input\": 0}],"
            + " \"normalConcat\": [2],"
            + " \"reduce\": [{\"op\": \"sep_conv_3x3\", \"input\": 0}, {\"op\": \"sep_conv_3x3\", \"input\": 0}],"
            + " \"reduceConcat\": [2]}";

    @Test
    void everyNamedGenotypeRoundTrips() {
        for (Map.Entry<String, Genotype> e : Genotypes.all().entrySet()) {
            String json = GenotypeJson.toJson(e.getValue());
            Genotype back = GenotypeJson.fromJson(json);
            assertEquals(e.getValue(), back, e.getKey());
            assertEquals(json, GenotypeJson.toJson(back), e.getKey());
        }
    }

    @Test
    void writesTheDocumentedFields() {
        JsonObject o = JsonParser.parseString(GenotypeJson.toJson(Genotypes.PRDARTS)).getAsJsonObject();
        assertEquals("prdarts.genotype/1", o.get("schema").getAsString());
        assertEquals("darts-cnn", o.get("searchSpace").getAsString());
        assertEquals(8, o.getAsJsonArray("ops").size());
        assertEquals(4, o.get("nodes").getAsInt());
        JsonObject third = o.getAsJsonArray("normal").get(2).getAsJsonObject();
        assertEquals("dil_conv_3x3", third.get("op").getAsString());
        assertEquals(2, third.get("input").getAsInt());
        assertEquals("[2,3,4,5]", o.get("reduceConcat").toString());
        assertEquals(List.of("schema", "searchSpace", "ops", "nodes", "normal", "normalConcat", "reduce",
                "reduceConcat"), List.copyOf(o.keySet()));
    }

    @Test
    void readsHandWrittenDocumentWithReducedOpSet() {
        Genotype g = GenotypeJson.fromJson(SMALL_JSON);
        assertEquals(List.of(new Genotype.Pair("sep_conv_3x3", 1), new Genotype.Pair("skip_connect", 0)), g.normal());
        assertEquals(List.of(new Genotype.Pair("sep_conv_3x3", 0), new Genotype.Pair("sep_conv_3x3", 0)), g.reduce());
        assertEquals(List.of(2), g.reduceConcat());
        String again = GenotypeJson.toJson(g, List.of("none", "skip_connect", "sep_conv_3x3"));
        assertEquals(g, GenotypeJson.fromJson(again));
    }

    @Test
    void rejectsOpsOutsideTheDeclaredSet() {
        GenotypeException e = assertThrows(GenotypeException.class,
                () -> GenotypeJson.fromJson(SMALL_JSON.replace("\"op\": \"skip_connect\"", "\"op\": \"max_pool_3x3\"")));
        assertEquals("normal cell node 0 (pair 1) has unknown op 'max_pool_3x3'; known ops: none, skip_connect, "
                + "sep_conv_3x3", e.getMessage());
    }

    @Test
    void rejectsBadDocumentsWithNamedField() {
        assertEquals("unsupported genotype schema 'prdarts.genotype/2', expected prdarts.genotype/1",
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace("genotype/1", "genotype/2"))).getMessage());
        assertEquals("genotype nodes is 2 but the cells list 1 nodes (2 pairs each)",
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace("\"nodes\": 1", "\"nodes\": 2"))).getMessage());
        assertEquals("genotype normal[0].input must be an integer, found 1.5",
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace("\"input\": 1}", "\"input\": 1.5}"))).getMessage());
        assertEquals("genotype JSON is missing \"reduceConcat\"",
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace(", \"reduceConcat\": [2]", ""))).getMessage());
        assertEquals("genotype ops[1] is unknown op 'conv'; known ops: " + String.join(", ", Ops.names()),
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace("\"skip_connect\", \"sep", "\"conv\", \"sep")))
                        .getMessage());
        assertEquals("normal cell node 0 (pair 0) reads input 5, out of range: node 0 may read inputs 0..1",
                assertThrows(GenotypeException.class,
                        () -> GenotypeJson.fromJson(SMALL_JSON.replace("\"input\": 1}", "\"input\": 5}"))).getMessage());
        assertTrue(assertThrows(GenotypeException.class, () -> GenotypeJson.fromJson("{\"schema\": "))
                .getMessage().startsWith("genotype JSON is malformed"));
        assertTrue(assertThrows(GenotypeException.class, () -> GenotypeJson.fromJson(SMALL_JSON + " {}"))
                .getMessage().startsWith("genotype JSON"));
        assertEquals("genotype JSON must be an object, found an array",
                assertThrows(GenotypeException.class, () -> GenotypeJson.fromJson("[1]")).getMessage());
    }

    @Test
    void fileRoundTrip(@TempDir Path dir) {
        Path file = dir.resolve("sub/genotype.json");
        GenotypeJson.write(file, Genotypes.DARTS_V1);
        assertEquals(Genotypes.DARTS_V1, GenotypeJson.read(file));
    }
}
