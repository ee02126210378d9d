package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path dir;

    @Test
    void bundledSampleLoadsBalanced() {
        DataSource s = Datasets.fashionMnistSample();
        assertEquals(10000, s.train().size());
        assertEquals(2000, s.test().size());
        assertEquals(1, s.train().channels());
        assertEquals(28, s.train().height());
        assertEquals(28, s.train().width());
        assertEquals(Datasets.FASHION_MNIST_CLASSES, s.train().classNames());
        int[] train = s.train().classCounts();
        int[] test = s.test().classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(1000, train[k], "train class " + k);
            assertEquals(200, test[k], "test class " + k);
        }
        assertTrue(s.train().description().contains("10000 images"), s.train().description());
        // Real images, not blanks: Fashion-MNIST's mean pixel is about 0.286.
        float mean = Augmentation.statsOf(s.train())[0][0];
        assertTrue(mean > 0.25f && mean < 0.32f, "mean " + mean);
    }

    /** Writes a tiny Fashion-MNIST-named IDX folder with n train and n test images. */
    private static Path idxFolder(Path root, int n, boolean gzip) throws IOException {
        Files.createDirectories(root);
        byte[] px = new byte[n * 28 * 28];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            px[i * 784] = (byte) i;
        }
        ImageDataset d = new ImageDataset(px, labels, 1, 28, 28, 10,
                Datasets.FASHION_MNIST_CLASSES, "tiny");
        String ext = gzip ? ".gz" : "";
        IdxWriter.write(d, root.resolve(Datasets.TRAIN_IMAGES + ext),
                root.resolve(Datasets.TRAIN_LABELS + ext));
        IdxWriter.write(d, root.resolve("t10k-images.idx3-ubyte" + ext),
                root.resolve(Datasets.TEST_LABELS + ext));
        return root;
    }

    @Test
    void fashionMnistPrefersDataDirThenSystemDirThenSample() throws IOException {
        Path given = idxFolder(dir.resolve("given"), 20, false);
        Path system = idxFolder(dir.resolve("system"), 30, true);
        Path absent = dir.resolve("absent");

        DataSource fromGiven = Datasets.fashionMnist(given, system);
        assertEquals(20, fromGiven.train().size());
        assertTrue(fromGiven.source().contains("--data-dir " + given), fromGiven.source());

        DataSource fromSystem = Datasets.fashionMnist(null, system);
        assertEquals(30, fromSystem.test().size());
        assertTrue(fromSystem.source().contains("dataset-fashion-mnist"), fromSystem.source());
        assertEquals("Fashion-MNIST train (30 images, " + system + ")",
                fromSystem.train().description());

        DataSource fromSample = Datasets.fashionMnist(null, absent);
        assertEquals(10000, fromSample.train().size());
        assertTrue(fromSample.source().contains("bundled sample"), fromSample.source());

        DataException e = assertThrows(DataException.class,
                () -> Datasets.fashionMnist(absent, system));
        assertTrue(e.getMessage().contains("folder not found"), e.getMessage());
    }

    @Test
    void theOriginNamesWhichFashionMnistARunReadsWithoutReadingIt() throws IOException {
        Path system = idxFolder(dir.resolve("system"), 30, true);
        Path absent = dir.resolve("absent");
        assertEquals(Datasets.FASHION_MNIST_FULL, Datasets.fashionMnistOrigin(null, system));
        assertEquals(Datasets.FASHION_MNIST_FULL, Datasets.fashionMnistOrigin(absent, absent),
                "a given folder is read or refused, never replaced by the sample");
        assertEquals(Datasets.FASHION_MNIST_BUNDLED, Datasets.fashionMnistOrigin(null, absent));
        assertEquals("synthetic", Datasets.origin(DatasetRequest.of("synthetic")));
        assertEquals("cifar10", Datasets.origin(DatasetRequest.of("cifar10").withDataDir(absent)));
    }

    @Test
    void mnistAndCifarNeedAFolder() {
        DataException e = assertThrows(DataException.class, () -> Datasets.load("mnist", null));
        assertEquals("mnist: needs a data folder (--data-dir)", e.getMessage());
        assertThrows(DataException.class, () -> Datasets.load("cifar10", null));
        Path empty = dir.resolve("nothing");
        assertTrue(assertThrows(DataException.class, () -> Datasets.load("mnist", dir))
                .getMessage().contains("IDX files not found"));
        assertTrue(assertThrows(DataException.class, () -> Datasets.load("cifar100", empty))
                .getMessage().contains("folder not found"));
    }

    @Test
    void mnistReadsDigitsFromAFolder() throws IOException {
        idxFolder(dir, 10, true);
        DataSource s = Datasets.load("MNIST", dir);
        assertEquals(Datasets.MNIST_CLASSES, s.train().classNames());
        assertEquals(7, s.train().pixel(7, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Datasets.load(
                DatasetRequest.of("mnist").withDataDir(dir).withImage(3, 0)));
    }

    @Test
    void shrunkSetsChargeTheFullSizeSetsTheyWereReadAs() throws IOException {
        idxFolder(dir, 10, false);
        DataSource full = Datasets.load(DatasetRequest.of("fashion-mnist").withDataDir(dir));
        DataSource half = Datasets.load(DatasetRequest.of("fashion-mnist").withDataDir(dir).withImage(1, 14));
        long perSet = 10L * (28 * 28 + Integer.BYTES);
        assertEquals(2 * perSet, full.bytes());
        assertEquals(full.bytes(), full.loadBytes());
        assertEquals(14, half.train().height());
        assertEquals(2 * 10L * (14 * 14 + Integer.BYTES), half.bytes());
        assertEquals(full.bytes(), half.readBytes());
        // the full-size sets were held while their shrunk copies were made
        assertEquals(full.bytes() + half.bytes(), half.loadBytes());
        assertEquals(half.loadBytes(), half.shape().bytes());
        assertThrows(IllegalArgumentException.class,
                () -> new DataSource(half.train(), half.test(), "less than it holds", half.bytes() - 1));
    }

    @Test
    void syntheticFollowsTheRequest() {
        DataSource s = Datasets.load(DatasetRequest.of("synthetic").withImage(3, 12)
                .withSynthetic(40, 20, 4).withSeed(8));
        assertEquals(40, s.train().size());
        assertEquals(20, s.test().size());
        assertEquals(3, s.train().channels());
        assertEquals(12, s.train().height());
        assertEquals(4, s.train().numClasses());
        assertArrayEquals(SyntheticDataset.generate(40, 3, 12, 4, 8).labels(), s.train().labels());
        assertTrue(s.source().startsWith("synthetic"), s.source());
    }

    @Test
    void folderNeedsTrainAndTest() throws IOException {
        assertTrue(assertThrows(DataException.class, () -> Datasets.load("folder", dir))
                .getMessage().contains("needs train/ and test/"));
        for (String part : List.of("train", "val")) {
            for (String cls : List.of("b", "a")) {
                Path f = dir.resolve(part).resolve(cls).resolve("x.png");
                Files.createDirectories(f.getParent());
                ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png",
                        f.toFile());
            }
        }
        DataSource s = Datasets.load(DatasetRequest.of("folder").withDataDir(dir).withImage(1, 6));
        assertEquals(List.of("a", "b"), s.test().classNames());
        assertEquals(6, s.train().width());
        assertEquals(1, s.train().channels());
    }

    @Test
    void requestIsValidated() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DatasetRequest.of("imagenet")).getMessage()
                .startsWith("dataset name must be one of [fashion-mnist, mnist"));
        assertEquals("channels must be 1 or 3 (0 = default), found 2", assertThrows(
                IllegalArgumentException.class,
                () -> DatasetRequest.of("folder").withImage(2, 32)).getMessage());
        assertEquals("cifar10", DatasetRequest.of(" CIFAR10 ").name());
    }
}
