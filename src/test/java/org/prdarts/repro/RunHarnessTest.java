package org.prdarts.repro;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.repro.RunPositionTest.Line;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The harness around a counting run whose every number is known: the files of a new run, a
 * resumed run that continues where the checkpoint left it, and runs refused before any file.
 */
class RunHarnessTest {
    private static final MemoryEstimate SMALL = MemoryEstimate.of(1, 2, 3, 4);
    private static final long ENOUGH = 1L << 40;

    record Job(int epochs) {
    }

    /** Counts steps; its state beyond the position is the count over the whole run. */
    static final class Counting extends RunHarness.Epochs<Line, RunHarness.Outcome<Line>> {
        final RunPositionTest.Counting pos;
        final List<String> calls = new ArrayList<>();
        /** The count over the whole run, in one cell so that the checkpointed state can reach it. */
        final long[] total;

        Counting(int epochs, int steps) {
            this(epochs, steps, new RunPositionTest.Counting(), new long[1]);
        }

        private Counting(int epochs, int steps, RunPositionTest.Counting pos, long[] total) {
            super(epochs, steps, pos, Checkpointed.of(b -> b.meta("total", total[0]),
                    c -> total[0] = c.meta().get("total").getAsLong()));
            this.pos = pos;
            this.total = total;
        }

        @Override
        protected void started(RunDirectory run) {
            calls.add("started at " + pos.epoch + "/" + pos.step);
        }

        @Override
        protected Line epoch(RunDirectory run, RunSession.Action beforeStep, long epochStart) throws IOException {
            for (; pos.step < steps(); pos.step++) {
                beforeStep.run();
                pos.count++;
                total[0]++;
            }
            return new Line(pos.epoch + 1, pos.count);
        }

        @Override
        protected void recorded(RunDirectory run, Line record) {
            calls.add("recorded " + record.epoch());
        }

        @Override
        protected void finished(RunDirectory run) {
            calls.add("finished with " + total[0]);
        }

        @Override
        protected RunHarness.Outcome<Line> result(RunHarness.Outcome<Line> outcome) {
            return outcome;
        }
    }

    private static RunHarness.Setup setup(Path out, List<String> changes, long maxMemory) {
        return new RunHarness.Setup("count", "count", "count", out, 7, 0, "cpu", changes, maxMemory,
                "count less", List.of("count"));
    }

    /** What the listener heard. */
    static final class Heard implements RunListener<Line> {
        final List<String> events = new ArrayList<>();

        @Override
        public void epoch(Line record) {
            events.add("epoch " + record.epoch());
        }

        @Override
        public void filesWritten(Path runDir) {
            events.add("files");
        }

        @Override
        public void note(String message) {
            events.add("note " + message);
        }
    }

    private static RunHarness.Outcome<Line> run(Path out, List<String> changes, int epochs, Counting[] made,
                                                Heard heard) {
        RunHarness<Line> harness = RunHarness.start(setup(out, changes, ENOUGH), heard);
        harness.admit(SMALL);
        return harness.run(new Job(epochs), Set.of("out", "epochs"), (manager, resumeFrom) -> made[0] = new Counting(epochs, 4));
    }

    @Test
    void newRunWritesEveryFileAndCallsBackInOrder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        Counting[] made = new Counting[1];
        Heard heard = new Heard();
        RunHarness.Outcome<Line> o = run(out, null, 2, made, heard);
        assertEquals(List.of(new Line(1, 4), new Line(2, 4)), o.history());
        assertEquals(SMALL, o.memory());
        assertEquals(List.of("started at 0/0", "recorded 1", "recorded 2", "finished with 8"), made[0].calls);
        assertEquals(List.of("note " + SMALL.describe(), "epoch 1", "files", "epoch 2", "files", "files"),
                heard.events);
        assertEquals("{\"epoch\":1,\"value\":4.0}\n{\"epoch\":2,\"value\":4.0}\n",
                Files.readString(out.resolve(RunDirectory.METRICS)));
        assertEquals(new Job(2), Json.read(out.resolve(RunDirectory.CONFIG), Job.class));
        Checkpoint c = new CheckpointStore(out).loadLatest().orElseThrow().checkpoint();
        assertEquals(8, c.meta().get(CheckpointStore.POSITION).getAsLong(), "2 epochs of 4 steps");
        assertEquals(8, c.meta().get("total").getAsLong());
        assertEquals(Manifest.COMPLETED, Json.read(out.resolve(RunDirectory.MANIFEST), Manifest.class).outcome());
        JsonObject memory = Json.read(out.resolve(RunHarness.MEMORY), JsonObject.class);
        assertEquals(10, memory.getAsJsonObject("estimate").get("total").getAsLong());
        assertTrue(memory.has("peakResidentBytes"));
    }

    @Test
    void resumedRunContinuesFromItsCheckpoint(@TempDir Path dir) {
        Path out = dir.resolve("run");
        run(out, null, 2, new Counting[1], new Heard());
        Counting[] made = new Counting[1];
        RunHarness.Outcome<Line> o = run(out, List.of("epochs was 2, now 3"), 3, made, new Heard());
        assertEquals(List.of(new Line(1, 4), new Line(2, 4), new Line(3, 4)), o.history());
        assertEquals(List.of("started at 2/0", "recorded 3", "finished with 12"), made[0].calls,
                "the state and the position come from the checkpoint");
        assertThrows(IllegalArgumentException.class, () -> run(out, List.of(), 1, new Counting[1], new Heard()),
                "fewer epochs than completed");
    }

    @Test
    void aCheckpointWrittenWhileReadingOtherImagesIsNotResumed(@TempDir Path dir) {
        Path out = dir.resolve("run");
        RunHarness<Line> first = RunHarness.start(setup(out, null, ENOUGH), new Heard());
        first.admit(SMALL);
        first.reads("the full images");
        first.run(new Job(2), Set.of("out", "epochs"), (manager, resumeFrom) -> new Counting(2, 4));
        RunHarness<Line> other = RunHarness.start(setup(out, List.of("epochs was 2, now 3"), ENOUGH), new Heard());
        other.admit(SMALL);
        other.reads("a sample of them");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> other.run(new Job(3), Set.of("out", "epochs"), (manager, resumeFrom) -> new Counting(3, 4)));
        assertTrue(e.getMessage().contains("read the full images, and this run would read a sample of them"),
                e.getMessage());
        RunHarness<Line> same = RunHarness.start(setup(out, List.of("epochs was 2, now 3"), ENOUGH), new Heard());
        same.admit(SMALL);
        same.reads("the full images");
        assertEquals(3, same.run(new Job(3), Set.of("out", "epochs"), (manager, resumeFrom) -> new Counting(3, 4))
                .history().size());
    }

    @Test
    void refusedRunsLeaveNothingBehind(@TempDir Path dir) {
        Path out = dir.resolve("run");
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> RunHarness.start(setup(out, null, 5), new Heard()).admit(SMALL));
        assertTrue(tooBig.getMessage().startsWith("the count is estimated to need"), tooBig.getMessage());
        assertTrue(tooBig.getMessage().contains("count less"), tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> setup(out, null, -1));
        RunHarness<Line> notAdmitted = RunHarness.start(setup(out, null, ENOUGH), new Heard());
        assertThrows(IllegalStateException.class, () -> notAdmitted.run(new Job(1), (m, resumeFrom) -> new Counting(1, 1)));
        assertFalse(Files.exists(out));
        IllegalArgumentException noCheckpoint = assertThrows(IllegalArgumentException.class, () -> {
            try (RunDirectory run = RunDirectory.create(out, "count")) {
                run.writeConfig(new Job(1));
            }
            run(out, List.of(), 1, new Counting[1], new Heard());
        });
        assertTrue(noCheckpoint.getMessage().endsWith("holds no checkpoint yet"), noCheckpoint.getMessage());
    }
}
