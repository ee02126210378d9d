package org.prdarts.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100 (the {@code *-binary.tar.gz} archives,
 * unpacked).
 *
 * <p>CIFAR-10: {@code data_batch_1.bin} .. {@code data_batch_5.bin} and {@code test_batch.bin};
 * each record is 1 label byte and 3072 pixel bytes (the red 32x32 plane, then green, then blue,
 * rows top to bottom), which is already the C x H x W layout of {@link ImageDataset}. CIFAR-100:
 * {@code train.bin} and {@code test.bin}, each record a coarse label byte, a fine label byte and
 * the same 3072 pixel bytes; the fine label (100 classes) is used. Class names come from
 * {@code batches.meta.txt} / {@code fine_label_names.txt} when present.
 */
public final class CifarReader {

    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;

    /** Name of the folder inside the CIFAR-10 binary archive. */
    public static final String CIFAR10_SUBFOLDER = "cifar-10-batches-bin";
    /** Name of the folder inside the CIFAR-100 binary archive. */
    public static final String CIFAR100_SUBFOLDER = "cifar-100-binary";

    /** CIFAR-10 class names in label order, used when batches.meta.txt is absent. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird",
            "cat", "deer", "dog", "frog", "horse", "ship", "truck");

    /** CIFAR-100 fine class names in label order, used when fine_label_names.txt is absent. */
    public static final List<String> CIFAR100_CLASSES = List.of("apple", "aquarium_fish", "baby",
            "bear", "beaver", "bed", "bee", "beetle", "bicycle", "bottle", "bowl", "boy", "bridge",
            "bus", "butterfly", "camel", "can", "castle", "caterpillar", "cattle", "chair",
            "chimpanzee", "clock", "cloud", "cockroach", "couch", "crab", "crocodile", "cup",
            "dinosaur", "dolphin", "elephant", "flatfish", "forest", "fox", "girl", "hamster",
            "house", "kangaroo", "keyboard", "lamp", "lawn_mower", "leopard", "lion", "lizard",
            "lobster", "man", "maple_tree", "motorcycle", "mountain", "mouse", "mushroom",
            "oak_tree", "orange", "orchid", "otter", "palm_tree", "pear", "pickup_truck",
            "pine_tree", "plain", "plate", "poppy", "porcupine", "possum", "rabbit", "raccoon",
            "ray", "road", "rocket", "rose", "sea", "seal", "shark", "shrew", "skunk",
            "skyscraper", "snail", "snake", "spider", "squirrel", "streetcar", "sunflower",
            "sweet_pepper", "table", "tank", "telephone", "television", "tiger", "tractor",
            "train", "trout", "tulip", "turtle", "wardrobe", "whale", "willow_tree", "wolf",
            "woman", "worm");

    private static final List<String> CIFAR10_TRAIN = List.of("data_batch_1.bin",
            "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");

    private CifarReader() {
    }

    /** Train and test sets of CIFAR-10 from {@code dir} or its cifar-10-batches-bin folder. */
    public static DataSource cifar10(Path dir) {
        Path root = locate(dir, "data_batch_1.bin", CIFAR10_SUBFOLDER, "CIFAR-10");
        List<String> names = classNames(root.resolve("batches.meta.txt"), CIFAR10_CLASSES);
        ImageDataset train = readRecords(files(root, CIFAR10_TRAIN), 1, 0, names,
                "CIFAR-10 train");
        ImageDataset test = readRecords(files(root, List.of("test_batch.bin")), 1, 0, names,
                "CIFAR-10 test");
        return new DataSource(train, test, "CIFAR-10 binary from " + root);
    }

    /** Train and test sets of CIFAR-100 (fine labels) from {@code dir} or its cifar-100-binary folder. */
    public static DataSource cifar100(Path dir) {
        Path root = locate(dir, "train.bin", CIFAR100_SUBFOLDER, "CIFAR-100");
        List<String> names = classNames(root.resolve("fine_label_names.txt"), CIFAR100_CLASSES);
        ImageDataset train = readRecords(files(root, List.of("train.bin")), 2, 1, names,
                "CIFAR-100 train");
        ImageDataset test = readRecords(files(root, List.of("test.bin")), 2, 1, names,
                "CIFAR-100 test");
        return new DataSource(train, test, "CIFAR-100 binary (fine labels) from " + root);
    }

    /**
     * Reads CIFAR binary batch files into one set.
     *
     * @param labelBytes bytes before the pixels of each record (1 for CIFAR-10, 2 for CIFAR-100)
     * @param labelOffset which of those bytes is the label used (0 for CIFAR-10, 1 = fine for CIFAR-100)
     */
    public static ImageDataset readRecords(List<Path> files, int labelBytes, int labelOffset,
            List<String> classNames, String name) {
        int record = labelBytes + PIXELS;
        List<byte[]> contents = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            byte[] b = Streams.readMaybeGzip(file);
            if (b.length == 0 || b.length % record != 0) {
                throw new DataException(file + ": size " + b.length + " bytes is not a whole number"
                        + " of " + record + "-byte records");
            }
            contents.add(b);
            total += b.length / record;
        }
        if (total * PIXELS > Integer.MAX_VALUE - 8) {
            throw new DataException(name + ": " + total + " images do not fit in one array");
        }
        int n = (int) total;
        byte[] pixels = new byte[n * PIXELS];
        int[] labels = new int[n];
        int numClasses = classNames.size();
        int k = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] b = contents.get(f);
            for (int r = 0; r < b.length / record; r++, k++) {
                int at = r * record;
                if (labelBytes == 2 && (b[at] & 0xFF) >= 20) {
                    throw new DataException(files.get(f) + ": coarse label " + (b[at] & 0xFF)
                            + " of record " + r + " is out of range [0, 20)");
                }
                int label = b[at + labelOffset] & 0xFF;
                if (label >= numClasses) {
                    throw new DataException(files.get(f) + ": label " + label + " of record " + r
                            + " is out of range [0, " + numClasses + ")");
                }
                labels[k] = label;
                System.arraycopy(b, at + labelBytes, pixels, k * PIXELS, PIXELS);
            }
        }
        String from = files.size() == 1 ? files.get(0).toString()
                : files.get(0).getParent().toString();
        return new ImageDataset(pixels, labels, 3, SIDE, SIDE, numClasses, classNames,
                name + " (" + n + " images, " + from + ")", false);
    }

    /** {@code dir} itself when it holds {@code marker}, else its standard sub-folder. */
    static Path locate(Path dir, String marker, String subfolder, String what) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": " + what + " folder not found");
        }
        if (Files.isRegularFile(dir.resolve(marker))) {
            return dir;
        }
        Path sub = dir.resolve(subfolder);
        if (Files.isRegularFile(sub.resolve(marker))) {
            return sub;
        }
        throw new DataException(dir + ": no " + what + " binary files (" + marker + " missing here"
                + " and in " + subfolder + "/)");
    }

    private static List<Path> files(Path root, List<String> names) {
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            Path file = root.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": file not found");
            }
            out.add(file);
        }
        return out;
    }

    /** Non-blank lines of a names file, which must list exactly as many classes as the defaults. */
    static List<String> classNames(Path file, List<String> defaults) {
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        List<String> names = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    names.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (names.size() != defaults.size()) {
            throw new DataException(file + ": lists " + names.size() + " class names, expected "
                    + defaults.size());
        }
        return names;
    }
}
