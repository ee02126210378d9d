package org.prdarts.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a data set by name to its train and test sets.
 *
 * <p>Fashion-MNIST is looked for, in order, in the given folder, in
 * {@value #FASHION_MNIST_SYSTEM_DIR} (Debian/Ubuntu package {@code dataset-fashion-mnist}) and
 * finally in the class-balanced sample bundled on the class path, so a run always has data. MNIST,
 * CIFAR and image folders need a folder; synthetic data needs nothing.
 */
public final class Datasets {
    private static final int SYNTHETIC_CHANNELS = 1;
    private static final int SYNTHETIC_SIZE = 28;

    /** Names accepted by {@link #load(DatasetRequest)}. */
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10",
            "cifar100", "folder", "synthetic");

    /** Where the Debian package dataset-fashion-mnist installs the full set. */
    public static final String FASHION_MNIST_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist";

    /** Class-path folder of the bundled Fashion-MNIST sample. */
    public static final String FASHION_MNIST_SAMPLE = "/org/prdarts/data/fashion-mnist-sample/";

    /** Fashion-MNIST class names in label order. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser",
            "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** MNIST class names (the digits) in label order. */
    public static final List<String> MNIST_CLASSES = List.of("0", "1", "2", "3", "4", "5", "6",
            "7", "8", "9");

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    private Datasets() {
    }

    /** Loads the set a request names; see the class comment for where each set is looked for. */
    public static DataSource load(DatasetRequest request) {
        Path dir = request.dataDir();
        DataSource loaded = switch (request.name()) {
            case "fashion-mnist" -> fashionMnist(dir, Path.of(FASHION_MNIST_SYSTEM_DIR));
            case "mnist" -> idxDir(required(dir, "mnist"), "MNIST", MNIST_CLASSES,
                    "MNIST from " + dir);
            case "cifar10" -> CifarReader.cifar10(required(dir, "cifar10"));
            case "cifar100" -> CifarReader.cifar100(required(dir, "cifar100"));
            case "folder" -> folder(required(dir, "folder"), orDefault(request.channels(), 3),
                    orDefault(request.imageSize(), 32));
            case "synthetic" -> synthetic(request);
            default -> throw new IllegalArgumentException("dataset name must be one of " + NAMES
                    + ", found '" + request.name() + "'");
        };
        if (!request.name().equals("folder") && !request.name().equals("synthetic")) {
            checkShape(request, loaded.train());
            int size = request.imageSize();
            if (size != 0 && size != loaded.train().height()) {
                int factor = loaded.train().height() / size;
                return loaded.downsample(factor, ", downsampled to " + size + "x" + size);
            }
        }
        return loaded;
    }

    /** Loads {@code name} with default settings from {@code dataDir} (may be null). */
    public static DataSource load(String name, Path dataDir) {
        return load(DatasetRequest.of(name).withDataDir(dataDir));
    }

    /** {@link #origin} of Fashion-MNIST read from a folder or the Debian package. */
    public static final String FASHION_MNIST_FULL = "the full Fashion-MNIST";

    /** {@link #origin} of Fashion-MNIST read from the sample bundled on the class path. */
    public static final String FASHION_MNIST_BUNDLED = "the bundled Fashion-MNIST sample";

    /**
     * Which images a request reads, named without reading them. Only Fashion-MNIST can stand for two
     * different sets on different machines (the full set, or the bundled sample where the full set
     * is missing); every other name reads one set or fails, so its origin is its name. Runs whose
     * results are compared or continued check that their origins agree.
     */
    public static String origin(DatasetRequest request) {
        return request.name().equals("fashion-mnist")
                ? fashionMnistOrigin(request.dataDir(), Path.of(FASHION_MNIST_SYSTEM_DIR)) : request.name();
    }

    /** What {@link #fashionMnist} reads: the full set from a given folder or {@code systemDir}, else the sample. */
    static String fashionMnistOrigin(Path dataDir, Path systemDir) {
        return dataDir != null || findIdxFiles(systemDir) != null ? FASHION_MNIST_FULL : FASHION_MNIST_BUNDLED;
    }

    /**
     * Fashion-MNIST from {@code dataDir} when given (it must then hold the files), else from
     * {@code systemDir} when it holds all four files, else the bundled sample.
     */
    static DataSource fashionMnist(Path dataDir, Path systemDir) {
        if (dataDir != null) {
            return idxDir(dataDir, "Fashion-MNIST", FASHION_MNIST_CLASSES,
                    "Fashion-MNIST from --data-dir " + dataDir);
        }
        if (fashionMnistOrigin(null, systemDir).equals(FASHION_MNIST_FULL)) {
            return idxDir(systemDir, "Fashion-MNIST", FASHION_MNIST_CLASSES,
                    "Fashion-MNIST from " + systemDir + " (package dataset-fashion-mnist)");
        }
        DataSource sample = fashionMnistSample();
        return new DataSource(sample.train(), sample.test(), "Fashion-MNIST bundled sample ("
                + sample.train().size() + " train / " + sample.test().size() + " test images, "
                + "class-balanced); for the full set install dataset-fashion-mnist or pass "
                + "--data-dir");
    }

    /** The class-balanced Fashion-MNIST sample shipped in the jar. */
    public static DataSource fashionMnistSample() {
        ImageDataset train = sampleSet(TRAIN_IMAGES, TRAIN_LABELS, "train");
        ImageDataset test = sampleSet(TEST_IMAGES, TEST_LABELS, "test");
        return new DataSource(train, test, "Fashion-MNIST bundled sample (class path "
                + FASHION_MNIST_SAMPLE + ")");
    }

    private static ImageDataset sampleSet(String images, String labels, String part) {
        String imagesName = FASHION_MNIST_SAMPLE + images + ".gz";
        String labelsName = FASHION_MNIST_SAMPLE + labels + ".gz";
        try (InputStream im = resource(imagesName); InputStream lb = resource(labelsName)) {
            ImageDataset data = IdxReader.read(im, imagesName, lb, labelsName,
                    FASHION_MNIST_CLASSES, "");
            return data.withDescription("Fashion-MNIST sample " + part + " (" + data.size()
                    + " images, bundled)");
        } catch (IOException e) {
            throw new DataException(imagesName + ": cannot read bundled sample (" + e.getMessage()
                    + ")", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = Datasets.class.getResourceAsStream(name);
        if (in == null) {
            throw new DataException(name + ": bundled resource missing from the class path");
        }
        return in;
    }

    /**
     * Train and test sets from a folder of MNIST-style IDX files, named as distributed
     * ({@code train-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, ...), raw or {@code .gz},
     * with a dot or a dash before {@code idx}.
     */
    public static DataSource idxDir(Path dir, String setName, List<String> classNames,
            String source) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": " + setName + " folder not found");
        }
        Path[] files = findIdxFiles(dir);
        if (files == null) {
            throw new DataException(dir + ": " + setName + " IDX files not found (need "
                    + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES + ", " + TEST_LABELS
                    + ", optionally .gz)");
        }
        ImageDataset train = IdxReader.read(files[0], files[1], classNames, "");
        ImageDataset test = IdxReader.read(files[2], files[3], classNames, "");
        return new DataSource(
                train.withDescription(setName + " train (" + train.size() + " images, " + dir + ")"),
                test.withDescription(setName + " test (" + test.size() + " images, " + dir + ")"),
                source);
    }

    /** The four IDX files in {@code dir}, or null when any is missing. */
    static Path[] findIdxFiles(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        String[] stems = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
        Path[] found = new Path[4];
        for (int i = 0; i < 4; i++) {
            found[i] = findVariant(dir, stems[i]);
            if (found[i] == null) {
                return null;
            }
        }
        return found;
    }

    private static Path findVariant(Path dir, String stem) {
        List<String> candidates = new ArrayList<>();
        String dotted = stem.replace("-idx", ".idx");
        for (String base : List.of(stem, dotted)) {
            candidates.add(base);
            candidates.add(base + ".gz");
        }
        for (String name : candidates) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * An image folder with {@code train/} and {@code test/} (or {@code val/}) sub-folders, each
     * laid out as {@code <class>/<image>}.
     */
    public static DataSource folder(Path dir, int channels, int imageSize) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": image folder not found");
        }
        Path train = dir.resolve("train");
        Path test = Files.isDirectory(dir.resolve("test")) ? dir.resolve("test") : dir.resolve("val");
        if (!Files.isDirectory(train) || !Files.isDirectory(test)) {
            throw new DataException(dir + ": needs train/ and test/ (or val/) sub-folders, each "
                    + "holding <class>/<image> files");
        }
        ImageDataset trainSet = ImageFolderReader.read(train, channels, imageSize, imageSize,
                "image folder train");
        ImageDataset testSet = ImageFolderReader.read(test, trainSet.classNames(), channels,
                imageSize, imageSize, "image folder " + test.getFileName());
        return new DataSource(trainSet, testSet, "image folder " + dir + " (" + channels + "x"
                + imageSize + "x" + imageSize + ")");
    }

    /**
     * The shape of a data set known before it is read or generated (synthetic images); empty for
     * sets whose shape only their files tell. A run checks its memory estimate on it first, so an
     * oversized request is refused before minutes of generating.
     */
    public static java.util.Optional<DataShape> plannedShape(DatasetRequest r) {
        return plannedShape(r, 0);
    }

    /**
     * As {@link #plannedShape(DatasetRequest)} for a run that uses at most {@code subset} training
     * images (0 = all): a synthetic set then generates only those (see {@link #load(DatasetRequest, int)}).
     */
    public static java.util.Optional<DataShape> plannedShape(DatasetRequest r, int subset) {
        if (!r.name().equals("synthetic")) {
            return java.util.Optional.empty();
        }
        int channels = orDefault(r.channels(), SYNTHETIC_CHANNELS);
        int size = orDefault(r.imageSize(), SYNTHETIC_SIZE);
        long perImage = (long) channels * size * size + Integer.BYTES;
        return java.util.Optional.of(new DataShape(channels, size, size, r.syntheticClasses(),
                perImage * ((long) syntheticTrainImages(r, subset) + r.syntheticTest())));
    }

    /**
     * Loads a data set of which a run uses at most {@code subset} training images (0 = all). A
     * synthetic set generates only the class-balanced subset {@link Splits#balancedSubset} picks
     * with the request's seed, in its order, so the run sees the same images as when the whole
     * set is made and the subset taken from it; {@code DataConfig.trainIndices} then takes all of
     * them. Other sets are read whole (their files hold them all).
     */
    public static DataSource load(DatasetRequest r, int subset) {
        if (!r.name().equals("synthetic") || syntheticTrainImages(r, subset) == r.syntheticTrain()) {
            return load(r);
        }
        return synthetic(r, Splits.balancedSubset(SyntheticDataset.labels(r.syntheticTrain(), r.syntheticClasses(),
                r.seed(), 0), r.syntheticClasses(), subset, r.seed()));
    }

    private static int syntheticTrainImages(DatasetRequest r, int subset) {
        return subset > 0 ? Math.min(subset, r.syntheticTrain()) : r.syntheticTrain();
    }

    private static DataSource synthetic(DatasetRequest r) {
        return synthetic(r, null);
    }

    /** @param which the training images to generate; null = all */
    private static DataSource synthetic(DatasetRequest r, int[] which) {
        int channels = orDefault(r.channels(), SYNTHETIC_CHANNELS);
        int size = orDefault(r.imageSize(), SYNTHETIC_SIZE);
        ImageDataset train = SyntheticDataset.generate(r.syntheticTrain(), channels, size,
                r.syntheticClasses(), r.seed(), 0, which);
        ImageDataset test = SyntheticDataset.generate(r.syntheticTest(), channels, size,
                r.syntheticClasses(), r.seed(), 1);
        return new DataSource(train, test, "synthetic oriented stripes and blobs (seed " + r.seed()
                + ", " + r.syntheticClasses() + " classes, " + channels + "x" + size + "x" + size
                + ")");
    }

    private static Path required(Path dir, String name) {
        if (dir == null) {
            throw new DataException(name + ": needs a data folder (--data-dir)");
        }
        return dir;
    }

    private static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    private static void checkShape(DatasetRequest r, ImageDataset data) {
        if (r.channels() != 0 && r.channels() != data.channels()) {
            throw new IllegalArgumentException("channels must be " + data.channels() + " for "
                    + r.name() + " (or unset), found " + r.channels());
        }
        int size = r.imageSize();
        if (size != 0 && (data.height() != data.width() || size > data.height() || data.height() % size != 0)) {
            throw new IllegalArgumentException("imageSize must divide " + data.height() + " for "
                    + r.name() + " (the images are shrunk by a whole factor) or be unset, found " + size);
        }
    }
}
