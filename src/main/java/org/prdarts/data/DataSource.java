package org.prdarts.data;

/**
 * The train and test sets of one data set and a line saying where they were read from (a folder,
 * the system package, the bundled sample or the synthetic generator), for logs and run manifests.
 */
public record DataSource(ImageDataset train, ImageDataset test, String source) {

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
    }

    /** Bytes the images and labels of both sets take in memory (one byte per pixel, one int per label). */
    public long bytes() {
        return (long) train.size() * (train.imageSize() + Integer.BYTES)
                + (long) test.size() * (test.imageSize() + Integer.BYTES);
    }

    /** The shape of the images, the classes and {@link #bytes()}. */
    public DataShape shape() {
        return new DataShape(train.channels(), train.height(), train.width(), train.numClasses(), bytes());
    }
}
