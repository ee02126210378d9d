package org.prdarts.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Whole-file reads with transparent gzip, shared by the readers of this package. */
final class Streams {

    private Streams() {
    }

    /** Reads a file fully, un-gzipping it when it starts with the gzip magic bytes. */
    static byte[] readMaybeGzip(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readMaybeGzip(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": file not found", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a stream fully; gzip is recognised by its magic bytes 1f 8b rather than by a file name,
     * since sets are often re-compressed or renamed by hand.
     */
    static byte[] readMaybeGzip(InputStream raw, String name) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                try (GZIPInputStream gz = new GZIPInputStream(in, 1 << 16)) {
                    return gz.readAllBytes();
                }
            }
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DataException(name + ": truncated gzip stream", e);
        } catch (ZipException e) {
            throw new DataException(name + ": corrupt gzip stream (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static int bigEndianInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }
}
