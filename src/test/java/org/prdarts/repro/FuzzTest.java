package org.prdarts.repro;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.data.CifarReader;
import org.prdarts.data.DataException;
import org.prdarts.data.IdxReader;
import org.prdarts.data.ImageDataset;
import org.prdarts.search.Search;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchPresets;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.GenotypeValidator;
import org.prdarts.space.Genotypes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every reader of user or run files, fed truncated and bit-flipped copies of a valid file, either
 * returns a complete, consistent value or throws its own exception type with a one-line message:
 * never another exception, never a hang, never a half-read result. Seeded, so a failure repeats.
 */
class FuzzTest {
    private static final int CASES = 300;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** What a reader does with one input; it returns normally only for a complete value. */
    @FunctionalInterface
    interface Reader {
        void read(byte[] input, boolean truncated) throws Exception;
    }

    /**
     * Runs the reader on {@link #CASES} mutations of {@code valid}: a third truncated, a third with
     * one to three bytes flipped, a third both. Exceptions of {@code allowed} types pass if their
     * message is one non-empty line that is not a bare JDK exception text.
     */
    @SafeVarargs
    static void fuzz(long seed, byte[] valid, Reader reader, Class<? extends Throwable>... allowed) {
        assertTimeoutPreemptively(LIMIT, () -> {
            reader.read(valid.clone(), false);
            Random random = new Random(seed);
            for (int i = 0; i < CASES; i++) {
                byte[] input = valid.clone();
                boolean truncated = i % 3 != 1;
                if (truncated) {
                    input = Arrays.copyOf(input, random.nextInt(input.length));
                }
                if (i % 3 != 0 && input.length > 0) {
                    for (int f = 1 + random.nextInt(3); f > 0; f--) {
                        input[random.nextInt(input.length)] ^= (byte) (1 + random.nextInt(255));
                    }
                }
                try {
                    reader.read(input, truncated);
                } catch (Throwable t) {
                    if (Arrays.stream(allowed).noneMatch(c -> c.isInstance(t))) {
                        throw new AssertionError("case " + i + " (seed " + seed + "): unexpected " + t, t);
                    }
                    String m = t.getMessage();
                    assertNotNull(m, "case " + i + ": exception without a message: " + t);
                    assertFalse(m.isBlank() || m.contains("\n"), "case " + i + ": message not one line: " + m);
                    assertFalse(m.contains("NullPointerException") || m.contains("because \""),
                            "case " + i + ": message leaks a null dereference: " + m);
                }
            }
        });
    }

    static byte[] idxImages(int count, int rows, int cols, long seed) {
        byte[] b = new byte[16 + count * rows * cols];
        putInt(b, 0, IdxReader.IMAGES_MAGIC);
        putInt(b, 4, count);
        putInt(b, 8, rows);
        putInt(b, 12, cols);
        Random r = new Random(seed);
        for (int i = 16; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    @Test
    void idxImagesAndLabels() throws Exception {
        byte[] images = idxImages(5, 4, 3, 1);
        Reader imageReader = (in, truncated) -> {
            IdxReader.Images im = IdxReader.readImages(new ByteArrayInputStream(in), "images.idx");
            assertEquals((long) im.count() * im.rows() * im.cols(), im.pixels().length, "complete pixels");
        };
        fuzz(11, images, (in, truncated) -> {
            imageReader.read(in, truncated);
            assertFalse(truncated, "a truncated IDX file was accepted");
        }, DataException.class);
        fuzz(12, gzip(images), imageReader, DataException.class);

        byte[] labels = new byte[8 + 20];
        putInt(labels, 0, IdxReader.LABELS_MAGIC);
        putInt(labels, 4, 20);
        for (int i = 0; i < 20; i++) {
            labels[8 + i] = (byte) (i % 10);
        }
        fuzz(13, labels, (in, truncated) -> {
            int[] l = IdxReader.readLabels(new ByteArrayInputStream(in), "labels.idx");
            assertFalse(truncated, "a truncated label file was accepted");
            assertEquals(20, l.length);
        }, DataException.class);
    }

    @Test
    void cifarBinary(@TempDir Path dir) throws Exception {
        int record = 1 + 3 * 32 * 32;
        byte[] valid = new byte[3 * record];
        Random r = new Random(2);
        r.nextBytes(valid);
        for (int i = 0; i < 3; i++) {
            valid[i * record] = (byte) (i * 3);
        }
        Path file = dir.resolve("data_batch_1.bin");
        fuzz(21, valid, (in, truncated) -> {
            Files.write(file, in);
            ImageDataset d = CifarReader.readRecords(List.of(file), 1, 0, CifarReader.CIFAR10_CLASSES, "cifar-10");
            assertEquals(in.length / record, d.size(), "every whole record read");
            assertEquals(0, in.length % record, "a partial record was accepted");
        }, DataException.class);
    }

    @Test
    void genotypeJsonAndDartsText() {
        Genotype g = Genotypes.PRDARTS;
        fuzz(31, GenotypeJson.toJson(g).getBytes(StandardCharsets.UTF_8), (in, truncated) -> {
            Genotype parsed = GenotypeJson.fromJson(new String(in, StandardCharsets.UTF_8));
            assertFalse(truncated, "a truncated genotype JSON was accepted");
            GenotypeValidator.validate(parsed);
        }, IllegalArgumentException.class);
        fuzz(32, GenotypeFormat.format(g).getBytes(StandardCharsets.UTF_8), (in, truncated) -> {
            Genotype parsed = GenotypeFormat.parse(new String(in, StandardCharsets.UTF_8));
            assertFalse(truncated, "a truncated genotype text was accepted");
            assertEquals(parsed, GenotypeFormat.parse(GenotypeFormat.format(parsed)), "round trip");
        }, IllegalArgumentException.class);
    }

    @Test
    void searchConfigJson(@TempDir Path dir) throws Exception {
        SearchJob job = SearchPresets.job("quick", org.prdarts.search.Method.PRDARTS, "synthetic").withOut(dir);
        byte[] valid = (Json.toPrettyJson(job) + "\n").getBytes(StandardCharsets.UTF_8);
        Path config = dir.resolve(RunDirectory.CONFIG);
        fuzz(41, valid, (in, truncated) -> {
            Files.write(config, in);
            SearchJob read = Search.runs().savedJob(dir);
            assertFalse(truncated && in.length < valid.length - 1, "a truncated config was accepted");
            assertNotNull(read.search());
            assertNotNull(read.data());
            assertNotNull(read.data().dataset());
            assertNotNull(read.ops());
            assertNotNull(read.search().method());
        }, JsonParseException.class, IllegalArgumentException.class);
    }

    @Test
    void truncatedConfigNamesTheMissingField(@TempDir Path dir) throws Exception {
        SearchJob job = SearchPresets.job("quick", org.prdarts.search.Method.PRDARTS, "synthetic").withOut(dir);
        com.google.gson.JsonObject o = Json.toObject(job);
        o.remove("search");
        Files.writeString(dir.resolve(RunDirectory.CONFIG), o.toString());
        String prefix = "cannot resume " + dir + " with search --resume: its config.json is not a search run's (";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Search.runs().savedJob(dir));
        assertEquals(prefix + dir.resolve(RunDirectory.CONFIG) + ": missing field 'search')", e.getMessage());
        o = Json.toObject(job);
        o.getAsJsonObject("data").remove("subset");
        Files.writeString(dir.resolve(RunDirectory.CONFIG), o.toString());
        e = assertThrows(IllegalArgumentException.class, () -> Search.runs().savedJob(dir));
        assertEquals(prefix + dir.resolve(RunDirectory.CONFIG) + ": missing field 'data.subset')", e.getMessage());
    }

    @Test
    void checkpoints(@TempDir Path dir) throws Exception {
        Checkpoint.Builder b = Checkpoint.builder();
        try (NDManager m = NDManager.newBaseManager()) {
            b.tensor("net/w", m.arange(24f).reshape(new Shape(2, 3, 4)));
            b.tensor("sgd/0", m.ones(new Shape(5)));
        }
        b.meta(CheckpointStore.POSITION, 7).meta("epoch", 1).meta("history", new com.google.gson.JsonArray());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        b.build().write(buf);
        byte[] valid = buf.toByteArray();
        fuzz(51, valid, (in, truncated) -> {
            Checkpoint c = Checkpoint.parse(in, "checkpoint.ckpt");
            if (!Arrays.equals(in, valid)) {
                fail("a damaged checkpoint was accepted");
            }
            assertEquals(2, c.names().size());
        }, CheckpointException.class);

        // through the store: a damaged newest checkpoint falls back to the intact previous one
        Path previous = dir.resolve(CheckpointStore.PREVIOUS);
        Path current = dir.resolve(CheckpointStore.CURRENT);
        Files.write(previous, valid);
        fuzz(52, valid, (in, truncated) -> {
            Files.write(current, in);
            CheckpointStore.Loaded l = new CheckpointStore(dir).loadLatest().orElseThrow();
            if (!Arrays.equals(in, valid)) {
                assertEquals(previous, l.file());
                assertEquals(1, l.skipped().size());
            }
        });
        Files.delete(previous);
        fuzz(53, valid, (in, truncated) -> {
            Files.write(current, in);
            new CheckpointStore(dir).loadLatest().orElseThrow();
            assertTrue(Arrays.equals(in, valid), "a damaged checkpoint was loaded");
        }, CheckpointException.class);
    }
}
