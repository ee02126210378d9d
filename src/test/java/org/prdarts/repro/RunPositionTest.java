package org.prdarts.repro;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A run's position survives a checkpoint, and foreign metadata is refused with the checkpoint's error. */
class RunPositionTest {

    /** An epoch record. */
    record Line(int epoch, double value) {
    }

    /** A position with one running sum. */
    static final class Counting extends RunPosition<Line> {
        long count;

        Counting() {
            super(Line.class);
        }

        @Override
        protected void saveSums(Checkpoint.Builder b) {
            b.meta("count", count);
        }

        @Override
        protected void restoreSums(JsonObject meta) {
            count = meta.get("count").getAsLong();
        }

        @Override
        protected void resetSums() {
            count = 0;
        }
    }

    @Test
    void roundTripsThroughACheckpoint() {
        Counting p = new Counting();
        p.history.add(new Line(1, 0.5));
        p.completeEpoch();
        p.step = 7;
        p.count = 42;
        p.seconds = 1.5;
        Checkpoint.Builder b = Checkpoint.builder();
        p.saveInto(b, 10, 30.0);
        Checkpoint c = b.build();
        assertEquals(17, c.meta().get(CheckpointStore.POSITION).getAsLong(), "epoch * steps + step");
        Counting q = new Counting();
        q.restore(c, "test");
        assertEquals(1, q.epoch);
        assertEquals(7, q.step);
        assertEquals(42, q.count);
        assertEquals(1.5, q.seconds);
        assertEquals(1, q.history.size());
        assertEquals(new Line(1, 0.5), q.history.get(0));
        q.completeEpoch();
        assertEquals(2, q.epoch);
        assertEquals(0, q.step);
        assertEquals(0, q.count);
        assertEquals(0.0, q.seconds);
        assertEquals(30.0 + 12.0, q.runSeconds(12.0), "the earlier process's 30 s and this one's 12 s");
    }

    @Test
    void aCheckpointWithoutTheRunsTotalCountsItsEpochsSeconds() {
        Checkpoint.Builder b = Checkpoint.builder();
        b.meta("epoch", 2).meta("step", 3).meta("count", 0L).meta("seconds", 4.0);
        com.google.gson.JsonArray history = new com.google.gson.JsonArray();
        for (double s : new double[] {10.0, 20.0}) {
            JsonObject line = new JsonObject();
            line.addProperty("epoch", history.size() + 1);
            line.addProperty("value", 0.0);
            line.addProperty("seconds", s);
            history.add(line);
        }
        b.meta("history", history);
        Counting q = new Counting();
        q.restore(b.build(), "test");
        assertEquals(10.0 + 20.0 + 4.0 + 1.0, q.runSeconds(1.0), "two epochs, the current one's 4 s, this process's 1 s");
    }

    @Test
    void foreignMetadataIsACheckpointError() {
        Checkpoint c = Checkpoint.builder().meta("epoch", 1).meta("step", 2).build();
        CheckpointException e = assertThrows(CheckpointException.class, () -> new Counting().restore(c, "search"));
        assertTrue(e.getMessage().startsWith("checkpoint metadata is not a search run's"), e.getMessage());
    }
}
