package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    private static final List<String> THREE = List.of("a", "b", "c");

    @TempDir
    Path dir;

    static byte[] imagesFile(int magic, int count, int rows, int cols, byte[] pixels) {
        ByteBuffer b = ByteBuffer.allocate(16 + pixels.length);
        b.putInt(magic).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return b.array();
    }

    static byte[] labelsFile(int magic, int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(magic).putInt(labels.length);
        for (int l : labels) {
            b.put((byte) l);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    /** Two 2x3 images whose pixel values are 0..5 and 200..205. */
    static byte[] twoImages() {
        byte[] px = new byte[12];
        for (int i = 0; i < 6; i++) {
            px[i] = (byte) i;
            px[6 + i] = (byte) (200 + i);
        }
        return px;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content);
        return p;
    }

    @Test
    void readsRawFiles() throws IOException {
        Path im = write("im", imagesFile(0x803, 2, 2, 3, twoImages()));
        Path lb = write("lb", labelsFile(0x801, 2, 0));
        ImageDataset d = IdxReader.read(im, lb, THREE, "tiny");
        assertEquals(2, d.size());
        assertEquals(1, d.channels());
        assertEquals(2, d.height());
        assertEquals(3, d.width());
        assertEquals(2, d.label(0));
        assertEquals(0, d.label(1));
        assertEquals(5, d.pixel(0, 0, 1, 2));
        assertEquals(203, d.pixel(1, 0, 1, 0));
        assertEquals("tiny", d.description());
    }

    @Test
    void detectsGzipByContentNotName() throws IOException {
        // Gzip content under a name without .gz, and raw content under a .gz name.
        Path im = write("images.bin", gzip(imagesFile(0x803, 2, 2, 3, twoImages())));
        Path lb = write("labels.gz", labelsFile(0x801, 1, 1));
        ImageDataset d = IdxReader.read(im, lb, THREE, "g");
        assertArrayEquals(new int[] {1, 1}, d.labels());
        assertEquals(205, d.pixel(1, 0, 1, 2));
    }

    @Test
    void writerRoundTrips() throws IOException {
        ImageDataset d = new ImageDataset(twoImages(), new int[] {1, 2}, 1, 2, 3, 3, THREE, "x");
        Path im = dir.resolve("i.gz");
        Path lb = dir.resolve("l");
        IdxWriter.write(d, im, lb);
        ImageDataset back = IdxReader.read(im, lb, THREE, "y");
        assertArrayEquals(d.image(0), back.image(0));
        assertArrayEquals(d.image(1), back.image(1));
        assertArrayEquals(d.labels(), back.labels());
        byte[] head = Arrays.copyOf(Files.readAllBytes(im), 2);
        assertArrayEquals(new byte[] {0x1f, (byte) 0x8b}, head);
    }

    @Test
    void wrongMagicIsRejected() throws IOException {
        Path im = write("im", imagesFile(0x801, 2, 2, 3, twoImages()));
        Path lb = write("lb", labelsFile(0x801, 0, 0));
        DataException e = assertThrows(DataException.class,
                () -> IdxReader.read(im, lb, THREE, "x"));
        assertTrue(e.getMessage().contains("magic number 0x00000801, expected 0x00000803"),
                e.getMessage());
        assertTrue(e.getMessage().startsWith(im.toString()), e.getMessage());
        Path lbWrong = write("lb2", labelsFile(0x803, 0, 0));
        assertThrows(DataException.class, () -> IdxReader.readLabels(lbWrong));
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        byte[] full = imagesFile(0x803, 2, 2, 3, twoImages());
        Path im = write("im", Arrays.copyOf(full, full.length - 1));
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(im));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path header = write("h", Arrays.copyOf(full, 10));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.readImages(header))
                .getMessage().contains("truncated IDX header"));
        byte[] gz = gzip(full);
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length - 12));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.readImages(cut))
                .getMessage().contains("truncated"));
        byte[] lab = labelsFile(0x801, 1, 2, 0);
        Path lb = write("lb", Arrays.copyOf(lab, lab.length - 1));
        assertThrows(DataException.class, () -> IdxReader.readLabels(lb));
    }

    @Test
    void countMismatchIsRejected() throws IOException {
        Path im = write("im", imagesFile(0x803, 2, 2, 3, twoImages()));
        Path lb = write("lb", labelsFile(0x801, 0, 1, 2));
        DataException e = assertThrows(DataException.class,
                () -> IdxReader.read(im, lb, THREE, "x"));
        assertTrue(e.getMessage().contains("holds 2 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("holds 3 labels"), e.getMessage());
    }

    @Test
    void labelOutOfRangeIsRejected() throws IOException {
        Path im = write("im", imagesFile(0x803, 2, 2, 3, twoImages()));
        Path lb = write("lb", labelsFile(0x801, 0, 3));
        DataException e = assertThrows(DataException.class,
                () -> IdxReader.read(im, lb, THREE, "x"));
        assertTrue(e.getMessage().contains("label 3 of item 1 is out of range [0, 3)"),
                e.getMessage());
    }

    @Test
    void readsFromStreams() throws IOException {
        ImageDataset d = IdxReader.read(
                new ByteArrayInputStream(gzip(imagesFile(0x803, 2, 2, 3, twoImages()))), "mem-im",
                new ByteArrayInputStream(labelsFile(0x801, 2, 1)), "mem-lb", THREE, "m");
        assertEquals(2, d.size());
        assertEquals(1, d.label(1));
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope");
        DataException e = assertThrows(DataException.class, () -> IdxReader.readImages(missing));
        assertEquals(missing + ": file not found", e.getMessage());
    }
}
