package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

    @Test
    void sameSeedGivesSameImages() {
        ImageDataset a = SyntheticDataset.generate(50, 3, 16, 5, 42);
        ImageDataset b = SyntheticDataset.generate(50, 3, 16, 5, 42);
        ImageDataset c = SyntheticDataset.generate(50, 3, 16, 5, 43);
        assertArrayEquals(a.labels(), b.labels());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.image(i), b.image(i));
        }
        assertFalse(Arrays.equals(a.image(0), c.image(0)));
        assertEquals(3, a.channels());
        assertEquals(16, a.height());
        assertEquals(16, a.width());
    }

    @Test
    void labelsAreBalancedToWithinOne() {
        ImageDataset d = SyntheticDataset.generate(103, 1, 12, 10, 7);
        int[] counts = d.classCounts();
        for (int k = 0; k < 10; k++) {
            assertEquals(k < 3 ? 11 : 10, counts[k], "class " + k);
        }
    }

    @Test
    void trainAndTestPartsDiffer() {
        ImageDataset train = SyntheticDataset.generate(20, 1, 12, 4, 1, 0);
        ImageDataset test = SyntheticDataset.generate(20, 1, 12, 4, 1, 1);
        assertFalse(Arrays.equals(train.image(0), test.image(0)));
        assertTrue(test.description().startsWith("synthetic test"));
    }

    /** The classes are separable: a nearest-class-mean rule on held-out images beats 90 %. */
    @Test
    void classesAreLearnable() {
        int classes = 10;
        int size = 16;
        ImageDataset train = SyntheticDataset.generate(500, 1, size, classes, 3, 0);
        ImageDataset test = SyntheticDataset.generate(200, 1, size, classes, 3, 1);
        int dim = size * size;
        double[][] mean = new double[classes][dim];
        int[] counts = train.classCounts();
        for (int i = 0; i < train.size(); i++) {
            byte[] img = train.image(i);
            for (int p = 0; p < dim; p++) {
                mean[train.label(i)][p] += (img[p] & 0xFF) / (double) counts[train.label(i)];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            byte[] img = test.image(i);
            int best = -1;
            double bestDist = Double.MAX_VALUE;
            for (int k = 0; k < classes; k++) {
                double dist = 0;
                for (int p = 0; p < dim; p++) {
                    double d = (img[p] & 0xFF) - mean[k][p];
                    dist += d * d;
                }
                if (dist < bestDist) {
                    bestDist = dist;
                    best = k;
                }
            }
            correct += best == test.label(i) ? 1 : 0;
        }
        assertTrue(correct > 180, "nearest-mean accuracy " + correct + "/200");
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("numClasses must be in [2, 256], found 1", assertThrows(
                IllegalArgumentException.class,
                () -> SyntheticDataset.generate(10, 1, 8, 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(0, 1, 8, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(5, 0, 8, 2, 0));
    }

    /** A run on a subset generates only its images, and they are the ones the whole set holds. */
    @Test
    void aSubsetIsGeneratedAloneWithTheImagesOfTheWholeSet() {
        DataConfig config = new DataConfig("synthetic", null, 37, 0.5, false, 0, 3, 12);
        DataSource whole = new DataConfig("synthetic", null, 0, 0.5, false, 0, 3, 12).load(7);
        DataSource sub = config.load(7);
        int[] picked = Splits.balancedSubset(whole.train(), 37, 7);
        assertEquals(37, sub.train().size(), "only the subset is generated");
        assertArrayEquals(Splits.identity(37), config.trainIndices(sub.train(), 7));
        for (int j = 0; j < picked.length; j++) {
            assertArrayEquals(whole.train().image(picked[j]), sub.train().image(j), "image " + j);
            assertEquals(whole.train().labels()[picked[j]], sub.train().labels()[j]);
        }
        assertEquals(whole.test().size(), sub.test().size());
        assertArrayEquals(whole.test().image(3), sub.test().image(3));
        long perImage = 3 * 12 * 12 + Integer.BYTES;
        assertEquals(perImage * (37 + whole.test().size()), config.plannedShape(7).orElseThrow().bytes());
        assertThrows(IllegalArgumentException.class,
                () -> SyntheticDataset.generate(10, 1, 8, 2, 0, 0, new int[] {10}));
    }
}
