package dev.converge.run;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: the CLI's shutdown hook calls {@link #requestAndAwait},
 * which asks the running {@link Converge} to start no new batch, then waits (bounded) until the
 * batches in flight have finished and the recap is printed. The JVM then exits (130 for SIGINT).
 * A batch that already reached a host also finishes there on its own (docs/reliability.md).
 */
public final class Interruption {
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static volatile CountDownLatch running;
    private static volatile Duration maxWait = Duration.ofMinutes(10);

    private Interruption() {}

    /** True once a stop was asked for; the run starts no new apply batch. */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /** True while a run is in progress. */
    public static boolean active() {
        CountDownLatch latch = running;
        return latch != null && latch.getCount() > 0;
    }

    static void runStarted(Duration commandTimeout) {
        maxWait = commandTimeout.plusSeconds(15);
        running = new CountDownLatch(1);
    }

    static void runEnded() {
        CountDownLatch latch = running;
        if (latch != null) {
            latch.countDown();
        }
    }

    /**
     * Asks the run in progress to stop after the steps in flight and waits for it (at most the
     * command timeout plus 15 s). Returns false if no run was in progress or the wait ran out.
     */
    public static boolean requestAndAwait() {
        REQUESTED.set(true);
        CountDownLatch latch = running;
        if (latch == null || latch.getCount() == 0) {
            return false;
        }
        try {
            return latch.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** For tests that run several interrupted runs in one JVM. */
    public static void reset() {
        REQUESTED.set(false);
    }
}
