package org.prdarts.repro;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request to stop at the next step boundary. The JVM runs shutdown
 * hooks on those signals and halts as soon as they return; the hook here records the request and
 * holds the JVM open until the run has written its checkpoint and manifest and the command line has
 * printed how to continue ({@link #releasePending()}), or a grace period ends. The process then
 * exits with the signal's status (130 for SIGINT, 143 for SIGTERM).
 */
public final class StopSignal implements AutoCloseable {
    private static final long GRACE_SECONDS = 300;
    /** Stops whose hooks wait for the entry point to finish printing. */
    private static final List<CountDownLatch> PENDING = new ArrayList<>();

    private volatile boolean requested;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal() {
        hook = new Thread(() -> {
            requested = true;
            try {
                done.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "prdarts-stop");
    }

    /** Installs the hook for the duration of one run. */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** A signal arrived: the loop should checkpoint and stop. */
    public boolean requested() {
        return requested;
    }

    /**
     * Lets the JVM exit after the entry point has printed its last line: call it last, after the
     * output is flushed. Does nothing when no run was stopped by a signal.
     */
    public static void releasePending() {
        synchronized (PENDING) {
            PENDING.forEach(CountDownLatch::countDown);
            PENDING.clear();
        }
    }

    /**
     * Ends the run's claim on the signals. After a signal the hook keeps the JVM open until
     * {@link #releasePending()}, so that the reason of the stop reaches the user.
     */
    @Override
    public void close() {
        if (requested) {
            synchronized (PENDING) {
                PENDING.add(done);
            }
            return;
        }
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook has run or is running, nothing to remove
        }
    }
}
