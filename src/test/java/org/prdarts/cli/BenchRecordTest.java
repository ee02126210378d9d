package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows of {@code bench --record}: their format, CSV quoting, and appending to a file. */
class BenchRecordTest {

    private static final BenchRecord RECORD = new BenchRecord("0123abc", "2026-12-05T02:00:00Z",
            "Intel(R) Xeon(R) Processor, 2 cores", "prdarts bench --configs small --record b.csv");

    @Test
    void lineHasTheEightColumnsAndAPlainNumber() {
        String line = RECORD.line(new BenchRecord.Row("C=8 L=5 b64 28x28x1", "prdarts top2", "iterationMs", 661.25));
        assertEquals("0123abc,2026-12-05T02:00:00Z,\"Intel(R) Xeon(R) Processor, 2 cores\","
                + "prdarts bench --configs small --record b.csv,C=8 L=5 b64 28x28x1,prdarts top2,iterationMs,661.25",
                line);
        assertEquals(8, BenchRecord.HEADER.split(",").length);
    }

    @Test
    void numbersAreRoundedToThreePlacesWithoutExponent() {
        assertEquals("2125", BenchRecord.number(2125.0));
        assertEquals("0.001", BenchRecord.number(0.0012));
        assertEquals("12345678.5", BenchRecord.number(1.23456785e7));
        assertEquals("0", BenchRecord.number(0.0001));
        assertEquals("-3.5", BenchRecord.number(-3.5));
        assertThrows(IllegalArgumentException.class, () -> new BenchRecord.Row("c", "m", "x", Double.NaN));
    }

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertEquals("plain text", BenchRecord.field("plain text"));
        assertEquals("\"a,b\"", BenchRecord.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", BenchRecord.field("say \"hi\""));
        assertEquals("\"two\nlines\"", BenchRecord.field("two\nlines"));
        assertEquals("\"cr\rhere\"", BenchRecord.field("cr\rhere"));
    }

    @Test
    void appendWritesTheHeaderOnceAndKeepsEarlierRows(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/bench.csv");
        RECORD.append(file, List.of(new BenchRecord.Row("small", "darts", "weightStepMs", 1338)));
        RECORD.append(file, List.of(new BenchRecord.Row("small", "darts", "archStepMs", 785),
                new BenchRecord.Row("small", "darts", "iterationMs", 2125)));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(4, lines.size(), lines.toString());
        assertEquals(BenchRecord.HEADER, lines.get(0));
        assertTrue(lines.get(1).endsWith(",small,darts,weightStepMs,1338"), lines.get(1));
        assertTrue(lines.get(3).endsWith(",small,darts,iterationMs,2125"), lines.get(3));

        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        RECORD.append(empty, List.of(new BenchRecord.Row("small", "darts", "estimateMiB", 2696)));
        assertEquals(BenchRecord.HEADER, Files.readAllLines(empty).get(0));
    }

    @Test
    void thisRunNamesItsMachineAndCommand() {
        BenchRecord r = BenchRecord.ofThisRun(List.of("prdarts", "bench", "--record", "x.csv"));
        assertEquals("prdarts bench --record x.csv", r.command());
        assertTrue(r.machine().matches(".+, \\d+ cores"), r.machine());
        assertTrue(r.commit().matches("unknown|[0-9a-f]{40,64}(-dirty)?"), r.commit());
        assertTrue(r.date().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), r.date());
    }
}
