package org.prdarts.repro;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes that a reader, or a run that crashes half way, never sees half done.
 *
 * <p>Every write goes to a hidden temporary file in the target's directory, is flushed and forced
 * to the storage device, and is then renamed over the target. A rename within one directory is
 * atomic on POSIX file systems, so the target holds either the old or the new content, never a
 * mix. The temporary file lives in the same directory because a rename across file systems is a
 * copy, which is not atomic. On failure the temporary file is removed and the target is left as
 * it was.
 *
 * <p>Concurrent writers of the same target are not coordinated: the last rename wins. A run
 * directory is written by one process at a time (see {@link RunLock}).
 */
public final class AtomicFiles {

    private static final String TEMP_SUFFIX = ".tmp";
    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private AtomicFiles() {
    }

    /** Replaces {@code file} with {@code content} encoded as UTF-8. */
    public static void writeString(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        write(file, out -> out.write(bytes));
    }

    /** Replaces {@code file} with {@code content}. */
    public static void writeBytes(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /**
     * Replaces {@code file} with whatever {@code writer} writes to the stream it is given. Missing
     * parent directories are created. If the writer throws, the exception propagates and
     * {@code file} keeps its previous content (or stays absent). The writer may close the stream;
     * the bytes are still forced to disk before the rename.
     */
    public static void write(Path file, IOConsumer<OutputStream> writer) throws IOException {
        Path target = file.toAbsolutePath();
        if (target.getFileName() == null) {
            throw new IllegalArgumentException("file must name a file, found " + file);
        }
        String refused = refusal(target);
        if (refused != null) {
            throw new WriteException("cannot write " + file + ": " + refused, null);
        }
        if (Files.isSymbolicLink(target)) {
            // the link stays a link: its file is replaced, in the directory that file is in
            target = target.toRealPath();
        }
        Path fileName = target.getFileName();
        Path directory = target.getParent();
        Files.createDirectories(directory);
        Path temp = null;
        try {
            FileChannel channel = null;
            // Created with the default permissions (umask), unlike Files.createTempFile, which
            // would make every result owner-only.
            while (channel == null) {
                temp = directory.resolve("." + fileName + "." + randomHex() + TEMP_SUFFIX);
                try {
                    channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    temp = null;
                }
            }
            try (FileChannel ch = channel;
                 OutputStream out = new BufferedOutputStream(new KeepOpen(Channels.newOutputStream(ch)))) {
                writer.accept(out);
                out.flush();
                ch.force(true);
            }
            move(temp, target);
        } catch (Throwable failure) {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            if (failure instanceof WriteException w) {
                throw w;
            }
            if (failure instanceof IOException io) {
                // a full disk says only "No space left on device": name the file it could not hold
                throw new WriteException("cannot write " + file + ": " + reason(io), io);
            }
            throw failure;
        }
        forceDirectory(directory);
    }

    /**
     * Why {@code target} cannot be replaced by a file, or null when it can: a rename over a device
     * node, pipe or socket would quietly swap it for a regular file (and the device would never see
     * the bytes), and a dangling link would be replaced by a file where the link was.
     */
    public static String refusal(Path target) {
        if (Files.isDirectory(target)) {
            return "it is a directory";
        }
        if (Files.isSymbolicLink(target) && !Files.exists(target)) {
            return "it is a symbolic link to a missing file";
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return "it is not a regular file (a device, pipe or socket)";
        }
        return null;
    }

    /** A file could not be written; the message names it and the reason. */
    public static final class WriteException extends IOException {
        public WriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /**
     * Appends one line to a JSON-lines file by writing the whole new file through
     * {@link #write}. An in-place append can be cut short by a crash or a full disk, leaving a
     * truncated last line that makes the whole file unreadable as JSON lines; rewriting keeps the
     * file valid at every instant. The cost is a copy of the file per append, which is fine for
     * the small per-epoch and per-log-step files a run keeps. A final line without its line
     * terminator, which only an outside edit can leave, is terminated before the new line.
     *
     * @param line one line, without line terminators
     */
    public static void appendLine(Path file, String line) throws IOException {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("line must not contain line breaks, found "
                    + abbreviate(line));
        }
        byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        byte[] added = (line + "\n").getBytes(StandardCharsets.UTF_8);
        boolean terminate = old.length > 0 && old[old.length - 1] != '\n';
        write(file, out -> {
            out.write(old);
            if (terminate) {
                out.write('\n');
            }
            out.write(added);
        });
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Makes the rename itself durable across a power cut. Opening a directory to force it is a
     * POSIX idiom that Windows refuses; there the rename is atomic all the same and its
     * durability is left to the file system.
     */
    private static void forceDirectory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel ch = FileChannel.open(directory, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static String abbreviate(String s) {
        String oneLine = s.replace("\n", "\\n").replace("\r", "\\r");
        return oneLine.length() <= 60 ? '"' + oneLine + '"' : '"' + oneLine.substring(0, 57) + "...\"";
    }

    /** Lets the writer close its stream without closing the channel before it is forced. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
