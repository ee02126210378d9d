package org.prdarts.data;

import java.nio.file.Path;

/**
 * Which images a run uses and how they are fed.
 *
 * @param dataset      data set name (see {@link Datasets#NAMES})
 * @param dataDir      folder holding the data set files; null for the default source
 * @param subset       use at most this many training images, class-balanced (0 = all)
 * @param trainPortion share of the (sub)set used for the weights in a search; the rest trains
 *                     the architecture
 * @param augment      random crop (pad 4) and horizontal flip
 * @param cutout       cutout side length (0 = off)
 * @param channels     image channels for data sets that can convert (folder, synthetic); 0 = default
 * @param imageSize    image side for data sets that can resize (folder, synthetic); 0 = default
 */
public record DataConfig(String dataset, Path dataDir, int subset, double trainPortion, boolean augment,
                         int cutout, int channels, int imageSize) {

    /** The largest image side a run takes (four times ImageNet's 224, rounded up). */
    public static final int MAX_IMAGE_SIZE = 1024;

    public DataConfig {
        if (dataset == null || !Datasets.NAMES.contains(dataset.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException("dataset must be one of " + String.join(", ", Datasets.NAMES)
                    + ", found '" + dataset + "'");
        }
        dataset = dataset.toLowerCase(java.util.Locale.ROOT);
        if (subset < 0) {
            throw new IllegalArgumentException("subset must be >= 0, found " + subset);
        }
        if (!(trainPortion > 0 && trainPortion < 1)) {
            throw new IllegalArgumentException("train-portion must be in (0, 1), found " + trainPortion);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image channels must be 1 or 3, found " + channels);
        }
        if (imageSize != 0 && imageSize < 8) {
            throw new IllegalArgumentException("image size must be >= 8, found " + imageSize);
        }
        if (imageSize > MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("image size must be <= " + MAX_IMAGE_SIZE + ", found " + imageSize);
        }
        if (cutout < 0) {
            throw new IllegalArgumentException("cutout must be >= 0, found " + cutout);
        }
    }

    /** Fashion-MNIST, its default source, all images, 50/50 split, no augmentation. */
    public static DataConfig defaults(String dataset) {
        return new DataConfig(dataset, null, 0, 0.5, false, 0, 0, 0);
    }

    public DataConfig withSubset(int newSubset) {
        return new DataConfig(dataset, dataDir, newSubset, trainPortion, augment, cutout, channels, imageSize);
    }

    public DataConfig withImage(int newChannels, int newSize) {
        return new DataConfig(dataset, dataDir, subset, trainPortion, augment, cutout, newChannels, newSize);
    }

    /**
     * Loads the data set this config names; of a synthetic set only the subset is generated (its
     * images are those {@link #trainIndices} would pick from the whole set).
     */
    public DataSource load(long seed) {
        return Datasets.load(request(seed), subset);
    }

    /** Which images this config reads, named without reading them ({@link Datasets#origin}). */
    public String origin() {
        return Datasets.origin(request(0));
    }

    /** The shape of the data set: the planned one when it is known without loading, else the loaded set's. */
    public DataShape shape(long seed) {
        return plannedShape(seed).orElseGet(() -> load(seed).shape());
    }

    /** The shape of the data set when it is known without loading it (see {@link Datasets#plannedShape}). */
    public java.util.Optional<DataShape> plannedShape(long seed) {
        return Datasets.plannedShape(request(seed), subset);
    }

    private DatasetRequest request(long seed) {
        DatasetRequest request = DatasetRequest.of(dataset).withSeed(seed);
        if (dataDir != null) {
            request = request.withDataDir(dataDir);
        }
        if (channels != 0 || imageSize != 0) {
            request = request.withImage(channels, imageSize);
        }
        return request;
    }

    /** Training augmentation with normalisation statistics of the given training images. */
    public Augmentation trainAugmentation(ImageDataset train) {
        Augmentation a = augment ? Augmentation.standard() : Augmentation.none();
        if (cutout > 0) {
            a = a.withCutout(cutout);
        }
        return a.withStatsFrom(train);
    }

    /** Indices of the training images this run uses. */
    public int[] trainIndices(ImageDataset train, long seed) {
        return subset == 0 || subset >= train.size()
                ? Splits.identity(train.size())
                : Splits.balancedSubset(train, subset, seed);
    }
}
