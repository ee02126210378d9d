package org.prdarts.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes single-channel image sets in the IDX format that {@link IdxReader} reads, raw or gzip
 * (chosen by a {@code .gz} file name). Java's gzip writer stores no time stamp, so the same set
 * always gives the same bytes.
 */
public final class IdxWriter {

    private IdxWriter() {
    }

    /** Writes the images (which must have one channel) and their labels as two IDX files. */
    public static void write(ImageDataset data, Path images, Path labels) throws IOException {
        if (data.channels() != 1) {
            throw new IllegalArgumentException("IDX images must have 1 channel, found "
                    + data.channels());
        }
        if (data.numClasses() > 256) {
            throw new IllegalArgumentException("IDX labels are single bytes: numClasses must be"
                    + " <= 256, found " + data.numClasses());
        }
        try (DataOutputStream out = open(images)) {
            out.writeInt(IdxReader.IMAGES_MAGIC);
            out.writeInt(data.size());
            out.writeInt(data.height());
            out.writeInt(data.width());
            out.write(data.rawPixels());
        }
        try (DataOutputStream out = open(labels)) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(data.size());
            for (int i = 0; i < data.size(); i++) {
                out.writeByte(data.label(i));
            }
        }
    }

    private static DataOutputStream open(Path file) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        if (file.getFileName().toString().endsWith(".gz")) {
            out = new GZIPOutputStream(out, 1 << 16);
        }
        return new DataOutputStream(out);
    }
}
