package org.prdarts.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code --config FILE|RUN_DIR} of search and train (a picocli mixin): the job a JSON file
 * describes, in the layout of a run directory's config.json, so that an earlier run's config.json
 * (or the run directory itself) reruns it. Options given beside it override the file's values;
 * the run directory is --out or a new one, never the file's "out".
 */
public final class JobFile {

    @Option(names = "--config", paramLabel = "FILE|RUN_DIR", description = "Run the job in FILE (JSON in the "
            + "layout of a run's config.json), or in RUN_DIR/config.json to rerun an earlier run. Every field must "
            + "be given and none may be unknown. Options given beside it override the file's values (--preset and "
            + "--resume are refused); the run goes to --out or a new runs/ directory, never to the file's \"out\". "
            + "Default: none (start from --preset).")
    Path config;

    /**
     * The run directory --resume names (see {@link ResumeAuto}), or null; --resume beside --config is
     * refused.
     */
    Path resumeDir(String resume, Path out, Consumer<Path> check) {
        if (config == null) {
            return ResumeAuto.resumeDir(resume, out, check);
        }
        if (resume != null) {
            throw new IllegalArgumentException("--config starts a new run and --resume continues one; give one");
        }
        return null;
    }

    /**
     * The job to start from: the file's, its "out" cleared, or without --config the preset's.
     *
     * @param preset the --preset given (refused beside --config), or null
     * @throws IllegalArgumentException one line naming the file and the problem
     */
    <T extends Record> T baseJob(Class<T> type, UnaryOperator<JsonElement> upgrade, String preset,
                                 List<String> presets, Supplier<T> presetJob) {
        if (config == null) {
            return presetJob.get();
        }
        if (preset != null) {
            throw new IllegalArgumentException("--preset and --config both give the starting point; give one");
        }
        Path file = Files.isDirectory(config) ? config.resolve(RunDirectory.CONFIG) : config;
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + config + ": " + (!file.equals(config)
                    ? "no " + RunDirectory.CONFIG + " in that directory" : Files.exists(file)
                    ? "not a regular file (a job file is JSON text)" : "no such file"));
        }
        try {
            return Json.readRecord(file, type, tree -> withoutOut(upgrade.apply(checked(file, type, tree, presets))),
                    true);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("--config " + e.getMessage(), e);
        }
    }

    /**
     * The tree, after the checks a record cannot make: a job of the other command is named as such
     * (rather than by its first missing field), and "preset" is one of the presets' names.
     */
    private static JsonElement checked(Path file, Class<?> type, JsonElement tree, List<String> presets) {
        if (!tree.isJsonObject()) {
            return tree;
        }
        JsonObject o = tree.getAsJsonObject();
        boolean training = o.has("genotype") && !o.has("nodes");
        boolean search = o.has("nodes") && !o.has("genotype");
        boolean wantsSearch = type.getSimpleName().startsWith("Search");
        if (wantsSearch && training || !wantsSearch && search) {
            String kind = training ? "train" : "search";
            throw new IllegalArgumentException("--config " + file + ": a " + (training ? "training" : "search")
                    + " job; run it with "
                    + "prdarts " + kind + " --config " + file);
        }
        JsonElement p = o.get("preset");
        if (p != null && !p.isJsonNull() && !(p.isJsonPrimitive() && presets.contains(p.getAsString()))) {
            String text = p.toString();
            throw new IllegalArgumentException("--config " + file + ": field 'preset' must be one of "
                    + String.join(", ", presets)
                    + ", found " + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
        }
        return tree;
    }

    /** The job's tree with "out" set to null: where the run goes is not the file's to say. */
    private static JsonElement withoutOut(JsonElement tree) {
        if (!tree.isJsonObject()) {
            return tree;
        }
        JsonObject o = tree.getAsJsonObject().deepCopy();
        o.add("out", JsonNull.INSTANCE);
        return o;
    }
}
