package org.prdarts.space;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.prdarts.space.ops.Ops;
import org.prdarts.space.ops.Primitives;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The versioned JSON form of a genotype, for run directories and tools.
 *
 * <h2>Schema {@code prdarts.genotype/1}</h2>
 * <pre>
 * {
 *   "schema": "prdarts.genotype/1",          required, exactly this string
 *   "searchSpace": "darts-cnn",              optional on read, must be "darts-cnn" when present
 *   "ops": ["none", "max_pool_3x3", ...],    the candidate operation set the cell was derived from;
 *                                            optional on read (default: the DARTS set); each name
 *                                            must be a known primitive, no duplicates
 *   "nodes": 4,                              intermediate nodes per cell; optional on read, must
 *                                            match the pair lists when present
 *   "normal": [{"op": "sep_conv_3x3", "input": 1}, ...],   2 pairs per node, node by node, inputs
 *                                            numbered 0 = c_{k-2}, 1 = c_{k-1}, 2.. = nodes
 *   "normalConcat": [2, 3, 4, 5],            states concatenated into the cell output
 *   "reduce": [...],                         as normal, for the reduction cell
 *   "reduceConcat": [2, 3, 4, 5]
 * }
 * </pre>
 * Unknown top-level keys are ignored so that later minor additions stay readable; a different
 * schema string is rejected. Every pair op must belong to {@code ops}, and the genotype must pass
 * {@link GenotypeValidator}. Writing uses the key order above, pretty printed, UTF-8.
 */
public final class GenotypeJson {
    public static final String SCHEMA = "prdarts.genotype/1";
    public static final String SEARCH_SPACE = "darts-cnn";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private GenotypeJson() {
    }

    /** JSON text of a genotype whose candidate set is unknown (see {@link #defaultOps}). */
    public static String toJson(Genotype genotype) {
        return toJson(genotype, defaultOps(genotype));
    }

    /**
     * The candidate set written for a genotype whose search set is not known (a published or
     * hand-written cell): the default space when it holds every op of the cells, so such files
     * read as before; else every registered operation.
     */
    static List<String> defaultOps(Genotype genotype) {
        boolean dartsOnly = Stream.concat(genotype.normal().stream(), genotype.reduce().stream())
                .allMatch(p -> Primitives.DARTS.contains(p.op()));
        return dartsOnly ? Primitives.DARTS : Ops.names();
    }

    /** JSON text of a genotype derived from {@code ops}. */
    public static String toJson(Genotype genotype, List<String> ops) {
        return GSON.toJson(toJsonTree(genotype, ops));
    }

    /** The schema object, for embedding a genotype inside another JSON document. */
    public static JsonObject toJsonTree(Genotype genotype, List<String> ops) {
        GenotypeValidator.validate(genotype, checkOps(ops));
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("searchSpace", SEARCH_SPACE);
        JsonArray opArray = new JsonArray();
        ops.forEach(opArray::add);
        o.add("ops", opArray);
        o.addProperty("nodes", genotype.nodes());
        o.add("normal", pairsToJson(genotype.normal()));
        o.add("normalConcat", intsToJson(genotype.normalConcat()));
        o.add("reduce", pairsToJson(genotype.reduce()));
        o.add("reduceConcat", intsToJson(genotype.reduceConcat()));
        return o;
    }

    /** Reads JSON text (strict JSON: no comments, no trailing content). */
    public static Genotype fromJson(String json) {
        if (json == null || json.isBlank()) {
            throw new GenotypeException("genotype JSON is empty");
        }
        JsonElement root;
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new GenotypeException("genotype JSON has trailing content after the top-level object");
            }
        } catch (JsonParseException | IOException e) {
            throw new GenotypeException("genotype JSON is malformed: " + firstLine(e.getMessage()), e);
        }
        return fromJsonTree(root);
    }

    /** Reads a schema object, e.g. one embedded in a larger document. */
    public static Genotype fromJsonTree(JsonElement root) {
        if (root == null || !root.isJsonObject()) {
            throw new GenotypeException("genotype JSON must be an object, found " + kind(root));
        }
        JsonObject o = root.getAsJsonObject();
        String schema = string(o, "schema", true);
        if (!SCHEMA.equals(schema)) {
            throw new GenotypeException("unsupported genotype schema '" + schema + "', expected " + SCHEMA);
        }
        String space = string(o, "searchSpace", false);
        if (space != null && !SEARCH_SPACE.equals(space)) {
            throw new GenotypeException("genotype searchSpace must be " + SEARCH_SPACE + ", found '" + space + "'");
        }
        List<String> ops = Ops.names();
        if (o.has("ops")) {
            JsonArray arr = array(o, "ops");
            List<String> read = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                read.add(stringElement(arr.get(i), "ops[" + i + "]"));
            }
            ops = checkOps(read);
        }
        Genotype g = new Genotype(pairs(o, "normal"), ints(o, "normalConcat"),
                pairs(o, "reduce"), ints(o, "reduceConcat"));
        GenotypeValidator.validate(g, ops);
        if (o.has("nodes")) {
            int nodes = intElement(o.get("nodes"), "nodes");
            if (nodes != g.nodes()) {
                throw new GenotypeException("genotype nodes is " + nodes + " but the cells list "
                        + g.nodes() + " nodes (2 pairs each)");
            }
        }
        return g;
    }

    /** Writes the JSON form (candidate set: {@link #defaultOps}), creating parent directories. */
    public static void write(Path file, Genotype genotype) {
        write(file, genotype, defaultOps(genotype));
    }

    /** Writes the JSON form, creating parent directories. */
    public static void write(Path file, Genotype genotype, List<String> ops) {
        String text = toJson(genotype, ops) + "\n";
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write genotype to " + file, e);
        }
    }

    /** Reads a genotype JSON file. */
    public static Genotype read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read genotype file " + file, e);
        }
        try {
            return fromJson(text);
        } catch (GenotypeException e) {
            throw new GenotypeException(file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> checkOps(List<String> ops) {
        if (ops == null || ops.isEmpty()) {
            throw new GenotypeException("genotype ops must list at least one operation, found " + ops);
        }
        for (int i = 0; i < ops.size(); i++) {
            String op = ops.get(i);
            if (!Ops.isKnown(op)) {
                throw new GenotypeException("genotype ops[" + i + "] is unknown op '" + op + "'; known ops: "
                        + String.join(", ", Ops.names()));
            }
            if (ops.indexOf(op) != i) {
                throw new GenotypeException("genotype ops lists '" + op + "' twice");
            }
        }
        return List.copyOf(ops);
    }

    private static JsonArray pairsToJson(List<Genotype.Pair> cell) {
        JsonArray arr = new JsonArray();
        for (Genotype.Pair p : cell) {
            JsonObject po = new JsonObject();
            po.addProperty("op", p.op());
            po.addProperty("input", p.input());
            arr.add(po);
        }
        return arr;
    }

    private static JsonArray intsToJson(List<Integer> values) {
        JsonArray arr = new JsonArray();
        values.forEach(arr::add);
        return arr;
    }

    private static List<Genotype.Pair> pairs(JsonObject o, String key) {
        JsonArray arr = array(o, key);
        List<Genotype.Pair> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            String where = key + "[" + i + "]";
            JsonElement e = arr.get(i);
            if (!e.isJsonObject()) {
                throw new GenotypeException("genotype " + where + " must be an object {\"op\", \"input\"}, found "
                        + kind(e));
            }
            JsonObject po = e.getAsJsonObject();
            if (!po.has("op") || !po.has("input")) {
                throw new GenotypeException("genotype " + where + " needs both \"op\" and \"input\", found " + po);
            }
            out.add(new Genotype.Pair(stringElement(po.get("op"), where + ".op"),
                    intElement(po.get("input"), where + ".input")));
        }
        return out;
    }

    private static List<Integer> ints(JsonObject o, String key) {
        JsonArray arr = array(o, key);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            out.add(intElement(arr.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null) {
            throw new GenotypeException("genotype JSON is missing \"" + key + "\"");
        }
        if (!e.isJsonArray()) {
            throw new GenotypeException("genotype " + key + " must be an array, found " + kind(e));
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key, boolean required) {
        JsonElement e = o.get(key);
        if (e == null) {
            if (required) {
                throw new GenotypeException("genotype JSON is missing \"" + key + "\"");
            }
            return null;
        }
        return stringElement(e, key);
    }

    private static String stringElement(JsonElement e, String where) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new GenotypeException("genotype " + where + " must be a string, found " + kind(e));
        }
        return e.getAsString();
    }

    private static int intElement(JsonElement e, String where) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new GenotypeException("genotype " + where + " must be an integer, found " + kind(e));
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        try {
            return new BigDecimal(p.getAsString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            throw new GenotypeException("genotype " + where + " must be an integer, found " + p.getAsString());
        }
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        return e.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
