package org.prdarts.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunDirectory;
import org.prdarts.search.Search;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeException;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.Genotypes;
import org.prdarts.train.Training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a report reads from a run directory, read generically as JSON trees so that fields added
 * to the metrics later show up without a change here: config.json, manifest.json, metrics.jsonl,
 * genotype.json, memory.json, eval.json, compare.json. Every file but the metrics is optional (a
 * run that was interrupted, or is still running, lacks some); a file that is present but
 * malformed is an error naming the file (and the line, for metrics.jsonl).
 */
public final class RunFiles {
    /** The table of {@code prdarts compare}, marking a comparison directory. */
    public static final String COMPARE = "compare.json";

    /** The kinds of directories a report is made for. */
    public enum Kind { SEARCH, TRAIN, COMPARE }

    private final Path dir;
    private final Kind kind;
    private final JsonObject config;
    private final JsonObject manifest;
    private final List<JsonObject> metrics;
    private final JsonObject memory;
    private final JsonObject eval;
    private final Genotype genotype;

    private RunFiles(Path dir, Kind kind, JsonObject config, JsonObject manifest, List<JsonObject> metrics,
                     JsonObject memory, JsonObject eval, Genotype genotype) {
        this.dir = dir;
        this.kind = kind;
        this.config = config;
        this.manifest = manifest;
        this.metrics = List.copyOf(metrics);
        this.memory = memory;
        this.eval = eval;
        this.genotype = genotype;
    }

    /**
     * Reads a search, training or comparison directory.
     *
     * @throws ReportException if it is none of these, or a file in it is malformed
     */
    public static RunFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportException("run directory " + dir + " does not exist or is not a directory");
        }
        if (Files.isRegularFile(dir.resolve(COMPARE)) || !runDirectories(dir).isEmpty()
                && !Files.exists(dir.resolve(RunDirectory.CONFIG))) {
            return new RunFiles(dir, Kind.COMPARE, null, null, List.of(), null, null, null);
        }
        JsonObject config = object(dir.resolve(RunDirectory.CONFIG));
        List<JsonObject> metrics = metrics(dir.resolve(RunDirectory.METRICS));
        if (config == null && metrics.isEmpty()) {
            throw new ReportException(dir + " is not a run directory: it holds no " + RunDirectory.CONFIG + ", "
                    + RunDirectory.METRICS + " or " + COMPARE);
        }
        boolean search = config != null ? config.has("search") : metrics.get(0).has("method");
        Genotype genotype = null;
        Path genotypeFile = dir.resolve(Genotypes.RUN_FILE_JSON);
        if (Files.isRegularFile(genotypeFile)) {
            try {
                genotype = GenotypeJson.read(genotypeFile);
            } catch (GenotypeException e) {
                throw new ReportException(e.getMessage());
            }
        }
        return new RunFiles(dir, search ? Kind.SEARCH : Kind.TRAIN, config, object(dir.resolve(RunDirectory.MANIFEST)),
                metrics, object(dir.resolve(Search.MEMORY)), object(dir.resolve(Training.EVAL)), genotype);
    }

    /** The run directories directly inside a comparison directory, by name. */
    public static List<Path> runDirectories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve(RunDirectory.CONFIG))).sorted().toList();
        } catch (IOException e) {
            throw new ReportException("cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static JsonObject object(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new ReportException(file + " must hold a JSON object, found " + abbreviate(e.toString()));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ReportException("malformed JSON in " + file + ": " + firstLine(e));
        } catch (IOException e) {
            throw new ReportException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** One object per non-blank line; the first malformed line is the error, naming file and line. */
    static List<JsonObject> metrics(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot read " + file + ": " + e.getMessage());
        }
        List<JsonObject> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonElement e;
            try {
                e = Json.parse(lines.get(i), JsonElement.class, file + " line " + (i + 1));
            } catch (JsonParseException ex) {
                throw new ReportException(firstLine(ex));
            }
            if (!e.isJsonObject()) {
                throw new ReportException(file + " line " + (i + 1) + " must be a JSON object, found "
                        + abbreviate(e.toString()));
            }
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    public Path dir() {
        return dir;
    }

    public Kind kind() {
        return kind;
    }

    /** config.json, or null where the run has not written it. */
    public JsonObject config() {
        return config;
    }

    public JsonObject manifest() {
        return manifest;
    }

    public List<JsonObject> metrics() {
        return metrics;
    }

    public JsonObject memory() {
        return memory;
    }

    public JsonObject eval() {
        return eval;
    }

    /** The search's method ("darts", "prdarts") or "train". */
    public String method() {
        JsonObject search = sub(config, "search");
        if (search != null && search.has("method")) {
            return search.get("method").getAsString();
        }
        if (!metrics.isEmpty() && metrics.get(0).has("method")) {
            return metrics.get(0).get("method").getAsString();
        }
        return kind == Kind.TRAIN ? "train" : "search";
    }

    /** The seed of the run, or null where the config does not say. */
    public Long seed() {
        JsonObject section = sub(config, kind == Kind.SEARCH ? "search" : "train");
        return section != null && section.has("seed") ? section.get("seed").getAsLong() : null;
    }

    /** Epochs the run was configured for, or null. */
    public Integer plannedEpochs() {
        JsonObject section = sub(config, kind == Kind.SEARCH ? "search" : "train");
        return section != null && section.has("epochs") ? section.get("epochs").getAsInt() : null;
    }

    /** Whether the run wrote its final files (its genotype for a search, its finished manifest for both). */
    public boolean finished() {
        boolean ended = manifest != null && manifest.has("endTime") && !manifest.get("endTime").isJsonNull();
        return kind == Kind.SEARCH ? ended && genotype != null : ended;
    }

    /** The final genotype; for a search without one, the one derived at the last finished epoch. */
    public Optional<Genotype> genotype() {
        if (genotype != null) {
            return Optional.of(genotype);
        }
        for (int i = metrics.size() - 1; i >= 0; i--) {
            JsonElement g = metrics.get(i).get("genotype");
            if (g != null && g.isJsonPrimitive()) {
                try {
                    return Optional.of(GenotypeFormat.parse(g.getAsString()));
                } catch (GenotypeException e) {
                    throw new ReportException(dir.resolve(RunDirectory.METRICS) + " line " + (i + 1)
                            + ": field 'genotype' " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** The operation names of the search space, in the order of the weight tables. */
    public List<String> ops() {
        List<String> ops = new ArrayList<>();
        if (config != null && config.has("ops") && config.get("ops").isJsonArray()) {
            for (JsonElement e : config.getAsJsonArray("ops")) {
                ops.add(e.getAsString());
            }
        }
        return ops;
    }

    /** A number per epoch; NaN where an epoch lacks the field or holds null. */
    public double[] series(String key) {
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(metrics.get(i).get(key));
        }
        return out;
    }

    /** The epoch numbers (the {@code epoch} field, else 1, 2, ...). */
    public double[] epochs() {
        double[] e = series("epoch");
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) {
                e[i] = i + 1;
            }
        }
        return e;
    }

    /** Whether any epoch holds a number under {@code key}. */
    public boolean hasSeries(String key) {
        for (double v : series(key)) {
            if (!Double.isNaN(v)) {
                return true;
            }
        }
        return false;
    }

    /** A [rows][columns] table of numbers from one epoch's record, or null where absent. */
    public static double[][] table(JsonObject record, String key) {
        JsonElement e = record.get(key);
        if (e == null || !e.isJsonArray()) {
            return null;
        }
        JsonArray rows = e.getAsJsonArray();
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            if (!rows.get(r).isJsonArray()) {
                return null;
            }
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = new double[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = number(row.get(c));
            }
        }
        return out;
    }

    /** A JSON number as a double; NaN for null, absent or non-numeric values. */
    public static double number(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return Double.NaN;
        }
        return e.getAsDouble();
    }

    static JsonObject sub(JsonObject o, String key) {
        return o != null && o.has(key) && o.get(key).isJsonObject() ? o.getAsJsonObject(key) : null;
    }
}
