package org.prdarts.repro;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, as its checkpoints record it: epoch and step, the seconds spent in the
 * current epoch, the wall seconds of the run so far over every process that worked on it, the
 * records of the finished epochs, and the running sums of the current epoch,
 * which each kind of run defines ({@link #saveSums}, {@link #restoreSums}, {@link #resetSums}).
 *
 * @param <E> the kind of run's epoch record, one line of metrics.jsonl (read and written as JSON)
 */
public abstract class RunPosition<E> {
    private static final String RUN_SECONDS = "runSeconds";

    public int epoch;
    public int step;
    public double seconds;
    /** Wall seconds this run took in the processes before this one, up to the checkpoint it continued from. */
    private double earlierSeconds;
    public final List<E> history = new ArrayList<>();
    private final Class<E> recordType;

    protected RunPosition(Class<E> recordType) {
        this.recordType = recordType;
    }

    /** Moves to the start of the next epoch. */
    public void completeEpoch() {
        epoch++;
        step = 0;
        seconds = 0;
        resetSums();
    }

    /**
     * The run's wall seconds over every process that worked on it: the earlier processes' (up to the
     * checkpoint this one continued from) and {@code thisProcess}.
     */
    public double runSeconds(double thisProcess) {
        return earlierSeconds + thisProcess;
    }

    /**
     * Writes the position into a checkpoint of a run with {@code steps} steps per epoch.
     *
     * @param thisProcess wall seconds this process has worked on the run
     */
    public void saveInto(Checkpoint.Builder b, int steps, double thisProcess) {
        b.meta("epoch", epoch);
        b.meta("step", step);
        b.meta(CheckpointStore.POSITION, (long) epoch * steps + step);
        saveSums(b);
        b.meta("seconds", seconds);
        b.meta(RUN_SECONDS, runSeconds(thisProcess));
        b.meta("history", Json.toArray(history));
    }

    /**
     * Reads the position back from a checkpoint.
     *
     * @param kind the kind of run, for the error, e.g. "search"
     * @throws CheckpointException when the metadata is not that of such a run
     */
    public void restore(Checkpoint c, String kind) {
        JsonObject m = c.meta();
        try {
            epoch = m.get("epoch").getAsInt();
            step = m.get("step").getAsInt();
            restoreSums(m);
            seconds = m.get("seconds").getAsDouble();
            history.clear();
            // checkpoints written before the run's total was kept: the epochs' own seconds
            double epochs = seconds;
            for (JsonElement record : m.getAsJsonArray("history")) {
                history.add(Json.pretty().fromJson(record, recordType));
                JsonElement s = record.getAsJsonObject().get("seconds");
                epochs += s == null || s.isJsonNull() ? 0 : s.getAsDouble();
            }
            earlierSeconds = m.has(RUN_SECONDS) ? m.get(RUN_SECONDS).getAsDouble() : epochs;
        } catch (NullPointerException | IllegalStateException | ClassCastException
                 | UnsupportedOperationException | NumberFormatException | com.google.gson.JsonParseException e) {
            throw new CheckpointException("checkpoint metadata is not a " + kind + " run's (a field is missing "
                    + "or has the wrong type)", e);
        }
    }

    /**
     * Refuses to continue a run restored at this position with fewer epochs than it has already
     * completed; as many as completed leaves nothing to do, and the run ends as it did.
     */
    public void requireEpochs(int epochs) {
        if (epochs < epoch) {
            throw new IllegalArgumentException("cannot resume with --epochs " + epochs + ": the run has already "
                    + "completed " + epoch + " epochs; give --epochs " + epoch + " or more");
        }
    }

    /** Writes the running sums of the current epoch. */
    protected abstract void saveSums(Checkpoint.Builder b);

    /** Reads the running sums back; a missing or mistyped field throws an unchecked exception. */
    protected abstract void restoreSums(JsonObject meta);

    /** Clears the running sums at the start of an epoch. */
    protected abstract void resetSums();
}
