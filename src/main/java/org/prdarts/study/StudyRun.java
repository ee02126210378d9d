package org.prdarts.study;

import ai.djl.Device;
import com.google.gson.JsonObject;
import com.google.gson.reflect.TypeToken;
import org.prdarts.report.StudyCharts;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunIOException;
import org.prdarts.repro.Manifest;
import org.prdarts.search.Search;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchListener;
import org.prdarts.search.SearchResult;
import org.prdarts.train.TrainEpoch;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainListener;
import org.prdarts.train.TrainResult;
import org.prdarts.train.Training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A study directory while its study runs: the plan, one run directory per sub-run, and study.json
 * rewritten after every finished sub-run. A study started again with {@link #resume} skips the
 * sub-runs study.json lists as finished, continues an interrupted search or training from its
 * checkpoint, and starts over a sub-run that was stopped before its first checkpoint. Several
 * processes may resume one study at once: each sub-run is claimed by one of them
 * ({@link SubRunClaims}) and study.json gathers what each finished. Every sub-run reads the images the
 * first one read ({@code dataRead} in study.json): a study continued on a machine where the same
 * name would read other images (the bundled Fashion-MNIST sample for the full set) is refused.
 */
public final class StudyRun {
    public static final String PLAN = "study-plan.json";
    public static final String RESULT_JSON = "study.json";
    public static final String RESULT_CSV = "study.csv";
    public static final String REPORT = "report.html";
    public static final String SCHEMA = "prdarts.study/1";
    /** Member of study.json naming, per data set, the images the study's sub-runs read. */
    static final String DATA_READ = "dataRead";

    /** Progress display of the sub-runs; a listener that is AutoCloseable is closed after its sub-run. */
    public interface Listeners {
        SearchListener search(String subRun);

        TrainListener train(String subRun);

        void note(String message);
    }

    private final Path dir;
    private final StudyPlan plan;
    private final Map<String, Map<String, Object>> finished;
    /** Per data set name, the images ({@link org.prdarts.data.Datasets#origin}) the sub-runs read. */
    private final Map<String, String> dataRead = new java.util.TreeMap<>();
    private final Listeners listeners;
    private final long maxMemoryBytes;
    private final List<String> commandLine;
    private final long started = System.nanoTime();
    /** Sub-runs taken from study.json, finished before this process or by another one. */
    private final java.util.Set<String> reused = new java.util.LinkedHashSet<>();
    /** Sub-runs this process ran. */
    private final java.util.Set<String> ranHere = new java.util.HashSet<>();
    private final Manifest manifest;
    private final SubRunClaims claims;
    /** How often a worker looks whether the sub-runs it waits for have finished elsewhere. */
    private long pollMillis = 20_000;
    /** What the study makes of its finished sub-runs while it runs (none: study.json lists them only). */
    private Function<Map<String, Map<String, Object>>, Map<String, Object>> soFar;

    private StudyRun(Path dir, StudyPlan plan, Map<String, Map<String, Object>> finished, Listeners listeners,
                     long maxMemoryBytes, List<String> commandLine) {
        this.dir = dir;
        this.plan = plan;
        this.finished = finished;
        this.listeners = listeners;
        this.maxMemoryBytes = maxMemoryBytes;
        this.commandLine = commandLine;
        this.manifest = Manifest.start(plan.seeds().get(0), Device.cpu(), commandLine);
        this.claims = new SubRunClaims(dir);
    }

    /** A new study in {@code dir}, which must not exist or be empty; writes the plan. */
    public static StudyRun start(Path dir, StudyPlan plan, Listeners listeners, long maxMemoryBytes,
                                 List<String> commandLine) {
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IllegalArgumentException("study directory " + dir + " already holds files; choose another "
                    + "--out, or continue that study with --resume " + dir);
        }
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve(PLAN), Json.toPrettyJson(plan) + "\n");
        } catch (IOException e) {
            throw new RunIOException(e.getMessage() + "; the study has not started", e);
        }
        return new StudyRun(dir, plan, new LinkedHashMap<>(), listeners, maxMemoryBytes, commandLine);
    }

    /** The plan saved in a study directory. */
    public static StudyPlan savedPlan(Path dir) {
        Path file = dir.resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot resume " + dir + ": no " + PLAN + " there, so no study "
                    + "was started in it");
        }
        try {
            return Json.readRecord(file, StudyPlan.class, tree -> withSearchQualityFields(Json.upgradeMember(tree,
                    "search", SearchJob::upgradeJson)), false);
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException("cannot resume " + dir + ": " + PLAN + " is damaged (" + e.getMessage()
                    + ")", e);
        }
    }

    /** A plan written before the search-quality study had no random cells or training seeds: none. */
    private static com.google.gson.JsonElement withSearchQualityFields(com.google.gson.JsonElement tree) {
        if (tree == null || !tree.isJsonObject()) {
            return tree;
        }
        com.google.gson.JsonObject o = tree.getAsJsonObject().deepCopy();
        if (!o.has("randomCells")) {
            o.addProperty("randomCells", 0);
        }
        if (!o.has("trainSeeds")) {
            o.add("trainSeeds", new com.google.gson.JsonArray());
        }
        if (!o.has("maxTrainSeeds")) {
            o.addProperty("maxTrainSeeds", 0);
        }
        return o;
    }

    /** Continues the study in {@code dir} with its saved plan changed by {@code changes} (threads only). */
    public static StudyRun resume(Path dir, Function<StudyPlan, StudyPlan> changes, Listeners listeners,
                                  long maxMemoryBytes, List<String> commandLine) {
        StudyPlan plan = changes.apply(savedPlan(dir));
        Optional<JsonObject> saved = savedResult(dir);
        StudyRun run = new StudyRun(dir, plan, new LinkedHashMap<>(savedSubRuns(saved)), listeners, maxMemoryBytes,
                commandLine);
        run.dataRead.putAll(savedDataRead(saved));
        return run;
    }

    /** study.json as it stands (empty before its first write). */
    private static Optional<JsonObject> savedResult(Path dir) {
        Path result = dir.resolve(RESULT_JSON);
        if (!Files.isRegularFile(result)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.parse(Files.readString(result), JsonObject.class, result.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + result + ": " + e.getMessage(), e);
        } catch (com.google.gson.JsonParseException | IllegalStateException e) {
            throw new IllegalArgumentException("cannot resume " + dir + ": " + RESULT_JSON + " is damaged ("
                    + e.getMessage() + "); delete it to run every sub-run again", e);
        }
    }

    /** The finished sub-runs study.json lists (none when there is no study.json yet). */
    private static Map<String, Map<String, Object>> savedSubRuns(Optional<JsonObject> saved) {
        return saved.filter(o -> o.has("subRuns")).<Map<String, Map<String, Object>>>map(o -> Json.pretty().fromJson(
                o.get("subRuns"), new TypeToken<Map<String, Map<String, Object>>>() { }.getType())).orElse(Map.of());
    }

    /** The images study.json says the sub-runs read, per data set name (none before the first record). */
    private static Map<String, String> savedDataRead(Optional<JsonObject> saved) {
        return saved.filter(o -> o.has(DATA_READ)).<Map<String, String>>map(o -> Json.pretty().fromJson(
                o.get(DATA_READ), new TypeToken<Map<String, String>>() { }.getType())).orElse(Map.of());
    }

    /** Takes in the sub-runs (and the images they read) other workers recorded meanwhile; hold the study's lock. */
    private void refresh() {
        Optional<JsonObject> saved = savedResult(dir);
        savedSubRuns(saved).forEach(finished::putIfAbsent);
        savedDataRead(saved).forEach(dataRead::putIfAbsent);
    }

    /**
     * Refuses a sub-run that would read other images than the study's sub-runs read so far, and
     * records what the first one reads; study.json keeps it with the next record.
     */
    void requireSameData(org.prdarts.data.DataConfig data) {
        String now = data.origin();
        String was = claims.locked(() -> {
            refresh();
            return dataRead.putIfAbsent(data.dataset(), now);
        });
        if (was != null && !was.equals(now)) {
            String how = now.equals(org.prdarts.data.Datasets.FASHION_MNIST_BUNDLED)
                    ? "install the package dataset-fashion-mnist (or give the folder the study was planned with), "
                    + "then continue with " + resumeCommand()
                    : "the sub-runs of one study must read the same images; start a new study with --out";
            throw new IllegalArgumentException("cannot continue study " + dir + ": its sub-runs read " + was
                    + ", and on this machine " + data.dataset() + " is " + now + "; " + how);
        }
    }

    /** Sets how often a waiting worker looks for sub-runs finished elsewhere (tests use milliseconds). */
    void pollEvery(long millis) {
        this.pollMillis = millis;
    }

    public Path dir() {
        return dir;
    }

    public StudyPlan plan() {
        return plan;
    }

    /** Number of sub-runs taken from study.json instead of being run. */
    public int reused() {
        return reused.size();
    }

    public void note(String message) {
        listeners.note(message);
    }

    /**
     * The record of sub-run {@code name}: from study.json when it finished before, else computed by
     * {@code work} and written to study.json at once. When another live worker runs it, waits for
     * that worker's record.
     */
    public Map<String, Object> once(String name, Supplier<Map<String, Object>> work) {
        Optional<Map<String, Object>> r = tryOnce(name, work);
        while (r.isEmpty()) {
            awaitOthers(List.of(name));
            r = tryOnce(name, work);
        }
        return r.get();
    }

    /**
     * The records of independent sub-runs, in the order of {@code work}: runs each one no other worker
     * holds, then waits only for those another worker runs (taking over any whose worker ended), until
     * every one has a record. Two processes on one study thus share its sub-runs instead of one waiting
     * for the other's.
     */
    public List<Map<String, Object>> all(Map<String, Supplier<Map<String, Object>>> work) {
        Map<String, Map<String, Object>> got = new LinkedHashMap<>();
        while (true) {
            List<String> pending = new ArrayList<>();
            for (Map.Entry<String, Supplier<Map<String, Object>>> e : work.entrySet()) {
                if (!got.containsKey(e.getKey())) {
                    tryOnce(e.getKey(), e.getValue()).ifPresentOrElse(r -> got.put(e.getKey(), r),
                            () -> pending.add(e.getKey()));
                }
            }
            if (pending.isEmpty()) {
                return work.keySet().stream().map(got::get).toList();
            }
            awaitOthers(pending);
        }
    }

    private enum Claim { DONE, MINE, ELSEWHERE }

    /**
     * As {@link #once}, but empty at once when another live worker runs {@code name}: a study whose
     * sub-runs do not depend on each other goes on with the next one.
     */
    public Optional<Map<String, Object>> tryOnce(String name, Supplier<Map<String, Object>> work) {
        Claim claim = claims.locked(() -> {
            refresh();
            return finished.containsKey(name) ? Claim.DONE : claims.tryClaim(name) ? Claim.MINE : Claim.ELSEWHERE;
        });
        if (claim == Claim.DONE) {
            // a study that makes several passes asks again for what it ran or took before
            if (!ranHere.contains(name) && reused.add(name)) {
                listeners.note(name + ": finished before, taken from " + RESULT_JSON);
            }
            return Optional.of(finished.get(name));
        }
        if (claim == Claim.ELSEWHERE) {
            return Optional.empty();
        }
        Map<String, Object> computed;
        try {
            computed = work.get();
        } catch (org.prdarts.repro.RunInterruptedException e) {
            // the sub-run names itself; a study is continued as a whole, by its own command
            String message = e.getMessage().replaceFirst("continue with prdarts \\S+ --resume \\S+$",
                    "continue with " + resumeCommand());
            throw new org.prdarts.repro.RunInterruptedException(message, dir);
        } finally {
            claims.release(name);
        }
        Map<String, Object> record = new LinkedHashMap<>(computed);
        record.put("name", name);
        ranHere.add(name);
        finished.put(name, record);
        writeResult(null);
        return Optional.of(record);
    }

    /**
     * Waits until one of {@code pending}, sub-runs other workers run, has finished or lost its worker
     * (a stale claim, which this worker may take over).
     */
    public void awaitOthers(List<String> pending) {
        listeners.note("waiting for " + pending.size() + " sub-run" + (pending.size() == 1 ? "" : "s")
                + " that another process runs: " + String.join(", ", pending));
        while (true) {
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.prdarts.repro.RunInterruptedException("study interrupted while waiting for other "
                        + "workers; continue with " + resumeCommand(), dir);
            }
            boolean moved = claims.locked(() -> {
                refresh();
                return pending.stream().anyMatch(n -> finished.containsKey(n) || !claims.heldElsewhere(n));
            });
            if (moved) {
                return;
            }
        }
    }

    /** A search sub-run in its own run directory {@code dir/name}, continued from its checkpoint if it has one. */
    public SearchResult search(String name, SearchJob job) {
        Path runDir = dir.resolve(name);
        requireSameData(job.data());
        SearchListener listener = listeners.search(name);
        try {
            if (hasCheckpoint(runDir)) {
                listeners.note(name + ": continuing from its checkpoint");
                return Search.runs().resume(runDir, saved -> saved, maxMemoryBytes, listener,
                        commandLine);
            }
            clearUnstarted(runDir);
            return Search.runs().run(job.withOut(runDir), maxMemoryBytes, listener, commandLine);
        } finally {
            close(listener);
        }
    }

    /**
     * A training sub-run in {@code dir/name}; continued from its checkpoint when {@code resumable}, else
     * (a sub-run whose listener records every step) started over.
     */
    public TrainResult train(String name, TrainJob job, TrainListener extra, boolean resumable) {
        Path runDir = dir.resolve(name);
        requireSameData(job.data());
        TrainListener progress = listeners.train(name);
        TrainListener listener = both(progress, extra);
        try {
            if (resumable && hasCheckpoint(runDir)) {
                listeners.note(name + ": continuing from its checkpoint");
                return Training.runs().resume(runDir, saved -> saved, maxMemoryBytes, listener, commandLine);
            }
            clearUnstarted(runDir);
            return Training.runs().run(job.withOut(runDir), maxMemoryBytes, listener, commandLine);
        } finally {
            close(progress);
        }
    }

    /**
     * Keeps {@code soFar}'s summary of the finished sub-runs in study.json as {@code summarySoFar},
     * rewritten with every sub-run's record until the study finishes; writes study.json at once, so a
     * resumed study shows it before its next sub-run ends.
     */
    public void summariseSoFar(Function<Map<String, Map<String, Object>>, Map<String, Object>> soFar) {
        this.soFar = soFar;
        writeResult(null);
    }

    /** Writes study.json (complete when figures are given), study.csv, one SVG per figure and report.html. */
    public void finish(List<StudyCharts.Figure> figures, Map<String, Object> summary, List<Map<String, Object>> table) {
        try {
            for (StudyCharts.Figure f : figures) {
                AtomicFiles.writeString(dir.resolve(f.name() + ".svg"), StudyCharts.svg(f));
            }
            AtomicFiles.writeString(dir.resolve(RESULT_CSV), StudyCharts.csv(figures));
            AtomicFiles.writeString(dir.resolve(REPORT), StudyCharts.html(dir, "prdarts study " + plan.study().label()
                    + " (" + plan.preset() + ")", true, summary, table, figures));
        } catch (IOException e) {
            throw new RunIOException(e.getMessage() + "; " + keptSubRuns(), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("summary", summary);
        result.put("table", table);
        result.put("figures", figures.stream().map(f -> Map.of("name", f.name(), "file", f.name() + ".svg",
                "title", f.title(), "xLabel", f.xLabel(), "yLabel", f.yLabel(), "series", f.series())).toList());
        writeResult(result);
    }

    /** Writes study.json with this worker's sub-runs and those other workers wrote meanwhile. */
    private void writeResult(Map<String, Object> result) {
        claims.locked(() -> {
            refresh();
            writeResultLocked(result);
            return null;
        });
    }

    private void writeResultLocked(Map<String, Object> result) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("study", plan.study().label());
        o.addProperty("preset", plan.preset());
        o.addProperty("complete", result != null);
        o.addProperty("seconds", (System.nanoTime() - started) / 1e9);
        o.add("commandLine", Json.pretty().toJsonTree(commandLine));
        o.add("manifest", Json.pretty().toJsonTree(manifest.finish()));
        o.add("plan", Json.pretty().toJsonTree(plan));
        if (result != null) {
            for (Map.Entry<String, Object> e : result.entrySet()) {
                o.add(e.getKey(), Json.pretty().toJsonTree(e.getValue()));
            }
        }
        if (result == null && soFar != null) {
            o.add("summarySoFar", Json.pretty().toJsonTree(
                    soFar.apply(java.util.Collections.unmodifiableMap(finished))));
        }
        if (!dataRead.isEmpty()) {
            o.add(DATA_READ, Json.pretty().toJsonTree(dataRead));
        }
        o.add("subRuns", Json.pretty().toJsonTree(finished));
        try {
            AtomicFiles.writeString(dir.resolve(RESULT_JSON), Json.pretty().toJson(o) + "\n");
        } catch (IOException e) {
            throw new RunIOException(e.getMessage() + "; " + keptSubRuns(), e);
        }
    }

    /** What a failed write leaves: the finished sub-runs, and how to go on. */
    private String keptSubRuns() {
        return "the finished sub-runs are kept, continue with " + resumeCommand();
    }

    private String resumeCommand() {
        return "prdarts study " + plan.study().label() + " --resume " + dir;
    }

    private static boolean hasCheckpoint(Path runDir) {
        return Files.isRegularFile(runDir.resolve(CheckpointStore.CURRENT))
                || Files.isRegularFile(runDir.resolve(CheckpointStore.PREVIOUS));
    }

    /** Removes the files of a sub-run stopped before its first checkpoint: nothing in it can be continued. */
    private static void clearUnstarted(Path runDir) {
        if (!Files.exists(runDir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(runDir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new RunIOException("cannot clear the unfinished sub-run " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static TrainListener both(TrainListener a, TrainListener b) {
        return new TrainListener() {
            @Override
            public void started(String dataSource, org.prdarts.train.NetworkSize size, int epochs, int steps,
                                int startEpoch, int startStep) {
                a.started(dataSource, size, epochs, steps, startEpoch, startStep);
                b.started(dataSource, size, epochs, steps, startEpoch, startStep);
            }

            @Override
            public void step(int epoch, int step, double trainLoss, double trainAcc) {
                a.step(epoch, step, trainLoss, trainAcc);
                b.step(epoch, step, trainLoss, trainAcc);
            }

            @Override
            public void epoch(TrainEpoch record) {
                a.epoch(record);
                b.epoch(record);
            }

            @Override
            public void note(String message) {
                a.note(message);
                b.note(message);
            }
        };
    }

    private static void close(Object listener) {
        if (listener instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
