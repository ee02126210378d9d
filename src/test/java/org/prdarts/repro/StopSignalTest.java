package org.prdarts.repro;

import org.junit.jupiter.api.Test;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopSignalTest {
    @Test
    void aSignalDuringARunIsARequestAndTheEarlierHandlerComesBack() throws Exception {
        // SIGTERM: a shell that starts the tests in the background ignores SIGINT for them, and a JVM
        // does not take over an ignored signal
        Signal term = new Signal("TERM");
        CountDownLatch outside = new CountDownLatch(1);
        SignalHandler before = Signal.handle(term, s -> outside.countDown());
        try {
            try (StopSignal stop = StopSignal.install()) {
                assertFalse(stop.requested());
                Signal.raise(term);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!stop.requested() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertTrue(stop.requested(), "the handler records the request");
                assertEquals(143, StopSignal.exitCode(), "128 + SIGTERM");
                assertEquals(1, outside.getCount(), "the run's handler, not the earlier one, took the signal");
            }
            // after the run the signal reaches whatever handled it before
            Signal.raise(term);
            assertTrue(outside.await(30, TimeUnit.SECONDS), "the earlier handler is restored");
        } finally {
            Signal.handle(term, before);
        }
    }
}
