package dev.converge.config;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds on one template rendering, so a hostile or mistaken template ({@code ?left_pad(1.5e9)},
 * a string doubled in a loop, a macro that calls itself) ends in a clear problem (exit 3), never
 * in an OutOfMemoryError, a StackOverflowError or a hang:
 * <ul>
 *   <li>output size: {@link #VALUE_CHARS} for a value in the playbook, {@link #FILE_CHARS} for a
 *       template file;</li>
 *   <li>time: {@link #TIME} per rendering (loops and macros check for the interruption);</li>
 *   <li>memory and recursion: running out of either is caught and reported as such.</li>
 * </ul>
 */
final class TemplateLimits {
    static final int VALUE_CHARS = 1 << 20;
    static final int FILE_CHARS = 32 << 20;
    static final Duration TIME = Duration.ofSeconds(10);
    /** The time limit in force (tests shorten it). */
    static volatile Duration time = TIME;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "converge-template-watchdog");
        t.setDaemon(true);
        return t;
    });

    private TemplateLimits() {}

    /** A limit was exceeded; carries the problem to report. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Templating.Failure failure;

        Exceeded(String reason, String hint) {
            super(reason);
            this.failure = new Templating.Failure(reason, hint, 1, 1);
        }

        Templating.Failure failure() {
            return failure;
        }
    }

    static Exceeded tooLarge(int limit) {
        return new Exceeded(
                "template output is larger than " + (limit >> 20) + " MiB",
                "check ?left_pad/?right_pad widths, and strings or lists that grow in a loop");
    }

    static Exceeded outOfMemory() {
        return new Exceeded(
                "template evaluation ran out of memory",
                "check ?left_pad/?right_pad widths, and strings that double in a loop");
    }

    static Exceeded tooDeep() {
        return new Exceeded(
                "template recursion too deep (a macro or function that calls itself without end?)",
                "give the recursion a base case, or write the values out");
    }

    static Exceeded tooSlow() {
        return new Exceeded(
                "template took longer than " + time.toMillis() / 1000.0
                        + " s to render (an endless or exponential loop?)",
                "bound the loop; templates render values, they are not programs");
    }

    /** Interrupts the calling thread when the rendering takes longer than {@link #TIME}; cancel it when done. */
    static ScheduledFuture<?> watch(boolean[] fired) {
        Thread renderer = Thread.currentThread();
        return WATCHDOG.schedule(
                () -> {
                    fired[0] = true;
                    renderer.interrupt();
                },
                time.toMillis(),
                TimeUnit.MILLISECONDS);
    }
}
