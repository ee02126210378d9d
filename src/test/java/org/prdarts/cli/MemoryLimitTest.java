package org.prdarts.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The memory estimate guards a search before it writes anything, and the summary sets it beside the peak. */
class MemoryLimitTest {

    private static final String[] SEARCH = {"search", "--method", "prdarts", "--dataset", "synthetic", "--subset", "64",
            "--image-size", "8", "--image-channels", "1", "--batch-size", "16", "--channels", "4", "--layers", "3",
            "--nodes", "2", "--epochs", "1", "--threads", "1"};

    private static final String[] TRAIN = {"train", "--genotype", "PRDARTS", "--dataset", "synthetic", "--subset",
            "64", "--image-size", "8", "--image-channels", "1", "--batch-size", "16", "--channels", "4", "--layers",
            "3", "--epochs", "1", "--threads", "1"};

    @Test
    void searchOverTheLimitIsRefusedAndLeavesNoRunDirectory(@TempDir Path dir) {
        assertRefused(SEARCH, "search", dir.resolve("run"));
    }

    @Test
    void searchWithinTheLimitRecordsEstimateAndPeak(@TempDir Path dir) throws Exception {
        assertRecorded(SEARCH, dir.resolve("run"));
    }

    @Test
    void trainingOverTheLimitIsRefusedAndLeavesNoRunDirectory(@TempDir Path dir) {
        assertRefused(TRAIN, "training", dir.resolve("run"));
    }

    @Test
    void trainingWithinTheLimitRecordsEstimateAndPeak(@TempDir Path dir) throws Exception {
        assertRecorded(TRAIN, dir.resolve("run"));
    }

    /** A 1 MiB limit refuses the run with one line and leaves no run directory. */
    private static void assertRefused(String[] args, String what, Path out) {
        TrainCliTest.Result r = TrainCliTest.run(TrainCliTest.concat(args, "--max-memory", "1m", "--out",
                out.toString()));
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.split("\n").length, err);
        assertTrue(err.startsWith("prdarts: the " + what + " is estimated to need "), err);
        assertTrue(err.contains("more than the 1 MiB --max-memory allows"), err);
        assertTrue(err.contains("try a smaller --batch-size"), err);
        assertTrue(err.endsWith("or a larger --max-memory"), err);
        assertFalse(Files.exists(out), "a refused " + what + " must not create its run directory");
    }

    /** Within a generous limit the run prints and stores its estimate beside the measured peak. */
    private static void assertRecorded(String[] args, Path out) throws Exception {
        TrainCliTest.Result r = TrainCliTest.run(TrainCliTest.concat(args, "--max-memory", "64g", "--out",
                out.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("note: estimated memory "), r.out());
        // the peak is the whole test JVM's, which passes 1 GiB after other tests in the same fork
        assertTrue(r.out().matches("(?s).*memory: estimated \\d+ MiB, measured peak [\\d.]+ [MG]iB.*"), r.out());
        JsonObject m = JsonParser.parseString(Files.readString(out.resolve("memory.json"))).getAsJsonObject();
        long total = m.getAsJsonObject("estimate").get("total").getAsLong();
        // 275 MiB of runtime plus a tiny network and 64 images of 8x8 bytes
        assertTrue(total > (275L << 20) && total < (400L << 20), "estimate " + total);
        assertTrue(m.get("peakResidentBytes").getAsLong() > (100L << 20), m.toString());
    }

    @Test
    void compareChecksEveryRunBeforeTheFirstStarts(@TempDir Path dir) {
        Path out = dir.resolve("cmp");
        String[] args = SEARCH.clone();
        args[0] = "compare";
        // drop "--method prdarts": compare runs both methods
        String[] compare = new String[args.length - 2];
        compare[0] = "compare";
        System.arraycopy(args, 3, compare, 1, args.length - 3);
        // the tiny PR-DARTS search is estimated at about 279 MiB and fits; the DARTS one (about 282 MiB)
        // does not, and it is refused before the PR-DARTS run listed first can start
        TrainCliTest.Result r = TrainCliTest.run(TrainCliTest.concat(compare, "--methods", "prdarts,darts",
                "--max-memory", "280m", "--out", out.toString()));
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.split("\n").length, err);
        assertTrue(err.startsWith("prdarts: the darts search of seed 1 is estimated to need "), err);
        assertTrue(err.contains("--max-memory allows"), err);
        assertFalse(Files.exists(out), "no run may start when one of them cannot fit");
    }

    @Test
    void sizesParseWithBinaryMultiples() {
        assertEquals(8L << 30, RunOptions.parseBytes("max-memory", "8g"));
        assertEquals(512L << 20, RunOptions.parseBytes("max-memory", "512M"));
        assertEquals(100L << 10, RunOptions.parseBytes("max-memory", "100kb"));
        assertEquals(4096, RunOptions.parseBytes("max-memory", "4096"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.parseBytes("max-memory", "lots"));
        assertEquals("max-memory must be a size such as 8g, 512m, 100k or a byte count, found 'lots'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunOptions.parseBytes("max-memory", "0"));
    }
}
