package dev.converge.run;

import dev.converge.exec.HostSession;
import dev.converge.gather.GatherResult;
import dev.converge.model.Inventory;
import dev.converge.plan.HostPlan;
import dev.converge.plan.HostPlanner;
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

    /** Connects (if needed), gathers and plans each host in parallel; unreachable hosts are left out. */
    Map<String, HostPlan> planAll(List<String> hosts, HostPlanner planner, ExecutorService pool) throws InterruptedException {
        List<Future<HostPlan>> futures = new ArrayList<>();
        for (String host : hosts) {
            futures.add(pool.submit(() -> planOne(host, planner)));
        }
        Map<String, HostPlan> plans = new TreeMap<>();
        for (Future<HostPlan> f : futures) {
            try {
                HostPlan plan = f.get();
                if (plan != null) {
                    plans.put(plan.host(), plan);
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("planning failed", e.getCause());
            }
        }
        return plans;
    }

    private HostPlan planOne(String host, HostPlanner planner) {
        if (unreachable.containsKey(host)) {
            return null;
        }
        try {
            HostSession session = session(host);
            GatherResult gathered = session.gather(planner.factsOf(host));
            return planner.plan(host, gathered);
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
        Transport transport = transports.open(spec);
        HostSession session = new HostSession(host, transport, options.commandTimeout());
        sessions.put(host, session);
        return session;
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
