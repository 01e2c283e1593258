package dev.converge.diag;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Where a run's time goes, for benchmarks: with {@code -Dconverge.trace=true}, phase marks and
 * per-host spans (count, first start, last end, mean and max duration) are printed to stderr,
 * in milliseconds since the JVM started (or since {@code -Dconverge.t0}, epoch ms, when a launcher
 * sets it). Off by default, and then free (one boolean test).
 */
public final class Trace {
    public static final boolean ON = Boolean.getBoolean("converge.trace");
    private static final long T0_NANOS = System.nanoTime();
    private static final long JVM_TO_T0_MS = ON ? sinceJvmStart() : 0;
    private static final PrintStream ERR = System.err;
    /** name → {count, first start, last end, total duration, max duration} (nanoTime values). */
    private static final Map<String, long[]> SPANS = new ConcurrentSkipListMap<>();

    private Trace() {}

    /** Prints a phase mark, with the CPU time of the calling thread (less sensitive to machine load). */
    public static void mark(String what) {
        if (ON) {
            ERR.printf(
                    "[trace] %7.1f ms  (this thread's CPU %6.1f ms)  %s%n",
                    ms(System.nanoTime()), ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1e6, what);
        }
    }

    /** The start of a span (0 when tracing is off). */
    public static long start() {
        return ON ? System.nanoTime() : 0;
    }

    /** Ends a span started with {@link #start()}; spans of one name (e.g. one per host) are aggregated. */
    public static void end(String name, long start) {
        if (!ON) {
            return;
        }
        long now = System.nanoTime();
        long d = now - start;
        SPANS.compute(name, (k, v) -> {
            if (v == null) {
                return new long[] {1, start, now, d, d};
            }
            return new long[] {v[0] + 1, Math.min(v[1], start), Math.max(v[2], now), v[3] + d, Math.max(v[4], d)};
        });
    }

    /** Prints the aggregated spans (at the end of a run). */
    public static void dump() {
        if (!ON) {
            return;
        }
        SPANS.forEach((name, v) -> ERR.printf(
                "[trace] span %-22s n=%-4d first start %7.1f  last end %7.1f  mean %7.1f  max %7.1f ms%n",
                name, v[0], ms(v[1]), ms(v[2]), v[3] / v[0] / 1e6, v[4] / 1e6));
        dumpThreadCpu();
    }

    /** CPU (user + system) of this process's threads by name, from {@code /proc/self/task} (Linux): JIT, GC and SSH included. */
    private static void dumpThreadCpu() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        Map<String, Long> ticksByName = new TreeMap<>();
        try (var dirs = Files.list(tasks)) {
            for (var dir : (Iterable<Path>) dirs::iterator) {
                String stat = Files.readString(dir.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                        .replaceAll("[0-9-]+$", "#");
                String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticksByName.merge(name, Long.parseLong(rest[11]) + Long.parseLong(rest[12]), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return; // a thread ended while listed; the summary is best effort
        }
        StringBuilder line = new StringBuilder("[trace] threads' CPU ms:");
        ticksByName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .forEach(e -> line.append(' ').append(e.getKey()).append('=').append(e.getValue() * 10));
        ERR.println(line);
    }

    private static double ms(long nanos) {
        return JVM_TO_T0_MS + (nanos - T0_NANOS) / 1e6;
    }

    /** Since {@code -Dconverge.t0} (epoch ms, set by a launcher before the JVM starts), else since the JVM started. */
    private static long sinceJvmStart() {
        Long t0 = Long.getLong("converge.t0");
        if (t0 != null) {
            return Math.max(0, System.currentTimeMillis() - t0);
        }
        return Math.max(
                0,
                System.currentTimeMillis()
                        - ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
