package org.prdarts.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The commit of the git working tree a run was started from, and whether tracked files differed
 * from it.
 *
 * @param commit the full object name of {@code HEAD}
 * @param dirty whether tracked files differ from {@code HEAD}; untracked files do not count,
 *     since run outputs and scratch files are usually untracked and do not change the code
 */
public record GitInfo(String commit, boolean dirty) {

    /** How long each git command may take before the probe gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public GitInfo {
        if (commit == null || !commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException("commit must be a 40 or 64 digit hex object name, found "
                    + commit);
        }
    }

    /**
     * Asks git about {@code directory}. Empty when git is not installed, the directory is not in a
     * repository, the repository has no commit yet, or git does not answer within
     * {@code timeout}; a run must not fail for lack of provenance.
     */
    public static Optional<GitInfo> probe(Path directory, Duration timeout) {
        Result head = run(directory, timeout, "git", "rev-parse", "--verify", "HEAD");
        if (head == null || head.exitCode != 0) {
            return Optional.empty();
        }
        String commit = head.stdout.trim();
        if (!commit.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return Optional.empty();
        }
        // Exit code 1 means differences, 0 none; anything else is an error, and a tree that could
        // not be checked is reported as dirty rather than falsely clean.
        Result diff = run(directory, timeout, "git", "diff", "--quiet", "HEAD", "--");
        boolean dirty = diff == null || diff.exitCode != 0;
        return Optional.of(new GitInfo(commit, dirty));
    }

    /** {@link #probe(Path, Duration)} of the working directory with the default timeout. */
    public static Optional<GitInfo> probeWorkingDirectory() {
        return probe(Path.of("").toAbsolutePath(), DEFAULT_TIMEOUT);
    }

    private record Result(int exitCode, String stdout) {
    }

    private static Result run(Path directory, Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(directory.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        // Keeps "git diff" from taking the index lock to refresh stat data, so probing never
        // interferes with a git command the user runs at the same moment.
        builder.environment().put("GIT_OPTIONAL_LOCKS", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException gitMissing) {
            return null;
        }
        try {
            // Git must never wait for input (a credential or pager prompt).
            process.getOutputStream().close();
            // Both commands print at most one object name, far below a pipe's buffer, so waiting
            // before reading cannot block the child.
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.exitValue(), out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
