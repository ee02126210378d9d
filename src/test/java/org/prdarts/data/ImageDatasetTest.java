package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    /** Three 2-channel 1x2 images; image i holds bytes 10i .. 10i+3. */
    private static ImageDataset three() {
        byte[] px = new byte[12];
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 4; k++) {
                px[i * 4 + k] = (byte) (10 * i + k);
            }
        }
        return new ImageDataset(px, new int[] {0, 1, 1}, 2, 1, 2, 2, List.of("p", "q"), "three");
    }

    @Test
    void accessorsUseNchwLayout() {
        ImageDataset d = three();
        assertEquals(4, d.imageSize());
        assertEquals(23, d.pixel(2, 1, 0, 1));
        assertEquals(21, d.pixel(2, 0, 0, 1));
        assertArrayEquals(new byte[] {10, 11, 12, 13}, d.image(1));
        assertArrayEquals(new int[] {1, 2}, d.classCounts());
    }

    @Test
    void downsampleAveragesBlocks() {
        // one 4x4 image: 2x2 blocks with means 1.5, 10, 200.25 -> 200, 255
        byte[] px = {1, 2, 10, 10, 1, 2, 10, 10, (byte) 200, (byte) 201, (byte) 255, (byte) 255,
            (byte) 200, (byte) 200, (byte) 255, (byte) 255};
        ImageDataset d = new ImageDataset(px, new int[] {1}, 1, 4, 4, 2, List.of("a", "b"), "t");
        ImageDataset s = d.downsample(2);
        assertEquals(2, s.height());
        assertEquals(2, s.width());
        assertArrayEquals(new int[] {2, 10, 200, 255}, new int[] {s.pixel(0, 0, 0, 0), s.pixel(0, 0, 0, 1),
            s.pixel(0, 0, 1, 0), s.pixel(0, 0, 1, 1)});
        assertEquals(1, s.label(0));
        assertThrows(IllegalArgumentException.class, () -> d.downsample(3));
    }

    @Test
    void fashionMnistShrinksToAWholeFactor() {
        DataSource d = Datasets.load(DatasetRequest.of("fashion-mnist").withDataDir(null).withImage(0, 14));
        assertEquals(14, d.train().height());
        assertEquals(14, d.test().width());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Datasets.load(DatasetRequest.of("fashion-mnist").withImage(0, 10)));
        assertEquals("imageSize must divide 28 for fashion-mnist (the images are shrunk by a whole factor) "
            + "or be unset, found 10", e.getMessage());
    }

    @Test
    void subsetCopiesInTheGivenOrder() {
        ImageDataset s = three().subset(new int[] {2, 0, 2});
        assertEquals(3, s.size());
        assertArrayEquals(new int[] {1, 0, 1}, s.labels());
        assertArrayEquals(new byte[] {20, 21, 22, 23}, s.image(0));
        assertArrayEquals(new byte[] {0, 1, 2, 3}, s.image(1));
        assertEquals("three, subset of 3", s.description());
        assertThrows(IndexOutOfBoundsException.class, () -> three().subset(new int[] {3}));
    }

    @Test
    void constructorCopiesAndValidates() {
        byte[] px = new byte[4];
        int[] labels = {0};
        ImageDataset d = new ImageDataset(px, labels, 1, 2, 2, 2, List.of("a", "b"), "x");
        px[0] = 9;
        labels[0] = 1;
        assertEquals(0, d.pixel(0, 0, 0, 0));
        assertEquals(0, d.label(0));
        assertEquals("pixels must have N*C*H*W = 4 bytes, found 3", assertThrows(
                IllegalArgumentException.class, () -> new ImageDataset(new byte[3], new int[] {0},
                        1, 2, 2, 2, List.of("a", "b"), "x")).getMessage());
        assertEquals("label of image 0 must be in [0, 2), found 2", assertThrows(
                IllegalArgumentException.class, () -> new ImageDataset(new byte[4], new int[] {2},
                        1, 2, 2, 2, List.of("a", "b"), "x")).getMessage());
        assertEquals("classNames must have numClasses = 2 entries, found 1", assertThrows(
                IllegalArgumentException.class, () -> new ImageDataset(new byte[4], new int[] {0},
                        1, 2, 2, 2, List.of("a"), "x")).getMessage());
    }
}
