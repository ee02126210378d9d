package org.prdarts.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {

    @TempDir
    Path dir;

    /** A record whose R plane is all r, G all g, B all b, except pixel (0,1) of R = 99. */
    static byte[] record(int[] labelBytes, int r, int g, int b) {
        byte[] rec = new byte[labelBytes.length + 3072];
        for (int i = 0; i < labelBytes.length; i++) {
            rec[i] = (byte) labelBytes[i];
        }
        int o = labelBytes.length;
        Arrays.fill(rec, o, o + 1024, (byte) r);
        Arrays.fill(rec, o + 1024, o + 2048, (byte) g);
        Arrays.fill(rec, o + 2048, o + 3072, (byte) b);
        rec[o + 1] = 99;
        return rec;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private void writeCifar10(Path root) throws IOException {
        Files.createDirectories(root);
        for (int k = 1; k <= 5; k++) {
            Files.write(root.resolve("data_batch_" + k + ".bin"),
                    concat(record(new int[] {k}, 10 * k, 1, 2), record(new int[] {9}, 0, 0, 255)));
        }
        Files.write(root.resolve("test_batch.bin"), record(new int[] {3}, 7, 8, 9));
    }

    @Test
    void readsCifar10InPlaneOrder() throws IOException {
        writeCifar10(dir);
        DataSource ds = CifarReader.cifar10(dir);
        ImageDataset train = ds.train();
        assertEquals(10, train.size());
        assertEquals(3, train.channels());
        assertEquals(32, train.height());
        assertEquals(32, train.width());
        assertEquals(CifarReader.CIFAR10_CLASSES, train.classNames());
        assertArrayEquals(new int[] {1, 9, 2, 9, 3, 9, 4, 9, 5, 9}, train.labels());
        assertEquals(30, train.pixel(4, 0, 5, 5));
        assertEquals(99, train.pixel(4, 0, 0, 1));
        assertEquals(1, train.pixel(4, 1, 0, 1));
        assertEquals(2, train.pixel(4, 2, 31, 31));
        assertEquals(255, train.pixel(1, 2, 3, 3));
        assertEquals(1, ds.test().size());
        assertEquals(3, ds.test().label(0));
        assertEquals(9, ds.test().pixel(0, 2, 0, 0));
    }

    @Test
    void acceptsParentFolderAndClassNamesFile() throws IOException {
        Path sub = dir.resolve(CifarReader.CIFAR10_SUBFOLDER);
        writeCifar10(sub);
        Files.writeString(sub.resolve("batches.meta.txt"),
                "a0\na1\na2\na3\na4\na5\na6\na7\na8\na9\n\n");
        DataSource ds = CifarReader.cifar10(dir);
        assertEquals("a9", ds.train().classNames().get(9));
        assertTrue(ds.source().contains(sub.toString()), ds.source());
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Path sub = dir.resolve(CifarReader.CIFAR100_SUBFOLDER);
        Files.createDirectories(sub);
        Files.write(sub.resolve("train.bin"), concat(record(new int[] {19, 99}, 1, 2, 3),
                record(new int[] {0, 42}, 4, 5, 6)));
        Files.write(sub.resolve("test.bin"), record(new int[] {3, 7}, 0, 0, 0));
        DataSource ds = CifarReader.cifar100(dir);
        assertEquals(100, ds.train().numClasses());
        assertEquals(100, CifarReader.CIFAR100_CLASSES.size());
        assertArrayEquals(new int[] {99, 42}, ds.train().labels());
        assertEquals("worm", ds.train().classNames().get(99));
        assertEquals(5, ds.train().pixel(1, 1, 10, 10));
        assertEquals(99, ds.train().pixel(1, 0, 0, 1));
        assertEquals(7, ds.test().label(0));
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        writeCifar10(dir);
        Files.delete(dir.resolve("data_batch_4.bin"));
        DataException e = assertThrows(DataException.class, () -> CifarReader.cifar10(dir));
        assertEquals(dir.resolve("data_batch_4.bin") + ": file not found", e.getMessage());
        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        assertTrue(assertThrows(DataException.class, () -> CifarReader.cifar100(empty))
                .getMessage().contains("train.bin missing"));
    }

    @Test
    void partialRecordIsRejected() throws IOException {
        writeCifar10(dir);
        Files.write(dir.resolve("test_batch.bin"), Arrays.copyOf(record(new int[] {3}, 1, 1, 1),
                3000));
        DataException e = assertThrows(DataException.class, () -> CifarReader.cifar10(dir));
        assertTrue(e.getMessage().contains("not a whole number of 3073-byte records"),
                e.getMessage());
    }

    @Test
    void labelsOutOfRangeAreRejected() throws IOException {
        writeCifar10(dir);
        Files.write(dir.resolve("data_batch_2.bin"), record(new int[] {10}, 1, 1, 1));
        DataException e = assertThrows(DataException.class, () -> CifarReader.cifar10(dir));
        assertTrue(e.getMessage().contains("label 10 of record 0 is out of range [0, 10)"),
                e.getMessage());

        Files.write(dir.resolve("train.bin"), record(new int[] {0, 100}, 1, 1, 1));
        Files.write(dir.resolve("test.bin"), record(new int[] {0, 1}, 1, 1, 1));
        assertTrue(assertThrows(DataException.class, () -> CifarReader.cifar100(dir))
                .getMessage().contains("label 100 of record 0"));
        Files.write(dir.resolve("train.bin"), record(new int[] {20, 1}, 1, 1, 1));
        assertTrue(assertThrows(DataException.class, () -> CifarReader.cifar100(dir))
                .getMessage().contains("coarse label 20"));
    }

    @Test
    void wrongClassNameCountIsRejected() throws IOException {
        writeCifar10(dir);
        Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\n");
        assertTrue(assertThrows(DataException.class, () -> CifarReader.cifar10(dir))
                .getMessage().contains("lists 2 class names, expected 10"));
    }
}
