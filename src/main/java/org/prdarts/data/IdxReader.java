package org.prdarts.data;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Reads MNIST-format IDX files: unsigned-byte images (magic 0x00000803: count, rows, columns) and
 * unsigned-byte labels (magic 0x00000801: count), raw or gzip-compressed. All integers in the
 * headers are big-endian. Fashion-MNIST and MNIST ship in this format.
 */
public final class IdxReader {

    /** Magic number of an unsigned-byte IDX file with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an unsigned-byte IDX file with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** The content of an IDX image file: {@code count} grey images of rows x cols bytes. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
    }

    /** Reads an image file (raw or gzip). */
    public static Images readImages(Path file) {
        return parseImages(Streams.readMaybeGzip(file), file.toString());
    }

    /** Reads an image stream (raw or gzip); {@code name} is used in error messages. */
    public static Images readImages(InputStream in, String name) {
        return parseImages(Streams.readMaybeGzip(in, name), name);
    }

    /** Reads a label file (raw or gzip); values are returned unchecked, 0..255. */
    public static int[] readLabels(Path file) {
        return parseLabels(Streams.readMaybeGzip(file), file.toString());
    }

    /** Reads a label stream (raw or gzip); {@code name} is used in error messages. */
    public static int[] readLabels(InputStream in, String name) {
        return parseLabels(Streams.readMaybeGzip(in, name), name);
    }

    /**
     * Reads an image file and its label file into one set.
     *
     * @param classNames names of the classes; every label must be below {@code classNames.size()}
     */
    public static ImageDataset read(Path images, Path labels, List<String> classNames,
            String description) {
        return combine(readImages(images), images.toString(), readLabels(labels),
                labels.toString(), classNames, description);
    }

    /** As {@link #read(Path, Path, List, String)} for streams (class-path resources, archives). */
    public static ImageDataset read(InputStream images, String imagesName, InputStream labels,
            String labelsName, List<String> classNames, String description) {
        return combine(readImages(images, imagesName), imagesName,
                readLabels(labels, labelsName), labelsName, classNames, description);
    }

    static ImageDataset combine(Images images, String imagesName, int[] labels,
            String labelsName, List<String> classNames, String description) {
        if (images.count() != labels.length) {
            throw new DataException(imagesName + " holds " + images.count() + " images but "
                    + labelsName + " holds " + labels.length + " labels");
        }
        int numClasses = classNames.size();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= numClasses) {
                throw new DataException(labelsName + ": label " + labels[i] + " of item " + i
                        + " is out of range [0, " + numClasses + ")");
            }
        }
        return new ImageDataset(images.pixels(), labels, 1, images.rows(), images.cols(),
                numClasses, classNames, description, false);
    }

    static Images parseImages(byte[] b, String name) {
        checkHeader(b, name, IMAGES_MAGIC, 16);
        int count = nonNegative(Streams.bigEndianInt(b, 4), "image count", name);
        int rows = positive(Streams.bigEndianInt(b, 8), "row count", name);
        int cols = positive(Streams.bigEndianInt(b, 12), "column count", name);
        long expected = (long) count * rows * cols;
        checkLength(b.length - 16L, expected, name, count + " images of " + rows + "x" + cols);
        return new Images(count, rows, cols, Arrays.copyOfRange(b, 16, b.length));
    }

    static int[] parseLabels(byte[] b, String name) {
        checkHeader(b, name, LABELS_MAGIC, 8);
        int count = nonNegative(Streams.bigEndianInt(b, 4), "label count", name);
        checkLength(b.length - 8L, count, name, count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = b[8 + i] & 0xFF;
        }
        return labels;
    }

    private static void checkHeader(byte[] b, String name, int magic, int headerBytes) {
        if (b.length < headerBytes) {
            throw new DataException(name + ": truncated IDX header (" + b.length + " bytes, need "
                    + headerBytes + ")");
        }
        int found = Streams.bigEndianInt(b, 0);
        if (found != magic) {
            throw new DataException(String.format("%s: wrong IDX magic number 0x%08x, expected 0x%08x"
                    + " (%s)", name, found, magic, magic == IMAGES_MAGIC ? "ubyte images"
                    : "ubyte labels"));
        }
    }

    private static void checkLength(long found, long expected, String name, String what) {
        if (found < expected) {
            throw new DataException(name + ": truncated file, header announces " + what + " ("
                    + expected + " bytes) but only " + found + " bytes follow");
        }
        if (found > expected) {
            throw new DataException(name + ": " + (found - expected) + " unexpected bytes after the "
                    + what + " the header announces");
        }
    }

    private static int nonNegative(int v, String what, String name) {
        if (v < 0) {
            throw new DataException(name + ": " + what + " in the IDX header is negative (" + v + ")");
        }
        return v;
    }

    private static int positive(int v, String what, String name) {
        if (v < 1) {
            throw new DataException(name + ": " + what + " in the IDX header must be >= 1, found " + v);
        }
        return v;
    }
}
