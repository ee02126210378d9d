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

class ImageFolderReaderTest {

    @TempDir
    Path dir;

    private static void png(Path file, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** Two classes sorted by name: "cat" (2 red 8x4 images) and "dog" (1 grey 2x2 image). */
    private void layout() throws IOException {
        png(dir.resolve("dog/a.png"), 2, 2, 0x404040);
        png(dir.resolve("cat/b.png"), 8, 4, 0xFF0000);
        png(dir.resolve("cat/a.PNG"), 8, 4, 0x00FF00);
        Files.writeString(dir.resolve("cat/notes.txt"), "ignored");
    }

    @Test
    void readsRgbAndResizes() throws IOException {
        layout();
        ImageDataset d = ImageFolderReader.read(dir, 3, 4, 4, "pets");
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {0, 0, 1}, d.labels());
        assertEquals(3, d.channels());
        assertEquals(4, d.height());
        assertEquals(4, d.width());
        // cat/a.PNG sorts before cat/b.png: green first.
        assertEquals(0, d.pixel(0, 0, 2, 3));
        assertEquals(255, d.pixel(0, 1, 2, 3));
        assertEquals(255, d.pixel(1, 0, 0, 0));
        assertEquals(0, d.pixel(1, 1, 0, 0));
        assertEquals(0x40, d.pixel(2, 2, 3, 3));
        assertTrue(d.description().startsWith("pets (3 images, 2 classes"), d.description());
    }

    @Test
    void convertsToLuminance() throws IOException {
        layout();
        ImageDataset d = ImageFolderReader.read(dir, 1, 2, 2, "grey");
        assertEquals(1, d.channels());
        assertEquals(Math.round(0.587f * 255), d.pixel(0, 0, 1, 1));
        assertEquals(Math.round(0.299f * 255), d.pixel(1, 0, 0, 1));
        assertEquals(0x40, d.pixel(2, 0, 0, 0));
    }

    @Test
    void greyImagesKeepTheirValuesAndAreRepeatedInRgb() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 17);
        grey.getRaster().setSample(1, 0, 0, 200);
        Files.createDirectories(dir.resolve("k"));
        ImageIO.write(grey, "png", dir.resolve("k/g.png").toFile());
        ImageDataset d = ImageFolderReader.read(dir, 3, 1, 2, "g");
        for (int c = 0; c < 3; c++) {
            assertEquals(17, d.pixel(0, c, 0, 0));
            assertEquals(200, d.pixel(0, c, 0, 1));
        }
    }

    @Test
    void areaAverageWeighsCoveredSourcePixels() {
        float[] src = {0, 100, 20, 40, 50, 50, 50, 50};
        float[] out = ImageFolderReader.resizeArea(src, 2, 4, 1, 2);
        assertArrayEquals(new float[] {50f, 40f}, out, 1e-4f);
        // 3 -> 2: output 0 covers [0, 1.5): (0 * 1 + 30 * 0.5) / 1.5 = 10; output 1: (15 + 60) / 1.5.
        float[] frac = ImageFolderReader.resizeArea(new float[] {0, 30, 60}, 1, 3, 1, 2);
        assertArrayEquals(new float[] {10f, 50f}, frac, 1e-4f);
        // Upscaling 1 -> 3 along x with an odd ratio: each output third lies in one source pixel.
        float[] up = ImageFolderReader.resizeArea(new float[] {9}, 1, 1, 1, 3);
        assertArrayEquals(new float[] {9, 9, 9}, up, 1e-6f);
    }

    @Test
    void errorsNameTheProblem() throws IOException {
        Path missing = dir.resolve("missing");
        assertEquals(missing + ": image folder not found", assertThrows(DataException.class,
                () -> ImageFolderReader.read(missing, 3, 8, 8, "x")).getMessage());
        assertTrue(assertThrows(DataException.class,
                () -> ImageFolderReader.read(dir, 3, 8, 8, "x")).getMessage()
                .contains("no class sub-folders"));
        Files.createDirectories(dir.resolve("empty"));
        assertTrue(assertThrows(DataException.class,
                () -> ImageFolderReader.read(dir, 3, 8, 8, "x")).getMessage()
                .contains("class folder has no .png/.jpg/.jpeg images"));
        Path bad = dir.resolve("empty/broken.jpg");
        Files.writeString(bad, "not an image");
        DataException e = assertThrows(DataException.class,
                () -> ImageFolderReader.read(dir, 3, 8, 8, "x"));
        assertTrue(e.getMessage().startsWith(bad + ": unreadable image"), e.getMessage());
    }

    @Test
    void testFolderMustMatchTrainClasses() throws IOException {
        png(dir.resolve("a/x.png"), 2, 2, 0);
        assertThrows(DataException.class,
                () -> ImageFolderReader.read(dir, List.of("a", "b"), 1, 2, 2, "t"));
    }
}
