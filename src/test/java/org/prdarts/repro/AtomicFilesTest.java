package org.prdarts.repro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeStringReplacesContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("config.json");
        AtomicFiles.writeString(file, "first");
        AtomicFiles.writeString(file, "second, longer content");
        assertEquals("second, longer content", Files.readString(file));
        AtomicFiles.writeString(file, "x");
        assertEquals("x", Files.readString(file));
        assertEquals(List.of("config.json"), entries());
    }

    @Test
    void writeBytesCreatesMissingParents() throws IOException {
        Path file = dir.resolve("a/b/weights.bin");
        byte[] bytes = {0, 1, 2, (byte) 255};
        AtomicFiles.writeBytes(file, bytes);
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void failingWriterKeepsOldContentAndRemovesTemporaryFile() throws IOException {
        Path file = dir.resolve("manifest.json");
        AtomicFiles.writeString(file, "old");
        IOException boom = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            out.write("partial new content".getBytes(StandardCharsets.UTF_8));
            throw boom;
        }));
        // the failure names the file it could not write, keeping the cause
        assertSame(boom, thrown.getCause());
        assertEquals("cannot write " + file + ": disk full", thrown.getMessage());
        RuntimeException runtime = new UncheckedIOException(new IOException("bug"));
        assertSame(runtime, assertThrows(RuntimeException.class, () -> AtomicFiles.write(file, out -> {
            out.write(new byte[100_000]);
            throw runtime;
        })));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("manifest.json"), entries());
    }

    @Test
    void failingFirstWriteLeavesNoFile() throws IOException {
        Path file = dir.resolve("new.json");
        assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
            throw new IOException("no");
        }));
        assertEquals(List.of(), entries());
    }

    @Test
    void writerMayCloseTheStream() throws IOException {
        Path file = dir.resolve("closed.txt");
        AtomicFiles.write(file, out -> {
            out.write("abc".getBytes(StandardCharsets.US_ASCII));
            out.close();
        });
        assertEquals("abc", Files.readString(file));
    }

    @Test
    void writingOverADirectoryIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        IOException e = assertThrows(IOException.class,
                () -> AtomicFiles.writeString(dir.resolve("sub"), "x"));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void appendLineBuildsAValidLinesFile() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        AtomicFiles.appendLine(file, "{\"epoch\":0}");
        AtomicFiles.appendLine(file, "{\"epoch\":1}");
        assertEquals("{\"epoch\":0}\n{\"epoch\":1}\n", Files.readString(file));
        assertEquals(List.of("metrics.jsonl"), entries());
    }

    @Test
    void appendLineTerminatesAnUnterminatedLastLine() throws IOException {
        Path file = dir.resolve("metrics.jsonl");
        Files.writeString(file, "{\"a\":1}");
        AtomicFiles.appendLine(file, "{\"a\":2}");
        assertEquals("{\"a\":1}\n{\"a\":2}\n", Files.readString(file));
    }

    @Test
    void appendLineRejectsLineBreaks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtomicFiles.appendLine(dir.resolve("m.jsonl"), "{}\n{}"));
        assertEquals("line must not contain line breaks, found \"{}\\n{}\"", e.getMessage());
        assertFalse(Files.exists(dir.resolve("m.jsonl")));
    }
}
