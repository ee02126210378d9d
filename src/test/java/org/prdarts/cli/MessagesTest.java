package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Refusals that say what the input was taken for, quoting at most a short part of it. */
class MessagesTest {

    @Test
    void aLongBrokenNotationIsQuotedShortAndNotTakenForAPath(@TempDir Path tmp) {
        String spec = "Genotype(normal=[('sep_conv_3x3', 0), " + "('skip_connect', 1), ".repeat(4200) + "]";
        assertTrue(spec.length() > 80_000);
        Path out = tmp.resolve("cell.svg");
        CliTest.Result r = CliTest.run("draw", "--genotype", spec, "--out", out.toString());
        assertEquals(2, r.code(), r.err().length() > 500 ? r.err().substring(0, 500) : r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count());
        assertTrue(err.startsWith("prdarts: genotype 'Genotype(normal=[('sep_conv_3x3', 0), ('skip_connect', 1), "), err);
        assertTrue(err.contains("' is neither a file nor valid DARTS notation: "), err);
        assertFalse(err.contains("no file or directory"), err);
        assertTrue(err.length() < 400, "a short line: " + err.length());
        assertFalse(Files.exists(out));
    }

    @Test
    void aFileGivenAsTheModelDirectoryIsNamedAsSuch(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{}");
        CliTest.Result r = CliTest.run("export", "--model", config.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("prdarts: model directory " + config + " is a file; name the run directory of 'prdarts train', "
                + "which holds model.json and model.params", r.err().strip());
    }

    @Test
    void aCheckpointOfAnotherMethodIsNotResumed(@TempDir Path tmp) throws Exception {
        Path darts = tmp.resolve("darts");
        Path prdarts = tmp.resolve("prdarts");
        for (Path out : new Path[] {darts, prdarts}) {
            CliTest.Result r = CliTest.run("search", "--method", out.getFileName().toString(), "--dataset", "synthetic",
                    "--image-size", "8", "--subset", "32", "--batch-size", "8", "--layers", "2", "--channels", "4",
                    "--epochs", "1", "--out", out.toString());
            assertEquals(0, r.code(), r.err());
        }
        Files.copy(prdarts.resolve("checkpoint.ckpt"), darts.resolve("checkpoint.ckpt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] metrics = Files.readAllBytes(darts.resolve("metrics.jsonl"));
        CliTest.Result r = CliTest.run("search", "--resume", darts.toString(), "--epochs", "2");
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("prdarts: cannot resume " + darts + ": its checkpoint was written by a prdarts"), err);
        assertTrue(java.util.Arrays.equals(metrics, Files.readAllBytes(darts.resolve("metrics.jsonl"))),
                "metrics.jsonl is left as it was");
    }
}
