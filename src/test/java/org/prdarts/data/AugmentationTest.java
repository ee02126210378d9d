package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.prdarts.repro.Rng;

class AugmentationTest {

    private static float[] ones(int n) {
        float[] a = new float[n];
        Arrays.fill(a, 1f);
        return a;
    }

    private static int zeros(float[] a) {
        int z = 0;
        for (float v : a) {
            z += v == 0f ? 1 : 0;
        }
        return z;
    }

    @Test
    void cutoutIsClippedAtTheCorner() {
        // 6x6, centre (0, 1), side 4: rows [-2, 2) -> [0, 2), columns [-1, 3) -> [0, 3).
        float[] img = ones(36);
        Augmentation.cutout(img, 0, 1, 6, 6, 0, 1, 4);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 6; x++) {
                float expected = y < 2 && x < 3 ? 0f : 1f;
                assertEquals(expected, img[y * 6 + x], "pixel (" + y + ", " + x + ")");
            }
        }
        // Bottom-right corner pixel, side 4: rows/columns [3, 7) -> [3, 6): 3x3.
        float[] corner = ones(36);
        Augmentation.cutout(corner, 0, 1, 6, 6, 5, 5, 4);
        assertEquals(9, zeros(corner));
        assertEquals(0f, corner[35]);
        assertEquals(1f, corner[2 * 6 + 5]);
    }

    @Test
    void cutoutInsideHasTheRequestedSideInEveryChannel() {
        float[] img = ones(2 * 8 * 8);
        Augmentation.cutout(img, 0, 2, 8, 8, 4, 4, 4);
        assertEquals(32, zeros(img));
        for (int c = 0; c < 2; c++) {
            assertEquals(0f, img[c * 64 + 2 * 8 + 2]);
            assertEquals(0f, img[c * 64 + 5 * 8 + 5]);
            assertEquals(1f, img[c * 64 + 6 * 8 + 6]);
            assertEquals(1f, img[c * 64 + 1 * 8 + 1]);
        }
        float[] odd = ones(64);
        Augmentation.cutout(odd, 0, 1, 8, 8, 4, 4, 3);
        assertEquals(9, zeros(odd));
    }

    @Test
    void randomCutoutZeroesAClippedRectangleAfterNormalisation() {
        Augmentation aug = Augmentation.none().withCutout(4)
                .withNormalization(new float[] {0f}, new float[] {1f});
        byte[] src = new byte[64];
        Arrays.fill(src, (byte) 255);
        for (int trial = 0; trial < 50; trial++) {
            float[] out = new float[64];
            aug.apply(src, 0, 1, 8, 8, out, 0, Rng.of(1, Rng.Stream.AUGMENT, trial));
            int minY = 8;
            int maxY = -1;
            int minX = 8;
            int maxX = -1;
            for (int p = 0; p < 64; p++) {
                if (out[p] == 0f) {
                    minY = Math.min(minY, p / 8);
                    maxY = Math.max(maxY, p / 8);
                    minX = Math.min(minX, p % 8);
                    maxX = Math.max(maxX, p % 8);
                } else {
                    assertEquals(1f, out[p], 1e-6f);
                }
            }
            int h = maxY - minY + 1;
            int w = maxX - minX + 1;
            assertEquals(h * w, zeros(out), "zeros form a rectangle");
            assertTrue(h >= 2 && h <= 4 && w >= 2 && w <= 4, h + "x" + w);
            // Narrower than 4 only where clipped by a border.
            assertTrue(h == 4 || minY == 0 || maxY == 7);
            assertTrue(w == 4 || minX == 0 || maxX == 7);
        }
    }

    @Test
    void cropAndFlipKeepShapeAndMoveContentWithinThePadding() {
        int c = 2;
        int h = 5;
        int w = 7;
        int pad = 2;
        byte[] src = new byte[c * h * w];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (1 + i);
        }
        Augmentation aug = Augmentation.none().withCrop(pad).withFlip(true)
                .withNormalization(new float[] {0f, 0f}, new float[] {1f / 255, 1f / 255});
        int flips = 0;
        for (int trial = 0; trial < 40; trial++) {
            float[] out = new float[src.length];
            aug.apply(src, 0, c, h, w, out, 0, Rng.of(3, Rng.Stream.AUGMENT, trial));
            int found = 0;
            for (int oy = -pad; oy <= pad; oy++) {
                for (int ox = -pad; ox <= pad; ox++) {
                    for (int m = 0; m < 2; m++) {
                        if (matches(src, out, c, h, w, oy, ox, m == 1)) {
                            found++;
                            flips += m;
                        }
                    }
                }
            }
            assertEquals(1, found, "exactly one crop offset and flip explain trial " + trial);
        }
        assertTrue(flips > 5 && flips < 35, "flipped " + flips + " of 40");
    }

    private static boolean matches(byte[] src, float[] out, int c, int h, int w, int oy, int ox,
            boolean mirror) {
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y + oy;
                    int sx = (mirror ? w - 1 - x : x) + ox;
                    float expected = sy >= 0 && sy < h && sx >= 0 && sx < w
                            ? src[(ch * h + sy) * w + sx] & 0xFF : 0f;
                    if (Math.abs(out[(ch * h + y) * w + x] - expected) > 1e-3f) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void statsAreHandComputed() {
        // Channel 0 values 0 and 255 -> mean 0.5, std 0.5; channel 1 constant 51 -> mean 0.2, std 1.
        byte[] px = {0, (byte) 255, 51, 51};
        ImageDataset d = new ImageDataset(px, new int[] {0}, 2, 1, 2, 1, List.of("x"), "t");
        float[][] stats = Augmentation.statsOf(d);
        assertArrayEquals(new float[] {0.5f, 0.2f}, stats[0], 1e-6f);
        assertArrayEquals(new float[] {0.5f, 1f}, stats[1], 1e-6f);
    }

    @Test
    void evaluationKeepsStatisticsAndDropsRandomness() {
        Augmentation aug = Augmentation.standard().withCutout(16)
                .withNormalization(new float[] {0.1f}, new float[] {0.2f});
        Augmentation eval = aug.forEvaluation();
        assertTrue(aug.isRandom());
        assertTrue(!eval.isRandom());
        assertArrayEquals(new float[] {0.1f}, eval.mean());
        assertEquals(4, Augmentation.standard().pad());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertEquals("cutout must be >= 0 (0 = off), found -1", assertThrows(
                IllegalArgumentException.class, () -> Augmentation.none().withCutout(-1))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.none().withCrop(-2));
        assertThrows(IllegalArgumentException.class,
                () -> Augmentation.none().withNormalization(new float[] {0f}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class,
                () -> Augmentation.none().withNormalization(new float[] {0f}, new float[] {1f, 1f}));
    }
}
