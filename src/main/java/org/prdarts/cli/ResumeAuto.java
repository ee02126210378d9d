package org.prdarts.cli;

import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.RunDirectory;
import org.prdarts.repro.RunLock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code --resume RUN_DIR} or {@code --resume auto} of search and train. With {@code auto} the
 * same command line can be run again and again (a restarted Kubernetes or Katib trial): it
 * continues the run in {@code --out} when that directory holds a checkpoint, and starts one there
 * when it holds none.
 */
final class ResumeAuto {
    static final String AUTO = "auto";

    /**
     * What a run leaves before its first checkpoint; with a same-job config.json these are
     * discarded and the run starts again. Anything else in the directory stops an auto start.
     */
    private static final Set<String> BEFORE_FIRST_CHECKPOINT = Set.of(RunDirectory.CONFIG, RunDirectory.MANIFEST,
            RunDirectory.METRICS, "memory.json");

    private ResumeAuto() {
    }

    /**
     * The directory to resume, or null to start a new run.
     *
     * @param resume  the --resume value (null, "auto" or a run directory)
     * @param out     the --out value
     * @param sameJob throws IllegalArgumentException when the job saved in the given directory's
     *                    config.json is not the one this command line describes
     */
    static Path resumeDir(String resume, Path out, Consumer<Path> sameJob) {
        if (resume == null) {
            return null;
        }
        if (!AUTO.equals(resume)) {
            Path dir = Path.of(resume);
            if (out != null && !out.equals(dir)) {
                throw new IllegalArgumentException("--out and --resume name different directories; "
                        + "a resumed run stays in its directory");
            }
            return dir;
        }
        if (out == null) {
            throw new IllegalArgumentException("--resume auto needs --out, the run directory to continue or start");
        }
        if (!Files.isDirectory(out)) {
            return null;
        }
        List<String> files = runFiles(out);
        if (files.contains(CheckpointStore.CURRENT) || files.contains(CheckpointStore.PREVIOUS)) {
            return out;
        }
        if (files.isEmpty()) {
            return null;
        }
        if (!files.contains(RunDirectory.CONFIG) || !BEFORE_FIRST_CHECKPOINT.containsAll(files)) {
            throw new IllegalArgumentException("--resume auto: " + out + " holds " + String.join(", ", files)
                    + " but no checkpoint; choose another --out");
        }
        // stopped before its first checkpoint: nothing to continue, so start again if it is the same job
        sameJob.accept(out);
        try {
            for (String f : files) {
                Files.deleteIfExists(out.resolve(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + out + ": " + e.getMessage(), e);
        }
        return null;
    }

    private static List<String> runFiles(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(RunLock.FILE_NAME) && !name.startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
