package org.prdarts.repro;

import org.prdarts.host.GitInfo;

import org.prdarts.host.EngineSetup;

import org.prdarts.host.MemoryProbe;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where, with what and from which code a run ran: written as {@code manifest.json} when the run
 * starts ({@link #start}) and again, completed, when it ends ({@link #finish}).
 *
 * <p>Fields that cannot be known on a platform are null rather than guessed: {@code cpuModel}
 * without {@code /proc/cpuinfo}, {@code gitCommit} outside a git working tree, the engine fields
 * for a tool that runs without an engine, {@code endTime} and {@code outcome} until the run ends.
 *
 * @param javaVersion {@code java.version}
 * @param javaVendor {@code java.vendor}
 * @param djlVersion DJL's own version
 * @param engine the deep learning engine's name, e.g. "PyTorch"
 * @param engineVersion the engine library's version; for PyTorch the libtorch version
 * @param osName {@code os.name}
 * @param osVersion {@code os.version}
 * @param osArch {@code os.arch}
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}
 * @param availableProcessors processors the JVM may use
 * @param gpuCount GPUs the engine sees
 * @param device the device the run computes on, in DJL's notation ("cpu()", "gpu(0)")
 * @param intraOpThreads the engine's intra-op thread count
 * @param interOpThreads the engine's inter-op thread count
 * @param seed the run seed
 * @param gitCommit {@code HEAD} of the working tree the run started in
 * @param gitDirty whether tracked files differed from {@code gitCommit}
 * @param commandLine the program arguments as given
 * @param workingDirectory the absolute working directory
 * @param startTime when {@link #start} ran
 * @param endTime when {@link #finish} ran
 * @param peakResidentBytes the process's peak resident memory at {@code finish} (at start
 *     until then), heap and native memory together
 * @param outcome how the run ended, e.g. "completed", "diverged: ...", "interrupted: ...",
 *     "failed: ..."
 * @param resumes every later continuation of the run ({@code --resume}): when, with which command
 *     line, and which options it changed; {@code startTime} stays the first start
 */
public record Manifest(
        String javaVersion,
        String javaVendor,
        String djlVersion,
        String engine,
        String engineVersion,
        String osName,
        String osVersion,
        String osArch,
        String cpuModel,
        int availableProcessors,
        Integer gpuCount,
        String device,
        Integer intraOpThreads,
        Integer interOpThreads,
        long seed,
        String gitCommit,
        Boolean gitDirty,
        List<String> commandLine,
        String workingDirectory,
        Instant startTime,
        Instant endTime,
        Long peakResidentBytes,
        String outcome,
        List<Resume> resumes) {

    /** The outcome {@link #finish()} records. */
    public static final String COMPLETED = "completed";
    /** The start of the outcome of a run stopped by a NaN or infinite loss. */
    public static final String DIVERGED = "diverged";
    /** The start of the outcome of a run stopped by SIGINT/SIGTERM. */
    public static final String INTERRUPTED = "interrupted";

    /**
     * One continuation of a run.
     *
     * @param time when it started
     * @param commandLine its program arguments
     * @param changes the options it changed, each "path was A, now B"
     */
    public record Resume(Instant time, List<String> commandLine, List<String> changes) {
        public Resume {
            Objects.requireNonNull(time, "time must be set");
            commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
            changes = changes == null ? List.of() : List.copyOf(changes);
        }
    }

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");

    public Manifest {
        if (javaVersion == null || javaVersion.isBlank()) {
            throw new IllegalArgumentException("javaVersion must be non-empty, found " + javaVersion);
        }
        if (availableProcessors < 1) {
            throw new IllegalArgumentException("availableProcessors must be >= 1, found "
                    + availableProcessors);
        }
        Objects.requireNonNull(startTime, "startTime must be set");
        if (endTime != null && endTime.isBefore(startTime)) {
            throw new IllegalArgumentException("endTime must not be before startTime " + startTime
                    + ", found " + endTime);
        }
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
        resumes = resumes == null ? List.of() : List.copyOf(resumes);
    }

    /**
     * Collects the manifest of a run about to start on {@code device} with the current engine
     * ({@link Engine#getInstance()}, which starts it: call {@link EngineSetup#configure} first).
     */
    public static Manifest start(long seed, Device device, List<String> commandLine) {
        return start(seed, device.toString(), commandLine, Engine.getInstance());
    }

    /**
     * Collects the manifest of a run about to start.
     *
     * @param device the device in DJL's notation, or null for a run that computes nothing on one
     * @param engine the engine the run uses, or null for a tool that runs without one (the engine
     *     fields are then null)
     */
    public static Manifest start(long seed, String device, List<String> commandLine, Engine engine) {
        Optional<GitInfo> git = GitInfo.probeWorkingDirectory();
        OptionalInt intra = engine == null ? OptionalInt.empty() : EngineSetup.intraOpThreads(engine);
        OptionalInt inter = engine == null ? OptionalInt.empty() : EngineSetup.interOpThreads(engine);
        return new Manifest(
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                Engine.getDjlVersion(),
                engine == null ? null : engine.getEngineName(),
                engine == null ? null : engine.getVersion(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                readCpuModel(),
                Runtime.getRuntime().availableProcessors(),
                engine == null ? null : engine.getGpuCount(),
                device,
                boxed(intra),
                boxed(inter),
                seed,
                git.map(GitInfo::commit).orElse(null),
                git.map(GitInfo::dirty).orElse(null),
                commandLine,
                Path.of("").toAbsolutePath().toString(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null,
                boxed(MemoryProbe.peakResidentBytes()),
                null,
                null);
    }

    /**
     * This manifest (of a process continuing a run) as the continuation of {@code first}, the
     * manifest the run holds: the first start time and command line stay, and this start is
     * added to the resumes with the options it changed.
     */
    public Manifest resuming(Manifest first, List<String> changes) {
        List<Resume> all = new java.util.ArrayList<>(first.resumes());
        all.add(new Resume(startTime, commandLine, changes));
        return new Manifest(javaVersion, javaVendor, djlVersion, engine, engineVersion, osName,
                osVersion, osArch, cpuModel, availableProcessors, gpuCount, device, intraOpThreads,
                interOpThreads, seed, gitCommit, gitDirty, first.commandLine(), workingDirectory,
                first.startTime().isAfter(startTime) ? startTime : first.startTime(), null,
                peakResidentBytes, null, all);
    }

    /** This manifest completed now with the outcome {@value #COMPLETED}. */
    public Manifest finish() {
        return finish(COMPLETED);
    }

    /**
     * This manifest completed now: end time, the process's peak resident memory and
     * {@code outcome} filled in.
     */
    public Manifest finish(String outcome) {
        if (outcome == null || outcome.isBlank()) {
            throw new IllegalArgumentException("outcome must be non-empty, found "
                    + (outcome == null ? "null" : "\"" + outcome + "\""));
        }
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Long peak = boxed(MemoryProbe.peakResidentBytes());
        return new Manifest(javaVersion, javaVendor, djlVersion, engine, engineVersion, osName,
                osVersion, osArch, cpuModel, availableProcessors, gpuCount, device, intraOpThreads,
                interOpThreads, seed, gitCommit, gitDirty, commandLine, workingDirectory, startTime,
                end.isBefore(startTime) ? startTime : end, peak == null ? peakResidentBytes : peak,
                outcome, resumes);
    }

    /** Wall-clock time from start to end; empty until {@link #finish}. */
    public Optional<Duration> duration() {
        return endTime == null ? Optional.empty() : Optional.of(Duration.between(startTime, endTime));
    }

    private static String readCpuModel() {
        if (!Files.isReadable(CPUINFO)) {
            return null;
        }
        try {
            return cpuModel(Files.readString(CPUINFO));
        } catch (IOException e) {
            // The CPU model is informative only; a restricted procfs must not stop a run.
            return null;
        }
    }

    /** The first {@code model name} value of a {@code /proc/cpuinfo} text, or null. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                String value = line.substring(colon + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
