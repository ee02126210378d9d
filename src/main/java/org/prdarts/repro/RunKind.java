package org.prdarts.repro;

import com.google.gson.JsonElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The entry points a kind of run (a search, a training run) offers, written once: start a run,
 * read back the job a run directory was started with, and resume it with the changes the kind
 * allows, checked against the saved job before anything runs.
 *
 * <pre>{@code
 * SearchResult r = Search.runs().resume(runDir, saved -> saved, 0, listener, commandLine);
 * }</pre>
 *
 * @param <J> the kind's job, the record saved as config.json
 * @param <L> the kind's progress listener
 * @param <R> the kind's result
 */
public final class RunKind<J extends Record & RunKind.Job<J>, L, R> {

    /** A job that can be pointed at a run directory. */
    public interface Job<J> {
        /** The same job writing to {@code out}. */
        J withOut(Path out);
    }

    /** What runs a job: a new run when {@code changes} is null, else the resumed one in the job's out. */
    @FunctionalInterface
    public interface Execution<J, L, R> {
        R execute(J job, List<String> changes, long maxMemoryBytes, L listener, List<String> commandLine);
    }

    private final Class<J> type;
    private final String kind;
    private final String command;
    private final UnaryOperator<JsonElement> upgrade;
    private final Set<String> resumable;
    private final Set<String> afterDivergence;
    private final Execution<J, L, R> execution;

    /**
     * @param kind            the kind of run, for messages ("search", "training")
     * @param command         the command that resumes it ("search", "train")
     * @param upgrade         brings a saved job's JSON of an earlier layout to the current one
     * @param resumable       options a resumed run may change
     * @param afterDivergence options a run that diverged may also change
     */
    public RunKind(Class<J> type, String kind, String command, UnaryOperator<JsonElement> upgrade,
                   Set<String> resumable, Set<String> afterDivergence, Execution<J, L, R> execution) {
        this.type = type;
        this.kind = kind;
        this.command = command;
        this.upgrade = upgrade;
        this.resumable = Set.copyOf(resumable);
        this.afterDivergence = Set.copyOf(afterDivergence);
        this.execution = execution;
    }

    /**
     * Runs a job in a new run directory.
     *
     * @param maxMemoryBytes refuse the run, before anything is written, when its memory estimate
     *                       exceeds this; 0 = {@link MemoryEstimate#availableBytes()}
     */
    public R run(J job, long maxMemoryBytes, L listener, List<String> commandLine) {
        return execution.execute(job, null, maxMemoryBytes, listener, commandLine);
    }

    /**
     * Continues the run in {@code runDir} from its newest usable checkpoint, ending exactly as a
     * run that never stopped would.
     *
     * @param changes applied to the saved job; only the options this kind allows may differ
     */
    public R resume(Path runDir, UnaryOperator<J> changes, long maxMemoryBytes, L listener,
                    List<String> commandLine) {
        J saved = savedJob(runDir).withOut(runDir);
        J changed = changes.apply(saved).withOut(runDir);
        return execution.execute(changed, RunHarness.resumeChanges(runDir, saved, changed, resumable, afterDivergence),
                maxMemoryBytes, listener, commandLine);
    }

    /** The job a run directory was started with. */
    public J savedJob(Path runDir) {
        return RunSession.savedJob(runDir, type, kind, command, upgrade);
    }
}
