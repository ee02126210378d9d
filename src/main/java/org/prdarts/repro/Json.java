package org.prdarts.repro;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one JSON setup of the project: how config, manifest, genotype and metrics files look.
 *
 * <ul>
 *   <li>Records are written and read through their components (Gson 2.10+ record support), so a
 *       config record round-trips through its canonical constructor and its validation.</li>
 *   <li>{@link #pretty()} indents, for files people read (config, manifest, genotype);
 *       {@link #compact()} writes one line per value, for JSON-lines files (metrics).</li>
 *   <li>Nulls are written, so a field that is unknown ({@code "gitCommit": null}) is visibly
 *       unknown rather than missing.</li>
 *   <li>NaN and infinities are written as {@code null}: the bare tokens {@code NaN} and
 *       {@code Infinity} are not JSON, and jq, JavaScript's {@code JSON.parse} and Go reject
 *       them. A null read into a {@code double} or {@code float} becomes NaN; into a boxed
 *       number, null. Reading stays lenient, so files written with those tokens by earlier
 *       versions still read (lenient reading also accepts comments and unquoted names).</li>
 *   <li>{@link Instant} is written as ISO-8601 text ({@code 2024-05-01T12:00:00Z}),
 *       {@link Duration} as ISO-8601 duration text ({@code PT1H2M}), {@link Path} as its string
 *       form.</li>
 *   <li>Enums that are {@link Labeled} are written as their label ({@code "reference-code"})
 *       and read from the label or the constant's name.</li>
 *   <li>HTML characters are not escaped: these files are never embedded in HTML unquoted, and
 *       {@code <} in a genotype or command line should read as itself.</li>
 * </ul>
 *
 * <p>Malformed input raises {@link JsonParseException} with a one-line message that names the
 * file (or "text") and Gson's description of the problem; a value that a record's constructor
 * rejects raises it with the constructor's message.
 */
public final class Json {

    private static final Gson PRETTY = builder().setPrettyPrinting().create();
    private static final Gson COMPACT = builder().create();

    private Json() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder()
                .serializeNulls()
                .registerTypeAdapter(Double.class, new FiniteAdapter<>(false, Double::valueOf))
                .registerTypeAdapter(double.class, new FiniteAdapter<>(true, Double::valueOf))
                .registerTypeAdapter(Float.class, new FiniteAdapter<>(false, d -> (float) d))
                .registerTypeAdapter(float.class, new FiniteAdapter<>(true, d -> (float) d))
                .setStrictness(Strictness.LENIENT)
                .disableHtmlEscaping()
                .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
                .registerTypeAdapter(Duration.class, new DurationAdapter().nullSafe())
                .registerTypeHierarchyAdapter(Path.class, new PathAdapter().nullSafe())
                .registerTypeAdapterFactory(new LabeledFactory());
    }

    /** The indenting instance, for files people read. Thread-safe. */
    public static Gson pretty() {
        return PRETTY;
    }

    /** The single-line instance, for JSON-lines files. Thread-safe. */
    public static Gson compact() {
        return COMPACT;
    }

    /** {@code value} as indented JSON, without a trailing line break. */
    public static String toPrettyJson(Object value) {
        return PRETTY.toJson(value);
    }

    /** {@code value} as JSON on a single line: strings escape their line breaks. */
    public static String toCompactJson(Object value) {
        return COMPACT.toJson(value);
    }

    /** Parses {@code json} as {@code type}; errors name the source as "text". */
    public static <T> T fromJson(String json, Class<T> type) {
        return parse(json, type, "text");
    }

    /** Parses {@code json} as a generic {@code type} (see Gson's {@code TypeToken}). */
    public static <T> T fromJson(String json, Type type) {
        return parse(json, type, "text");
    }

    /** Reads {@code file} as {@code type}; a malformed or empty file raises an error naming it. */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        return parse(Files.readString(file), type, file.toString());
    }

    /** Reads {@code file} as a generic {@code type}. */
    public static <T> T read(Path file, Type type) throws IOException {
        return parse(Files.readString(file), type, file.toString());
    }

    /**
     * Reads a record this class wrote (nulls included), refusing a file that is truncated,
     * corrupted or lacks a field, with one line naming the file and the first missing field, e.g.
     * "config.json: missing field 'search'". Gson would otherwise leave absent fields null or 0.
     *
     * @throws JsonParseException for malformed JSON, a missing field or a value the record refuses
     * @throws IllegalArgumentException when the file cannot be read
     */
    public static <T extends Record> T readRecord(Path file, Class<T> type) {
        return readRecord(file, type, UnaryOperator.identity(), false);
    }

    /**
     * Reads a record as {@link #readRecord(Path, Class)} does, after {@code upgrade} has turned
     * the JSON tree of an older layout into the current one.
     *
     * @param strict refuse a field the record does not have (for files people write by hand)
     */
    public static <T extends Record> T readRecord(Path file, Class<T> type, UnaryOperator<JsonElement> upgrade,
                                                  boolean strict) {
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new JsonParseException(file + ": not UTF-8 text, the file is corrupted");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        JsonElement tree;
        try {
            tree = upgrade.apply(strict ? parseStrict(text) : JsonParser.parseString(text));
        } catch (JsonParseException e) {
            throw new JsonParseException("malformed JSON in " + file + ": " + firstLine(e), e);
        }
        String missing = missingField("", tree, type);
        if (missing == null && strict) {
            missing = unknownField("", tree, type);
        }
        if (missing == null && strict) {
            missing = wrongValue("", tree, type);
        }
        if (missing != null) {
            throw new JsonParseException(file + ": " + missing);
        }
        return parse(tree, type, file.toString());
    }

    /** The longest string a hand-written file may hold in one field. */
    public static final int MAX_STRING = 10_000;

    /**
     * Parses JSON as RFC 8259 has it, for files people write by hand: no comments, single quotes,
     * unquoted names, NaN or Infinity, no name twice in one object and nothing after the value.
     * Gson's lenient reading would take all of these and keep the last of two equal names, so an
     * edit that seems to change a value could silently not.
     *
     * @throws JsonParseException one line with the position and path of the problem
     */
    public static JsonElement parseStrict(String text) {
        JsonReader r = new JsonReader(new java.io.StringReader(text));
        r.setStrictness(Strictness.STRICT);
        try {
            JsonElement e = readStrict(r);
            if (r.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the JSON value at " + r.getPath());
            }
            return e;
        } catch (com.google.gson.stream.MalformedJsonException e) {
            String m = firstLine(e).replaceFirst("^Use JsonReader.setStrictness\\(Strictness.LENIENT\\) to accept "
                    + "malformed JSON", "not strict JSON (no comments, single quotes, unquoted names, NaN or "
                    + "Infinity)");
            throw new JsonParseException(m, e);
        } catch (java.io.EOFException e) {
            throw new JsonParseException("the text ends early (truncated?)", e);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new JsonParseException(firstLine(e), e);
        }
    }

    private static JsonElement readStrict(JsonReader r) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    if (o.has(name)) {
                        throw new JsonParseException("field '" + name + "' is given twice at " + r.getPath());
                    }
                    o.add(name, readStrict(r));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                com.google.gson.JsonArray a = new com.google.gson.JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(readStrict(r));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new com.google.gson.JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                // kept exact: 99999999999 or 1e30 must not arrive rounded into an int
                return new com.google.gson.JsonPrimitive(new java.math.BigDecimal(r.nextString()));
            }
            case BOOLEAN -> {
                return new com.google.gson.JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return com.google.gson.JsonNull.INSTANCE;
            }
            default -> throw new JsonParseException("unexpected " + r.peek() + " at " + r.getPath());
        }
    }

    /**
     * The first value of the tree whose JSON type or range does not fit its record component, or
     * null: integers must be whole and within range, numbers finite, booleans true or false,
     * strings strings of at most {@link #MAX_STRING} characters. Gson would coerce all of these
     * ("yes" to false, 1.5 to 1, 99999999999 to an overflowed int).
     */
    private static String wrongValue(String prefix, JsonElement tree, Class<?> type) {
        JsonObject o = tree.getAsJsonObject();
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonElement v = o.get(rc.getName());
            String problem = v == null ? null : wrongValue(prefix + rc.getName(), v, rc.getGenericType());
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String wrongValue(String field, JsonElement v, Type type) {
        if (v.isJsonNull()) {
            return null;
        }
        String found = ", found " + abbreviate(v.toString());
        Class<?> c = type instanceof Class<?> k ? k
                : type instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        boolean number = v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber();
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            long min = c == int.class || c == Integer.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long max = c == int.class || c == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            java.math.BigDecimal d = number ? v.getAsBigDecimal() : null;
            boolean whole = d != null && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0);
            if (!whole || d.compareTo(java.math.BigDecimal.valueOf(min)) < 0
                    || d.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
                return "field '" + field + "' must be a whole number from " + min + " to " + max + found;
            }
            return null;
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            double d = number ? v.getAsBigDecimal().doubleValue() : Double.NaN;
            boolean single = c == float.class || c == Float.class;
            if (!Double.isFinite(d) || single && !Float.isFinite((float) d)) {
                return "field '" + field + "' must be a finite number" + found;
            }
            return null;
        }
        if (c == boolean.class || c == Boolean.class) {
            return v.isJsonPrimitive() && v.getAsJsonPrimitive().isBoolean() ? null
                    : "field '" + field + "' must be true or false" + found;
        }
        if (c == String.class || c.isEnum() || Path.class.isAssignableFrom(c) || c == Instant.class
                || c == Duration.class) {
            if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
                return "field '" + field + "' must be a string" + found;
            }
            int length = v.getAsString().length();
            return length <= MAX_STRING ? null : "field '" + field + "' must be at most " + MAX_STRING
                    + " characters long, found " + length;
        }
        if (c.isRecord()) {
            return v.isJsonObject() ? wrongValue(field + ".", v, c) : null;
        }
        if (java.util.List.class.isAssignableFrom(c) && type instanceof java.lang.reflect.ParameterizedType p) {
            if (!v.isJsonArray()) {
                return "field '" + field + "' must be a list" + found;
            }
            com.google.gson.JsonArray a = v.getAsJsonArray();
            for (int i = 0; i < a.size(); i++) {
                String problem = wrongValue(field + "[" + i + "]", a.get(i), p.getActualTypeArguments()[0]);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /**
     * {@code tree} with its member {@code name} replaced by {@code upgrade} of it; a tree without
     * that member is returned as it is. The tree given is not changed.
     */
    public static JsonElement upgradeMember(JsonElement tree, String name, UnaryOperator<JsonElement> upgrade) {
        if (tree == null || !tree.isJsonObject() || !tree.getAsJsonObject().has(name)) {
            return tree;
        }
        JsonObject o = tree.getAsJsonObject().deepCopy();
        o.add(name, upgrade.apply(o.get(name)));
        return o;
    }

    /** The first field of the tree that no record component takes (nested records included), or null. */
    private static String unknownField(String prefix, JsonElement tree, Class<?> type) {
        JsonObject o = tree.getAsJsonObject();
        Map<String, RecordComponent> components = new java.util.HashMap<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            components.put(rc.getName(), rc);
        }
        for (String name : o.keySet()) {
            RecordComponent rc = components.get(name);
            if (rc == null) {
                return "unknown field '" + prefix + name + "'";
            }
            JsonElement v = o.get(name);
            if (rc.getType().isRecord() && v.isJsonObject()) {
                String inner = unknownField(prefix + name + ".", v, rc.getType());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The first record component absent from the tree (nested records included), or null. */
    private static String missingField(String prefix, JsonElement tree, Class<?> type) {
        if (tree == null || !tree.isJsonObject()) {
            return (prefix.isEmpty() ? "expected a JSON object" : "field '" + prefix.substring(0, prefix.length() - 1)
                    + "' must be an object") + ", found " + (tree == null ? "nothing" : abbreviate(tree.toString()));
        }
        JsonObject o = tree.getAsJsonObject();
        for (RecordComponent rc : type.getRecordComponents()) {
            String name = prefix + rc.getName();
            if (!o.has(rc.getName())) {
                return "missing field '" + name + "'";
            }
            JsonElement v = o.get(rc.getName());
            if (v.isJsonNull() && rc.getType().isPrimitive()) {
                return "field '" + name + "' must be a " + rc.getType().getName() + ", found null";
            }
            if (rc.getType().isRecord() && !v.isJsonNull()) {
                String inner = missingField(name + ".", v, rc.getType());
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Writes {@code value} as indented JSON with a final line break, atomically. */
    public static void write(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, toPrettyJson(value) + "\n");
    }

    /**
     * Parses {@code json}, naming {@code source} (a file name, "line 3 of metrics.jsonl", ...) in
     * the one-line error raised for malformed or empty input.
     */
    public static <T> T parse(String json, Type type, String source) {
        return decode(() -> PRETTY.fromJson(json, type), type, source);
    }

    private static <T> T parse(JsonElement tree, Type type, String source) {
        return decode(() -> PRETTY.fromJson(tree, type), type, source);
    }

    private static <T> T decode(java.util.function.Supplier<T> read, Type type, String source) {
        T value;
        try {
            value = read.get();
        } catch (JsonParseException e) {
            throw new JsonParseException("malformed JSON in " + source + ": " + firstLine(e), e);
        } catch (RuntimeException e) {
            // Gson wraps what a record's constructor throws; its validation message is the one
            // a user needs ("channels must be >= 1, found 0").
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new JsonParseException("invalid " + typeName(type) + " in " + source + ": "
                    + firstLine(reason), e);
        }
        if (value == null) {
            throw new JsonParseException("malformed JSON in " + source + ": no value found");
        }
        return value;
    }

    /**
     * The JSON object a record, map or bean serialises to, for adding or reading fields
     * generically; a {@link JsonObject} is returned as a deep copy.
     *
     * @throws IllegalArgumentException if {@code value} does not serialise to an object
     */
    public static JsonObject toObject(Object value) {
        JsonElement tree = PRETTY.toJsonTree(value);
        if (!tree.isJsonObject()) {
            throw new IllegalArgumentException("value must serialise to a JSON object, found "
                    + (value == null ? "null" : value.getClass().getSimpleName() + " " + tree));
        }
        return value instanceof JsonObject ? tree.getAsJsonObject().deepCopy() : tree.getAsJsonObject();
    }

    /** The JSON object of {@code fields}, in the map's iteration order. */
    public static JsonObject object(Map<String, ?> fields) {
        return toObject(fields);
    }

    /** Starts an object whose fields keep the order they are put in. */
    public static ObjectBuilder object() {
        return new ObjectBuilder();
    }

    /** Builds a {@link JsonObject} field by field: {@code Json.object().put("epoch", 3).build()}. */
    public static final class ObjectBuilder {
        private final JsonObject object = new JsonObject();

        private ObjectBuilder() {
        }

        /**
         * Adds {@code name} with {@code value} serialised by the shared setup (numbers, strings,
         * booleans, records, lists, maps, null), replacing an earlier value of the same name.
         */
        public ObjectBuilder put(String name, Object value) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("field name must be non-empty, found "
                        + (name == null ? "null" : "\"\""));
            }
            object.add(name, PRETTY.toJsonTree(value));
            return this;
        }

        /** Adds every field of {@code value}, which must serialise to an object. */
        public ObjectBuilder putAll(Object value) {
            toObject(value).entrySet().forEach(e -> object.add(e.getKey(), e.getValue()));
            return this;
        }

        public JsonObject build() {
            return object.deepCopy();
        }
    }

    private static String typeName(Type type) {
        return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().getMessage();
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Writes a double or float, or null where it is NaN or infinite; reads null back as NaN into a
     * primitive and as null into a boxed number.
     */
    private static final class FiniteAdapter<T extends Number> extends TypeAdapter<T> {
        private final boolean primitive;
        private final java.util.function.DoubleFunction<T> box;

        FiniteAdapter(boolean primitive, java.util.function.DoubleFunction<T> box) {
            this.primitive = primitive;
            this.box = box;
        }

        @Override
        public void write(JsonWriter out, T value) throws IOException {
            if (value == null || !Double.isFinite(value.doubleValue())) {
                out.nullValue();
            } else {
                out.value(value);
            }
        }

        @Override
        public T read(JsonReader in) throws IOException {
            if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
                in.nextNull();
                return primitive ? box.apply(Double.NaN) : null;
            }
            return box.apply(in.nextDouble());
        }
    }

    /** Labeled enums by their label; reading also takes the constant's name, in any case. */
    private static final class LabeledFactory implements com.google.gson.TypeAdapterFactory {
        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public <T> TypeAdapter<T> create(Gson gson, com.google.gson.reflect.TypeToken<T> token) {
            Class<? super T> raw = token.getRawType();
            if (!raw.isEnum() || !Labeled.class.isAssignableFrom(raw)) {
                return null;
            }
            Class<? extends Enum> type = (Class<? extends Enum>) raw;
            return (TypeAdapter<T>) new TypeAdapter<Labeled>() {
                @Override
                public void write(JsonWriter out, Labeled value) throws IOException {
                    out.value(value.label());
                }

                @Override
                public Labeled read(JsonReader in) throws IOException {
                    String text = in.nextString();
                    String field = in.getPreviousPath().replaceFirst("^\\$\\.?", "");
                    return (Labeled) Labeled.parse((Class) type, field, text);
                }
            }.nullSafe();
        }
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            String text = in.nextString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("expected an ISO-8601 instant at " + in.getPath()
                        + ", found \"" + text + "\"", e);
            }
        }
    }

    private static final class DurationAdapter extends TypeAdapter<Duration> {
        @Override
        public void write(JsonWriter out, Duration value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Duration read(JsonReader in) throws IOException {
            String text = in.nextString();
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("expected an ISO-8601 duration at " + in.getPath()
                        + ", found \"" + text + "\"", e);
            }
        }
    }

    private static final class PathAdapter extends TypeAdapter<Path> {
        @Override
        public void write(JsonWriter out, Path value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Path read(JsonReader in) throws IOException {
            return Path.of(in.nextString());
        }
    }

    /** Epoch records (records, maps or JSON objects) as a JSON array (checkpoint metadata). */
    public static com.google.gson.JsonArray toArray(java.util.List<?> records) {
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        for (Object r : records) {
            a.add(toObject(r));
        }
        return a;
    }
}
