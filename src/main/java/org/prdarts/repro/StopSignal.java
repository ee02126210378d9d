package org.prdarts.repro;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT/SIGTERM into a request to stop at the next step boundary. The JVM runs shutdown
 * hooks on those signals; the hook here records the request and holds the JVM open until the
 * run loop has written its checkpoint and called {@link #acknowledge()} (or a grace period ends).
 */
public final class StopSignal implements AutoCloseable {
    private static final long GRACE_SECONDS = 300;

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

    /** The loop has saved its state; the JVM may exit. */
    public void acknowledge() {
        done.countDown();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting: the hook has run or is running, nothing to remove
        }
    }
}
