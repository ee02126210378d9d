package org.prdarts.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    record SearchConfig(String method, int epochs, double lr) {
    }

    record EpochMetrics(int epoch, double trainLoss, double validAcc) {
    }

    @TempDir
    Path tmp;

    @Test
    void createsWritesAndReadsBack() throws IOException {
        Path out = tmp.resolve("runs/first");
        try (RunDirectory run = RunDirectory.create(out, "prdarts")) {
            assertEquals(out, run.path());
            assertFalse(run.resumed());
            run.writeConfig(new SearchConfig("prdarts", 50, 0.025));
            run.appendMetrics(new EpochMetrics(0, 2.25, 0.5));
            run.appendMetrics(Json.object().put("epoch", 1).put("trainLoss", Double.NaN).build());
            assertEquals(new SearchConfig("prdarts", 50, 0.025), run.readConfig(SearchConfig.class));
            List<JsonObject> lines = run.readMetrics();
            assertEquals(2, lines.size());
            assertEquals(2.25, lines.get(0).get("trainLoss").getAsDouble());
            assertTrue(lines.get(1).get("trainLoss").isJsonNull());
            assertEquals(new EpochMetrics(0, 2.25, 0.5), run.readMetrics(EpochMetrics.class).get(0));
        }
        assertEquals("{\"epoch\":0,\"trainLoss\":2.25,\"validAcc\":0.5}\n{\"epoch\":1,\"trainLoss\":null}\n",
                Files.readString(out.resolve(RunDirectory.METRICS)));
    }

    @Test
    void existingEmptyDirectoryIsAccepted() throws IOException {
        Files.createDirectories(tmp.resolve("empty"));
        try (RunDirectory run = RunDirectory.create(tmp.resolve("empty"), "darts")) {
            assertEquals(List.of(), run.readMetrics());
        }
    }

    @Test
    void foreignRunIsRefusedUnlessResumed() throws IOException {
        Path out = tmp.resolve("old");
        try (RunDirectory run = RunDirectory.create(out, "darts")) {
            run.writeConfig(new SearchConfig("darts", 1, 0.1));
            run.appendMetrics(new EpochMetrics(0, 1.0, 0.25));
        }
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.create(out, "darts"));
        assertEquals("run directory " + out + " already holds files of another run (config.json, "
                + "metrics.jsonl); choose another output directory or resume that run", e.getMessage());
        // The refusal released the lock again.
        try (RunDirectory resumed = RunDirectory.open(out, "darts", true)) {
            assertTrue(resumed.resumed());
            resumed.appendMetrics(new EpochMetrics(1, 0.5, 0.75));
            assertEquals(List.of(new EpochMetrics(0, 1.0, 0.25), new EpochMetrics(1, 0.5, 0.75)),
                    resumed.readMetrics(EpochMetrics.class));
        }
    }

    @Test
    void resumeNeedsAStartedRun() throws IOException {
        Path missing = tmp.resolve("missing");
        RunDirectoryException e1 = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.resume(missing));
        assertEquals("cannot resume run directory " + missing + ": it does not exist or is not a directory",
                e1.getMessage());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        RunDirectoryException e2 = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.resume(empty));
        assertEquals("cannot resume run directory " + empty + ": it holds no config.json, so no run "
                + "was started there", e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunDirectory.open(null, "darts", true));
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> RunDirectory.create(file, "darts"));
        assertEquals("run directory " + file + " exists and is not a directory", e.getMessage());
    }

    @Test
    void openDirectoryIsRefusedToASecondUserAndWritesStopAfterClose() throws IOException {
        Path out = tmp.resolve("busy");
        RunDirectory run = RunDirectory.create(out, "darts");
        assertThrows(RunInUseException.class, () -> RunDirectory.create(out, "darts"));
        run.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run.appendMetrics(new EpochMetrics(0, 0, 0)));
        assertEquals("run directory " + out + " is closed", e.getMessage());
    }

    @Test
    void defaultNamesCarryTimeAndMethodAndNeverCollide() throws IOException {
        LocalDateTime t = LocalDateTime.of(2024, 3, 7, 9, 5, 1);
        assertEquals(Path.of("runs", "20240307-090501-prdarts"), RunDirectory.defaultPath("prdarts", t));
        try (RunDirectory a = RunDirectory.createDefault(tmp, "darts", t);
             RunDirectory b = RunDirectory.createDefault(tmp, "darts", t)) {
            assertEquals(tmp.resolve("20240307-090501-darts"), a.path());
            assertEquals(tmp.resolve("20240307-090501-darts-2"), b.path());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunDirectory.defaultPath("../x", t));
        assertEquals("method must be letters, digits, '.', '_' or '-', found \"../x\"", e.getMessage());
    }

    @Test
    void filesStayInsideTheDirectory() throws IOException {
        try (RunDirectory run = RunDirectory.create(tmp.resolve("r"), "darts")) {
            assertEquals(tmp.resolve("r/checkpoints/e1.ckpt"), run.file("checkpoints/e1.ckpt"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> run.file("../escape.json"));
            assertEquals("file name must stay inside the run directory, found ../escape.json",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> run.file("/etc/passwd"));
            assertThrows(IllegalArgumentException.class, () -> run.file("a/.."));
        }
    }

    @Test
    void malformedMetricsLineIsNamed() throws IOException {
        Path out = tmp.resolve("m");
        try (RunDirectory run = RunDirectory.create(out, "darts")) {
            run.appendMetrics(new EpochMetrics(0, 1, 1));
            Files.writeString(run.file(RunDirectory.METRICS), "{\"epoch\":", java.nio.file.StandardOpenOption.APPEND);
            JsonParseException e = assertThrows(JsonParseException.class, run::readMetrics);
            assertTrue(e.getMessage().startsWith("malformed JSON in " + run.file(RunDirectory.METRICS)
                    + " line 2: "), e.getMessage());
        }
    }
}
