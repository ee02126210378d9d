package org.prdarts.data;

/**
 * The train and test sets of one data set and a line saying where they were read from (a folder,
 * the system package, the bundled sample or the synthetic generator), for logs and run manifests.
 *
 * @param readBytes the bytes of both sets as they were read, before they were shrunk
 *                  ({@link ImageDataset#downsample}); equal to {@link #bytes()} for sets used at the
 *                  size they were read
 */
public record DataSource(ImageDataset train, ImageDataset test, String source, long readBytes) {

    /** Sets used at the size they were read. */
    public DataSource(ImageDataset train, ImageDataset test, String source) {
        this(train, test, source, bytesOf(train, test));
    }

    public DataSource {
        if (train.channels() != test.channels() || train.height() != test.height()
                || train.width() != test.width()) {
            throw new IllegalArgumentException("train and test images must have the same shape, found "
                    + train.channels() + "x" + train.height() + "x" + train.width() + " and "
                    + test.channels() + "x" + test.height() + "x" + test.width());
        }
        if (!train.classNames().equals(test.classNames())) {
            throw new IllegalArgumentException("train and test must have the same classes, found "
                    + train.classNames() + " and " + test.classNames());
        }
        if (readBytes < bytesOf(train, test)) {
            throw new IllegalArgumentException("bytes read must be at least the bytes the sets hold ("
                    + bytesOf(train, test) + "), found " + readBytes);
        }
    }

    /** These sets, shrunk by {@code factor} in each direction; they remember the bytes read. */
    public DataSource downsample(int factor, String how) {
        return new DataSource(train.downsample(factor), test.downsample(factor), source + how, readBytes);
    }

    /** Bytes the images and labels of both sets take in memory (one byte per pixel, one int per label). */
    public long bytes() {
        return bytesOf(train, test);
    }

    /**
     * Bytes the loading held at its height: the sets as read, plus the shrunk copies made from them
     * while those were still held. A memory estimate charges the data set for these.
     */
    public long loadBytes() {
        long held = bytes();
        return readBytes == held ? held : readBytes + held;
    }

    /** The shape of the images, the classes and {@link #loadBytes()}. */
    public DataShape shape() {
        return new DataShape(train.channels(), train.height(), train.width(), train.numClasses(), loadBytes());
    }

    private static long bytesOf(ImageDataset train, ImageDataset test) {
        return (long) train.size() * (train.imageSize() + Integer.BYTES)
                + (long) test.size() * (test.imageSize() + Integer.BYTES);
    }
}
