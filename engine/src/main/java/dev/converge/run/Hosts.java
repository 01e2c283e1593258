package dev.converge.run;

import dev.converge.diag.Trace;
import dev.converge.exec.HostSession;
import dev.converge.gather.GatherResult;
import dev.converge.model.Inventory;
import dev.converge.plan.HostPlan;
import dev.converge.plan.Planner;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.Transports;
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
final class Hosts implements AutoCloseable {
    private final Inventory inventory;
    private final Transports transports;
    private final RunOptions options;
    private final Reporter reporter;
    private final Map<String, HostSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();

    Hosts(Inventory inventory, Transports transports, RunOptions options, Reporter reporter) {
        this.inventory = inventory;
        this.transports = transports;
        this.options = options;
        this.reporter = reporter;
    }

    /** Connects (if needed) and gathers each host in parallel, then plans them all; unreachable hosts are left out. */
    Map<String, HostPlan> planAll(List<String> hosts, Planner planner, ExecutorService pool) throws InterruptedException {
        List<Future<GatherResult>> futures = new ArrayList<>();
        for (String host : hosts) {
            futures.add(pool.submit(() -> gatherOne(host, planner)));
        }
        Map<String, GatherResult> gathered = new TreeMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            try {
                GatherResult facts = futures.get(i).get();
                if (facts != null) {
                    gathered.put(hosts.get(i), facts);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("gathering facts failed", e.getCause());
            }
        }
        reportRemovedLeftovers();
        long t = Trace.start();
        Map<String, HostPlan> plans = planner.planAll(gathered);
        Trace.end("plan (all hosts)", t);
        return plans;
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
        ConnectionSpec spec = ConnectionSpecs.of(inventory.hosts().get(host), options);
        long t = Trace.start();
        Transport transport = transports.open(spec);
        Trace.end("connect+auth", t);
        HostSession session = new HostSession(host, transport, options.commandTimeout(), stepTimeout(host));
        sessions.put(host, session);
        return session;
    }

    /** Host variable {@code converge_step_timeout} (seconds), else 0: derived from the command timeout. */
    private int stepTimeout(String host) {
        String value = inventory.hosts().get(host).varText("converge_step_timeout", "0");
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Reports leftover temp files of interrupted runs that the scripts removed. */
    void reportRemovedLeftovers() {
        sessions.forEach((host, session) -> {
            List<String> removed = session.drainRemovedLeftovers();
            if (!removed.isEmpty()) {
                reporter.on(new RunEvent.Warning(host + ": removed " + removed.size() + " leftover temp file"
                        + (removed.size() == 1 ? "" : "s") + " of an interrupted earlier run: " + String.join(", ", removed)));
            }
        });
    }

    private void markUnreachable(String host, String message) {
        unreachable.put(host, message);
        reporter.on(new RunEvent.HostUnreachable(host, message));
    }

    Map<String, HostSession> sessions() {
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
