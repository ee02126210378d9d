package org.prdarts.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What data set to load, validated: the name, an optional folder, and the settings that only some
 * sets use.
 *
 * @param name one of {@link Datasets#NAMES}
 * @param dataDir folder to read from, or null for the set's default source
 * @param channels image channels for {@code folder} and {@code synthetic}; 0 = the set's default
 *     (3 for folder, 1 for synthetic). For the fixed-format sets it must be 0 or their own value.
 * @param imageSize image side for {@code folder} and {@code synthetic}; 0 = default (32 for
 *     folder, 28 for synthetic). For the fixed-format sets it must be 0 or their own value.
 * @param syntheticTrain training images of {@code synthetic}
 * @param syntheticTest test images of {@code synthetic}
 * @param syntheticClasses classes of {@code synthetic}
 * @param seed seed of {@code synthetic}
 */
public record DatasetRequest(String name, Path dataDir, int channels, int imageSize,
        int syntheticTrain, int syntheticTest, int syntheticClasses, long seed) {

    public DatasetRequest {
        if (name == null) {
            throw new IllegalArgumentException("dataset name must be one of " + Datasets.NAMES
                    + ", found null");
        }
        name = name.strip().toLowerCase(Locale.ROOT);
        if (!Datasets.NAMES.contains(name)) {
            throw new IllegalArgumentException("dataset name must be one of " + Datasets.NAMES
                    + ", found '" + name + "'");
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3 (0 = default), found "
                    + channels);
        }
        if (imageSize != 0 && imageSize < 4) {
            throw new IllegalArgumentException("imageSize must be >= 4 (0 = default), found "
                    + imageSize);
        }
        if (syntheticTrain < 1) {
            throw new IllegalArgumentException("syntheticTrain must be >= 1, found "
                    + syntheticTrain);
        }
        if (syntheticTest < 1) {
            throw new IllegalArgumentException("syntheticTest must be >= 1, found " + syntheticTest);
        }
        if (syntheticClasses < 2 || syntheticClasses > 256) {
            throw new IllegalArgumentException("syntheticClasses must be in [2, 256], found "
                    + syntheticClasses);
        }
    }

    /** Defaults: no folder, default image shape, synthetic 2000 train / 500 test, 10 classes, seed 0. */
    public static DatasetRequest of(String name) {
        return new DatasetRequest(name, null, 0, 0, 2000, 500, 10, 0L);
    }

    public DatasetRequest withDataDir(Path dir) {
        return new DatasetRequest(name, dir, channels, imageSize, syntheticTrain, syntheticTest,
                syntheticClasses, seed);
    }

    public DatasetRequest withImage(int imageChannels, int size) {
        return new DatasetRequest(name, dataDir, imageChannels, size, syntheticTrain,
                syntheticTest, syntheticClasses, seed);
    }

    public DatasetRequest withSynthetic(int train, int test, int classes) {
        return new DatasetRequest(name, dataDir, channels, imageSize, train, test, classes, seed);
    }

    public DatasetRequest withSeed(long newSeed) {
        return new DatasetRequest(name, dataDir, channels, imageSize, syntheticTrain,
                syntheticTest, syntheticClasses, newSeed);
    }
}
