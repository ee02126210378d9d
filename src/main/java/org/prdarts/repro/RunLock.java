package org.prdarts.repro;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An exclusive claim on a run directory, so that two processes never write into the same run.
 *
 * <p>The claim is an operating-system lock ({@link FileChannel#tryLock()}) on the file
 * {@value #FILE_NAME} in the directory, which also records the holder's process id for the
 * refusal message. The kernel drops the lock when the holding process ends for any reason, a
 * crash or {@code kill -9} included, so a dead run never leaves its directory locked, and no
 * shutdown hook is needed. The lock file itself stays in place after release: deleting it would
 * let a process that opened the old file and one that creates a new file both believe they hold
 * the lock.
 *
 * <p>Within one JVM the claim is tracked in memory as well, because operating-system locks belong
 * to the process: a second {@code tryLock} from the same JVM throws
 * {@link OverlappingFileLockException}, and closing any other channel on the file could silently
 * drop the lock. A second claim from the same JVM is refused like one from another process.
 */
public final class RunLock implements AutoCloseable {

    /** Name of the lock file inside the run directory. */
    public static final String FILE_NAME = ".lock";

    private static final Set<Path> HELD_IN_THIS_JVM = new HashSet<>();

    private final Path directory;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private boolean released;

    private RunLock(Path directory, Path key, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code directory}, which must exist.
     *
     * @throws RunInUseException if another process or this one already holds it
     */
    public static RunLock acquire(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new RunDirectoryException("cannot lock run directory " + directory
                    + ": it is not a directory");
        }
        Path key = directory.toRealPath();
        long self = ProcessHandle.current().pid();
        synchronized (HELD_IN_THIS_JVM) {
            if (HELD_IN_THIS_JVM.contains(key)) {
                throw new RunInUseException("run directory " + directory
                        + " is already in use by this process (pid " + self + ")", self);
            }
            FileChannel channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Locked through some other channel of this JVM, outside this class.
                    throw new RunInUseException("run directory " + directory
                            + " is already in use by this process (pid " + self + ")", self);
                }
                if (lock == null) {
                    long holder = readPid(channel);
                    throw new RunInUseException("run directory " + directory
                            + " is in use by another process (pid "
                            + (holder < 0 ? "unknown" : Long.toString(holder)) + ")", holder);
                }
                writePid(channel, self);
                HELD_IN_THIS_JVM.add(key);
                return new RunLock(directory, key, channel, lock);
            } catch (IOException | RuntimeException | Error e) {
                try {
                    channel.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
    }

    /** The directory as it was given to {@link #acquire}. */
    public Path directory() {
        return directory;
    }

    /** Whether this claim is still held (it is until {@link #close()}). */
    public boolean isHeld() {
        synchronized (HELD_IN_THIS_JVM) {
            return !released;
        }
    }

    /** Releases the claim; later calls do nothing. */
    @Override
    public void close() throws IOException {
        synchronized (HELD_IN_THIS_JVM) {
            if (released) {
                return;
            }
            released = true;
            HELD_IN_THIS_JVM.remove(key);
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    private static void writePid(FileChannel channel, long pid) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((pid + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
    }

    private static long readPid(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        int n = channel.read(buffer, 0);
        if (n <= 0) {
            return -1;
        }
        String text = new String(buffer.array(), 0, n, StandardCharsets.US_ASCII).trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
