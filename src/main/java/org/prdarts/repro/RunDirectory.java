package org.prdarts.repro;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directory one run writes its results into, held exclusively (see {@link RunLock}) from
 * {@link #create} or {@link #resume} until {@link #close()}.
 *
 * <p>Every run directory holds its resolved configuration ({@value #CONFIG}), its
 * {@link Manifest} ({@value #MANIFEST}) and its metrics, one JSON object per line
 * ({@value #METRICS}); other files (checkpoints, genotypes, plots) go to {@link #file(String)}.
 * All writes are atomic ({@link AtomicFiles}), so a crash never leaves a half-written file.
 *
 * <p>A new run refuses a directory that already holds files, so results of two runs are never
 * mixed; continuing an interrupted run is an explicit {@link #resume}.
 */
public final class RunDirectory implements AutoCloseable {

    public static final String CONFIG = "config.json";
    public static final String MANIFEST = "manifest.json";
    public static final String METRICS = "metrics.jsonl";
    /** The parent of the default run directories, relative to the working directory. */
    public static final Path DEFAULT_PARENT = Path.of("runs");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int MAX_DEFAULT_SUFFIX = 99;
    private static final int LISTED_FILES = 5;

    private final Path path;
    private final RunLock lock;
    private final boolean resumed;

    private RunDirectory(Path path, RunLock lock, boolean resumed) {
        this.path = path;
        this.lock = lock;
        this.resumed = resumed;
    }

    /**
     * Creates the directory of a new run.
     *
     * @param out the directory to use (the {@code --out} option), or null for
     *     {@code runs/<yyyyMMdd-HHmmss>-<method>} under the working directory; a default name
     *     already taken gets a suffix {@code -2}, {@code -3}, ...
     * @param method the method name in the default directory name, e.g. "darts", "prdarts"
     * @throws RunDirectoryException if {@code out} holds files already, or is not a directory
     * @throws RunInUseException if another process holds {@code out}
     */
    public static RunDirectory create(Path out, String method) throws IOException {
        checkMethod(method);
        if (out == null) {
            return createDefault(DEFAULT_PARENT, method, LocalDateTime.now());
        }
        if (out.toString().isEmpty()) {
            throw new RunDirectoryException("run directory must be a path, found an empty one");
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new RunDirectoryException("run directory " + out + " exists and is not a directory");
        }
        // a directory holding other files is refused before the lock file would be written into it
        if (Files.isDirectory(out)) {
            requireNoRunFiles(out);
        }
        Files.createDirectories(out);
        RunLock lock = RunLock.acquire(out);
        try {
            requireNoRunFiles(out);
            return new RunDirectory(out, lock, false);
        } catch (IOException | RuntimeException | Error e) {
            closeOnFailure(lock, e);
            throw e;
        }
    }

    /**
     * Opens the directory of an interrupted run to continue it. Its files stay; new metrics are
     * appended after the old ones.
     *
     * @throws RunDirectoryException if {@code dir} does not exist or holds no {@value #CONFIG}
     * @throws RunInUseException if another process holds {@code dir}
     */
    public static RunDirectory resume(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException("cannot resume run directory " + dir
                    + ": it does not exist or is not a directory");
        }
        RunLock lock = RunLock.acquire(dir);
        try {
            if (!Files.isRegularFile(dir.resolve(CONFIG))) {
                throw new RunDirectoryException("cannot resume run directory " + dir + ": it holds no "
                        + CONFIG + ", so no run was started there");
            }
            return new RunDirectory(dir, lock, true);
        } catch (IOException | RuntimeException | Error e) {
            closeOnFailure(lock, e);
            throw e;
        }
    }

    /**
     * {@link #resume(Path)} when {@code resume} is set (then {@code out} is required), else
     * {@link #create(Path, String)}: the shape of a command line with {@code --out} and
     * {@code --resume}.
     */
    public static RunDirectory open(Path out, String method, boolean resume) throws IOException {
        if (!resume) {
            return create(out, method);
        }
        if (out == null) {
            throw new IllegalArgumentException("resuming needs the run directory, found none");
        }
        return resume(out);
    }

    /** {@code runs/<yyyyMMdd-HHmmss>-<method>} for a run starting at {@code time}. */
    public static Path defaultPath(String method, LocalDateTime time) {
        checkMethod(method);
        return DEFAULT_PARENT.resolve(STAMP.format(time) + "-" + method);
    }

    /** The directory, as given or as defaulted (relative when it was given relative). */
    public Path path() {
        return path;
    }

    /** Whether this directory was opened by {@link #resume}. */
    public boolean resumed() {
        return resumed;
    }

    /**
     * A file of this run, e.g. {@code file("genotype.json")} or {@code file("checkpoints/e10.ckpt")}.
     *
     * @throws IllegalArgumentException if {@code name} is absolute or leads outside the directory
     */
    public Path file(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("file name must be non-empty, found "
                    + (name == null ? "null" : "\"" + name + "\""));
        }
        Path relative = Path.of(name);
        Path normal = relative.normalize();
        if (relative.isAbsolute() || normal.toString().isEmpty() || normal.startsWith("..")) {
            throw new IllegalArgumentException("file name must stay inside the run directory, found "
                    + name);
        }
        return path.resolve(normal);
    }

    /** Writes the resolved configuration (any record or object) as {@value #CONFIG}. */
    public void writeConfig(Object config) throws IOException {
        writeJson(CONFIG, config);
    }

    /** Reads {@value #CONFIG} back as {@code type}. */
    public <T> T readConfig(Class<T> type) throws IOException {
        return readJson(CONFIG, type);
    }

    /** Writes {@code manifest} as {@value #MANIFEST}, replacing an earlier one. */
    public void writeManifest(Manifest manifest) throws IOException {
        writeJson(MANIFEST, manifest);
    }

    /** Reads {@value #MANIFEST} back. */
    public Manifest readManifest() throws IOException {
        return readJson(MANIFEST, Manifest.class);
    }

    /** Writes {@code value} as indented JSON to {@link #file(String) file(name)}. */
    public void writeJson(String name, Object value) throws IOException {
        Json.write(writable(name), value);
    }

    /** Reads {@link #file(String) file(name)} as {@code type}. */
    public <T> T readJson(String name, Class<T> type) throws IOException {
        return Json.read(file(name), type);
    }

    /**
     * Appends one line to {@value #METRICS}: {@code record} (a record, map or
     * {@link JsonObject}) as a single-line JSON object.
     *
     * @throws IllegalArgumentException if {@code record} does not serialise to a JSON object
     */
    /** Replaces metrics.jsonl with the given records (a resumed run restores its saved history). */
    public synchronized void rewriteMetrics(List<?> records) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Object r : records) {
            sb.append(Json.toCompactJson(r)).append('\n');
        }
        AtomicFiles.writeString(file(METRICS), sb.toString());
    }

    public synchronized void appendMetrics(Object record) throws IOException {
        JsonObject line = Json.toObject(record);
        AtomicFiles.appendLine(writable(METRICS), Json.toCompactJson(line));
    }

    /** All lines of {@value #METRICS} in order; empty when no metrics were written yet. */
    public List<JsonObject> readMetrics() throws IOException {
        return readMetrics(JsonObject.class);
    }

    /**
     * All lines of {@value #METRICS} as {@code type}; a malformed line raises an error naming
     * the file and the line number.
     */
    public <T> List<T> readMetrics(Class<T> type) throws IOException {
        Path metrics = file(METRICS);
        if (!Files.exists(metrics)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(metrics, StandardCharsets.UTF_8);
        List<T> values = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                values.add(Json.parse(lines.get(i), type, metrics + " line " + (i + 1)));
            }
        }
        return values;
    }

    /** Releases the directory for other processes. Later writes are refused. */
    @Override
    public void close() throws IOException {
        lock.close();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    private Path writable(String name) {
        if (!lock.isHeld()) {
            throw new IllegalStateException("run directory " + path + " is closed");
        }
        return file(name);
    }

    /** A new run directory {@code <parent>/<yyyyMMdd-HHmmss>-<method>[-n]} for a run starting at {@code time}. */
    static RunDirectory createDefault(Path parent, String method, LocalDateTime time) throws IOException {
        Path base = parent.resolve(STAMP.format(time) + "-" + method);
        Files.createDirectories(parent);
        for (int n = 1; n <= MAX_DEFAULT_SUFFIX; n++) {
            Path candidate = n == 1 ? base : base.resolveSibling(base.getFileName() + "-" + n);
            try {
                // Creating the leaf is atomic, so two runs started in the same second never share it.
                Files.createDirectory(candidate);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            return new RunDirectory(candidate, RunLock.acquire(candidate), false);
        }
        throw new RunDirectoryException("no free run directory name " + base + "[-2.."
                + MAX_DEFAULT_SUFFIX + "]; choose an output directory");
    }

    private static void requireNoRunFiles(Path out) throws IOException {
        List<String> existing = listRunFiles(out);
        if (!existing.isEmpty()) {
            throw new RunDirectoryException("run directory " + out + " already holds files of "
                    + "another run (" + describe(existing) + "); choose another output directory "
                    + "or resume that run");
        }
    }

    /** Names of the entries of {@code dir} other than the lock file, sorted. */
    private static List<String> listRunFiles(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(RunLock.FILE_NAME))
                    .sorted()
                    .toList();
        }
    }

    private static String describe(List<String> names) {
        if (names.size() <= LISTED_FILES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, LISTED_FILES)) + " and "
                + (names.size() - LISTED_FILES) + " more";
    }

    private static void checkMethod(String method) {
        if (method == null || !method.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("method must be letters, digits, '.', '_' or '-', "
                    + "found " + (method == null ? "null" : "\"" + method + "\""));
        }
    }

    private static void closeOnFailure(RunLock lock, Throwable failure) {
        try {
            lock.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
