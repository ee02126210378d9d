package org.prdarts.study;

import org.prdarts.repro.RunIOException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Which worker runs which sub-run of a study directory, so that several processes started with the
 * same {@code --resume} share its sub-runs instead of running each twice. A worker claims a sub-run
 * by creating {@code .claims/NAME}, which names its process (pid and start time) and the worker; a
 * claim whose process has ended is stale and taken over (its sub-run continues from its checkpoint).
 * Claims and the merge of study.json happen under one lock file, {@code .study.lock}.
 */
final class SubRunClaims {
    static final String CLAIMS = ".claims";
    static final String LOCK = ".study.lock";
    /** Workers of one JVM (tests) share its file lock, which Java grants once per process. */
    private static final Object JVM_LOCK = new Object();

    private final Path dir;
    private final String owner;
    private final long start;

    SubRunClaims(Path studyDir) {
        this.dir = studyDir;
        ProcessHandle self = ProcessHandle.current();
        this.start = self.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
        this.owner = self.pid() + " " + start + " " + UUID.randomUUID();
    }

    /** Runs {@code body} holding the study's lock: no other worker claims or writes meanwhile. */
    <T> T locked(Supplier<T> body) {
        synchronized (JVM_LOCK) {
            try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                return body.get();
            } catch (IOException e) {
                throw new RunIOException("cannot lock the study directory " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Claims {@code name} for this worker (call it under {@link #locked}): true when this worker holds
     * it now, false when another live worker does.
     */
    boolean tryClaim(String name) {
        Path file = dir.resolve(CLAIMS).resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Optional<String> holder = holder(name);
            if (holder.isPresent()) {
                if (holder.get().equals(owner)) {
                    return true;
                }
                if (alive(holder.get())) {
                    return false;
                }
                Files.deleteIfExists(file);
            }
            Files.writeString(file, owner, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new RunIOException("cannot claim the sub-run " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** True when another live worker holds {@code name}. */
    boolean heldElsewhere(String name) {
        return holder(name).filter(h -> !h.equals(owner) && alive(h)).isPresent();
    }

    /** Gives up this worker's claim on {@code name}, if it holds it. */
    void release(String name) {
        locked(() -> {
            if (holder(name).filter(owner::equals).isPresent()) {
                try {
                    Files.deleteIfExists(dir.resolve(CLAIMS).resolve(name));
                } catch (IOException e) {
                    throw new RunIOException("cannot release the sub-run " + name + ": " + e.getMessage(), e);
                }
            }
            return null;
        });
    }

    /** The process and worker named in a claim, for messages. */
    static String process(String holder) {
        return "process " + holder.split(" ", 2)[0];
    }

    Optional<String> holder(String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(CLAIMS).resolve(name), StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new RunIOException("cannot read the claim of " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A claim's process is alive when a process with its pid runs and started when the claim says. */
    private boolean alive(String holder) {
        String[] parts = holder.split(" ");
        if (parts.length < 3) {
            return false;
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            // another worker of this process, unless the pid is an earlier process's
            return started == start;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(h -> h.info().startInstant().map(i -> started == 0 || i.toEpochMilli() == started).orElse(true))
                .orElse(false);
    }
}
