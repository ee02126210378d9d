package org.prdarts.repro;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns SIGINT/SIGTERM into a request to stop at the next step boundary, for the duration of one
 * run. The signals are caught with handlers rather than a shutdown hook: a hook starts the JVM's
 * exit at once, and an exit while the main thread is inside the engine's native code (a large
 * backward pass) tears down the native library under it and crashes the process. With handlers the
 * JVM keeps running; the loop writes its checkpoint and manifest, the command line prints how to
 * continue, and the process then exits with {@link #exitCode()} (130 for SIGINT, 143 for SIGTERM).
 * A second signal while the first is pending gets the default action (an impatient second Ctrl-C
 * ends the process at once).
 *
 * <p>Outside a run the signals keep their default action.
 */
public final class StopSignal implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};
    /** 128 + the number of the last signal that stopped a run; 0 when none did. */
    private static volatile int lastExitCode;

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile boolean requested;

    private StopSignal() {
    }

    /** Installs the handlers for the duration of one run. */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                s.previous.put(signal, Signal.handle(signal, s::handle));
            } catch (IllegalArgumentException notHandled) {
                // the JVM reserves the signal (e.g. started with -Xrs): it keeps its default action
            }
        }
        return s;
    }

    private void handle(Signal signal) {
        if (requested) {
            SignalHandler before = previous.get(signal);
            Signal.handle(signal, before == null ? SignalHandler.SIG_DFL : before);
            Signal.raise(signal);
            return;
        }
        lastExitCode = 128 + signal.getNumber();
        requested = true;
    }

    /** A signal arrived: the loop should checkpoint and stop. */
    public boolean requested() {
        return requested;
    }

    /**
     * The exit status of a process whose run was stopped by a signal: 128 + the signal's number,
     * as a shell reports a process the signal ended (130 for SIGINT, 143 for SIGTERM); 0 when no
     * run was stopped.
     */
    public static int exitCode() {
        return lastExitCode;
    }

    /** Gives the signals back their earlier actions. */
    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                Signal.handle(signal, handler);
            } catch (IllegalArgumentException notHandled) {
                // as in install: a reserved signal was never taken
            }
        });
        previous.clear();
    }
}
