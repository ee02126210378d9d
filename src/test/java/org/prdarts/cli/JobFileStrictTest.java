package org.prdarts.cli;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.Json;
import org.prdarts.search.Method;
import org.prdarts.search.SearchPresets;
import org.prdarts.space.Genotypes;
import org.prdarts.train.TrainPresets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job file is read as strictly as the options are: every value that would have been coerced,
 * rounded or overflowed is refused with one line naming the field and the value, exit 2, and no
 * run directory.
 */
class JobFileStrictTest {
    @TempDir
    Path tmp;

    private int n;

    /** The quick search job with the value at {@code path} replaced by the raw JSON text {@code raw}. */
    private static String searchJob(String path, String raw) {
        JsonObject job = Json.toObject(SearchPresets.job("quick", Method.PRDARTS, "synthetic"));
        JsonObject o = job;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            o = o.getAsJsonObject(parts[i]);
        }
        o.addProperty(parts[parts.length - 1], "@@");
        return Json.toPrettyJson(job).replace("\"@@\"", raw);
    }

    private void refused(String text, String expected) throws IOException {
        refused("search", text, expected);
    }

    private void refused(String command, String text, String expected) throws IOException {
        Path file = tmp.resolve("job" + (++n) + ".json");
        Files.writeString(file, text);
        Path out = tmp.resolve("run" + n);
        CliTest.Result r = CliTest.run(command, "--config", file.toString(), "--out", out.toString());
        assertEquals(2, r.code(), "exit code; err: " + r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "one error line expected, found:\n" + err);
        assertEquals("prdarts: --config " + expected.replace("FILE", file.toString()), err);
        assertFalse(Files.exists(out), out + " was created");
        assertTrue(err.length() < 300, "a short line: " + err.length());
    }

    @Test
    void numbersMustFitTheirFieldExactly() throws IOException {
        String whole = "must be a whole number from -2147483648 to 2147483647, found ";
        refused(searchJob("search.epochs", "99999999999"), "FILE: field 'search.epochs' " + whole + "99999999999");
        refused(searchJob("search.epochs", "1e30"), "FILE: field 'search.epochs' " + whole + "1E+30");
        refused(searchJob("search.epochs", "1.5"), "FILE: field 'search.epochs' " + whole + "1.5");
        refused(searchJob("search.epochs", "\"six\""), "FILE: field 'search.epochs' " + whole + "\"six\"");
        refused(searchJob("search.batchSize", "2147483648"), "FILE: field 'search.batchSize' " + whole + "2147483648");
        refused(searchJob("search.seed", "1e20"), "FILE: field 'search.seed' must be a whole number from "
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", found 1E+20");
        refused(searchJob("search.weights.gradClip", "1e400"),
                "FILE: field 'search.weights.gradClip' must be a finite number, found 1E+400");
        refused(searchJob("data.augment", "\"yes\""),
                "FILE: field 'data.augment' must be true or false, found \"yes\"");
        refused(searchJob("channels", "\"8\""), "FILE: field 'channels' " + whole + "\"8\"");
        // 2.0 is a whole number written as a decimal: it is read, as is any exact integer
        assertTrue(searchJob("search.epochs", "2.0").contains("\"epochs\": 2.0"));
    }

    @Test
    void infinityNanCommentsQuotesAndDuplicatesAreNotJson() throws IOException {
        String strict = "malformed JSON in %s: not strict JSON (no comments, single quotes, unquoted names, NaN or "
                + "Infinity)";
        for (String[] c : new String[][] {
                {searchJob("search.weights.lr", "Infinity"), "$.search.weights.lr"},
                {searchJob("search.weights.gradClip", "NaN"), "$.search.weights.gradClip"},
                {"// a comment\n" + searchJob("channels", "8"), "$"},
                {searchJob("device", "'cpu'"), "$.device"}}) {
            Path file = tmp.resolve("job" + (++n) + ".json");
            Files.writeString(file, c[0]);
            Path out = tmp.resolve("run" + n);
            CliTest.Result r = CliTest.run("search", "--config", file.toString(), "--out", out.toString());
            assertEquals(2, r.code(), r.err());
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), err);
            assertTrue(err.startsWith("prdarts: --config " + String.format(strict, file)), err);
            assertTrue(err.endsWith("path " + c[1]), err);
            assertFalse(Files.exists(out));
        }
        refused(searchJob("channels", "8, \"channels\": 16"),
                "malformed JSON in FILE: field 'channels' is given twice at $.channels");
    }

    @Test
    void presetsStringsAndTheKindOfJobAreChecked() throws IOException {
        String huge = "\"" + "x".repeat(100_000) + "\"";
        refused(searchJob("preset", huge), "FILE: field 'preset' must be one of quick, cpu, paper, found \""
                + "x".repeat(39) + "...");
        refused(searchJob("preset", "\"fast\""),
                "FILE: field 'preset' must be one of quick, cpu, paper, found \"fast\"");
        refused(searchJob("device", huge), "FILE: field 'device' must be at most 10000 characters long, found 100000");
        String train = Json.toPrettyJson(TrainPresets.job("quick", "synthetic", "PRDARTS", Genotypes.PRDARTS));
        refused(train, "FILE: a training job; run it with prdarts train --config FILE");
        refused("train", searchJob("channels", "8"), "FILE: a search job; run it with prdarts search --config FILE");
    }

    @Test
    void aDeviceOrPipeIsNotAJobFile() {
        Path out = tmp.resolve("run");
        CliTest.Result r = CliTest.run("search", "--config", "/dev/zero", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("prdarts: --config /dev/zero: not a regular file (a job file is JSON text)", r.err().strip());
        assertFalse(Files.exists(out));
    }
}
