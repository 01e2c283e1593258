package dev.converge.run;

import dev.converge.diag.Trace;
import dev.converge.exec.HostSession;
import dev.converge.exec.SessionEnvironment;
import dev.converge.gather.GatherResult;
import dev.converge.gather.GatherScript;
import dev.converge.inventory.Inventory;
import dev.converge.plan.HostPlan;
import dev.converge.plan.Planner;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.Transports;
import dev.converge.verify.HostReads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** The run's host connections: opened once, used for every round trip, closed at the end. */
final class Hosts implements HostReads, AutoCloseable {
    private final Inventory inventory;
    private final Transports transports;
    private final RunOptions options;
    private final SessionEnvironment environment;
    private final Reporter reporter;
    private final Map<String, HostSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();
    /** The facts last read from each reachable host. */
    private final Map<String, GatherResult> lastRead = new TreeMap<>();

    Hosts(
            Inventory inventory,
            Transports transports,
            RunOptions options,
            SessionEnvironment environment,
            Reporter reporter) {
        this.inventory = inventory;
        this.environment = environment;
        this.transports = transports;
        this.options = options;
        this.reporter = reporter;
    }

    /**
     * Connects (if needed) and reads {@code toRead} in parallel, then plans every host read so far
     * (the others with what was last read from them); unreachable hosts are left out.
     *
     * @param deferral see {@link Planner#planAll(Map, Planner.Deferral)}
     */
    @Override
    public Map<String, HostPlan> planAll(
            List<String> toRead, Planner planner, ExecutorService pool, Planner.Deferral deferral)
            throws InterruptedException {
        List<Future<GatherResult>> futures = new ArrayList<>();
        for (String host : toRead) {
            futures.add(pool.submit(() -> gatherOne(host, planner)));
        }
        for (int i = 0; i < toRead.size(); i++) {
            try {
                GatherResult facts = futures.get(i).get();
                if (facts != null) {
                    lastRead.put(toRead.get(i), facts);
                } else {
                    lastRead.remove(toRead.get(i));
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("gathering facts failed", e.getCause());
            }
        }
        reportRemovedLeftovers();
        long t = Trace.start();
        Map<String, HostPlan> plans = planner.planAll(new TreeMap<>(lastRead), deferral);
        Trace.end("plan (all hosts)", t);
        return plans;
    }

    /** Plans again on what was last read, without reading (planning is pure). */
    Map<String, HostPlan> replan(Planner planner, Planner.Deferral deferral) {
        return planner.planAll(new TreeMap<>(lastRead), deferral);
    }

    /** What was last read from each reachable host. */
    Map<String, GatherResult> facts() {
        return Map.copyOf(lastRead);
    }

    @Override
    public void remember(Map<String, GatherResult> readBack) {
        lastRead.putAll(readBack);
    }

    private GatherResult gatherOne(String host, Planner planner) {
        if (unreachable.containsKey(host)) {
            return null;
        }
        try {
            HostSession s = session(host);
            long t = Trace.start();
            GatherResult r = s.gather(planner.factsOf(host), !options.check());
            Trace.end("gather exec", t);
            return r;
        } catch (TransportException e) {
            markUnreachable(host, e.getMessage());
            return null;
        }
    }

    private HostSession session(String host) throws TransportException {
        HostSession existing = sessions.get(host);
        if (existing != null) {
            return existing;
        }
        ConnectionSpec spec = ConnectionSpecs.of(inventory.host(host), options);
        long t = Trace.start();
        long connectStart = System.nanoTime();
        Transport transport = transports.open(spec);
        Trace.end("connect+auth", t);
        reporter.on(new RunEvent.Detail(
                host, 2, "timing", List.of("connect: " + (System.nanoTime() - connectStart) / 1_000_000 + " ms")));
        HostSession session = new HostSession(
                        host, transport, options.commandTimeout(), stepTimeout(host), maxFileBytes(host), environment)
                .tracedTo((h, level, title, lines) -> reporter.on(new RunEvent.Detail(h, level, title, lines)));
        sessions.put(host, session);
        return session;
    }

    /** Host variable {@code converge_step_timeout} (seconds), else 0: derived from the command timeout. */
    private int stepTimeout(String host) {
        String value = inventory.host(host).varText("converge_step_timeout", "0");
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Host variable {@code converge_max_file_bytes}: a larger managed file is not read (its resources fail). */
    private long maxFileBytes(String host) {
        String value = inventory.host(host).varText("converge_max_file_bytes", "");
        try {
            return value.isBlank() ? GatherScript.DEFAULT_MAX_FILE_BYTES : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return GatherScript.DEFAULT_MAX_FILE_BYTES;
        }
    }

    /** Reports leftover temp files of interrupted runs that the scripts removed. */
    void reportRemovedLeftovers() {
        sessions.forEach((host, session) -> {
            List<String> removed = session.drainRemovedLeftovers();
            if (!removed.isEmpty()) {
                reporter.on(new RunEvent.Warning(
                        host + ": removed " + removed.size() + " leftover temp file" + (removed.size() == 1 ? "" : "s")
                                + " of an interrupted earlier run: " + String.join(", ", removed)));
            }
        });
    }

    private void markUnreachable(String host, String message) {
        unreachable.put(host, message);
        reporter.on(new RunEvent.HostUnreachable(host, message));
    }

    @Override
    public Map<String, HostSession> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    String unreachableReason(String host) {
        return unreachable.get(host);
    }

    int roundTrips(String host) {
        HostSession s = sessions.get(host);
        return s == null ? 0 : s.roundTrips();
    }

    @Override
    public void close() {
        sessions.values().forEach(HostSession::close);
    }
}
