package dev.converge.exec;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.diag.Trace;
import dev.converge.gather.GatherResult;
import dev.converge.gather.PendingHandlers;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.graph.Walker;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.spi.Fact;
import dev.converge.spi.Operation;
import dev.converge.transport.TransportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Applies planned changes with the {@link Walker}: each host gets, in turn, one batch holding
 * every change that is ready (its dependencies done, or earlier in the same batch); hosts run in
 * parallel, bounded by the pool. A failure skips its dependents, on other hosts too, while
 * independent work finishes. A host's last batch also reads back its facts at its end, so that
 * verify needs no round trip of its own.
 */
public final class ApplyScheduler {
    private final ResourceGraph graph;
    private final Map<NodeKey, PlannedResource> planned = new HashMap<>();
    private final Map<NodeKey, NodeOutcome> decided = new HashMap<>();
    private final Map<String, HostSession> sessions;
    private final ExecutorService pool;
    private final Listener listener;
    private final Map<String, GatherResult> readBack = new ConcurrentHashMap<>();
    private Function<String, List<Fact>> toReadBack = host -> null;
    private BooleanSupplier stop = () -> false;
    private Set<NodeKey> pendingBefore = Set.of();

    public ApplyScheduler(
            ResourceGraph graph,
            Map<String, HostPlan> plans,
            Map<String, HostSession> sessions,
            ExecutorService pool,
            Listener listener) {
        this.graph = graph;
        this.sessions = sessions;
        this.pool = pool;
        this.listener = listener;
        for (NodeKey key : graph.order()) {
            HostPlan plan = plans.get(key.host());
            PlannedResource p = plan == null ? null : plan.byKey().get(key);
            if (p == null) {
                decided.put(key, new NodeOutcome(NodeState.UNREACHABLE, "host unreachable"));
            } else if (p.willChange()) {
                planned.put(key, p);
            } else {
                decided.put(key, p.outcome());
            }
        }
    }

    /** Told, on the scheduling thread, when a batch is sent and when each node reaches its outcome. */
    public interface Listener {
        default void batchStarted(String host, List<NodeKey> nodes) {}

        void finished(NodeKey key, NodeOutcome outcome);
    }

    /** When {@code stop} turns true, no new batch starts; those in flight finish; the rest is INTERRUPTED. */
    public ApplyScheduler stopWhen(BooleanSupplier value) {
        this.stop = value;
        return this;
    }

    /** Handlers an earlier run left pending on their hosts: they run as if notified (see {@link dev.converge.gather.PendingHandlers}). */
    public ApplyScheduler notifiedBefore(Set<NodeKey> handlers) {
        this.pendingBefore = Set.copyOf(handlers);
        return this;
    }

    /** The facts a host's last batch reads back at its end (null: none). */
    public ApplyScheduler readingBack(Function<String, List<Fact>> facts) {
        this.toReadBack = facts;
        return this;
    }

    /** The facts read back at the end of each host's last batch, for the hosts where that read succeeded. */
    public Map<String, GatherResult> readBack() {
        return Map.copyOf(readBack);
    }

    /** Applies everything; returns each node's outcome. Unreachable hosts' nodes are UNREACHABLE. */
    public Map<NodeKey, NodeOutcome> run() throws InterruptedException {
        Walker<NodeKey> walker = new Walker<>(graph, Walker.Deferral.HOLDS_DEPENDENTS, decided)
                .stopWhen(stop)
                .notifiedBefore(pendingBefore::contains);
        walker.listener(new Walker.Listener<>() {
            @Override
            public void started(Walker.Batch<NodeKey> batch) {
                listener.batchStarted(batch.lane(), batch.nodes());
            }

            @Override
            public void finished(NodeKey node, NodeOutcome outcome) {
                listener.finished(node, outcome);
            }
        });
        return walker.inBatches(batch -> apply(batch, walker), pool);
    }

    private Map<NodeKey, NodeOutcome> apply(Walker.Batch<NodeKey> batch, Walker<NodeKey> walker) {
        List<ApplyStep> steps = new ArrayList<>();
        for (NodeKey key : batch.nodes()) {
            steps.add(step(key, batch.nodes(), walker));
        }
        HostSession session = sessions.get(batch.lane());
        List<Fact> facts = batch.lastOfLane() ? toReadBack.apply(batch.lane()) : null;
        HostSession.BatchResult result;
        try {
            long t = Trace.start();
            result = session.apply(steps, facts);
            Trace.end("apply exec", t);
        } catch (TransportException e) {
            return BatchOutcomes.all(batch.nodes(), BatchOutcomes.transportFailure(e));
        }
        if (result.readBack() != null) {
            readBack.put(batch.lane(), result.readBack());
        }
        return new BatchOutcomes(graph, walker).of(batch.nodes(), result);
    }

    /**
     * A resource needs every dependency in the batch to succeed. A handler runs after all of its
     * play's resources, whatever their outcome, when at least one notifier changed: unconditionally
     * if one already did in an earlier batch or an earlier run left it pending, else if one of this
     * batch's notifiers succeeds. A step that notifies handlers records them pending on the host when
     * it succeeds; a handler clears its record when it succeeds.
     */
    private ApplyStep step(NodeKey key, List<NodeKey> nodes, Walker<NodeKey> walker) {
        List<Operation> operations = planned.get(key).change().operations();
        List<String> pend = graph.notifiedHandlers(key).stream()
                .sorted()
                .map(h -> PendingHandlers.line(h.host(), h.id()))
                .toList();
        if (graph.triggers(key).isEmpty()) {
            List<Integer> deps = graph.predecessors(key).stream()
                    .filter(nodes::contains)
                    .map(nodes::indexOf)
                    .sorted()
                    .toList();
            return new ApplyStep(key, operations, deps, List.of(), pend, List.of());
        }
        boolean alreadyNotified = pendingBefore.contains(key)
                || graph.triggers(key).stream()
                        .anyMatch(k ->
                                walker.outcome(k) != null && walker.outcome(k).state() == NodeState.CHANGED);
        List<Integer> notifiers = alreadyNotified
                ? List.of()
                : graph.triggers(key).stream()
                        .filter(nodes::contains)
                        .map(nodes::indexOf)
                        .sorted()
                        .toList();
        return new ApplyStep(
                key, operations, List.of(), notifiers, pend, List.of(PendingHandlers.line(key.host(), key.id())));
    }
}
