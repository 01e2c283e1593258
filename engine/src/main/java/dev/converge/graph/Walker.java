package dev.converge.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Walks a DAG, domain-free (like Terraform's {@code dag}): a node is visited once everything it
 * depends on is decided; a node whose dependency did not succeed is {@link NodeState#SKIPPED_UPSTREAM}
 * without a visit; a triggered node (a handler) waits for all its predecessors, whatever their
 * state, and is visited only if one of its triggers changed. Plan, apply and verify all walk with it.
 *
 * <p>Nodes belong to lanes (hosts). {@link #inOrder} visits one node at a time in topological order;
 * {@link #inBatches} visits, per lane, one batch at a time holding every ready node (a node is also
 * ready when what it waits for is earlier in the same batch), lanes in parallel.
 *
 * @param <K> the node type
 */
public final class Walker<K extends Comparable<K>> {
    private final Dag<K> dag;
    private final Deferral deferral;
    private final Map<K, NodeOutcome> outcomes = new ConcurrentHashMap<>();
    private final Set<K> pending = new HashSet<>();
    /** How many nodes of each lane are pending (so a batch knows cheaply whether it is its lane's last). */
    private final Map<String, Integer> pendingInLane = new HashMap<>();

    private Listener<K> listener = new Listener<>() {};
    private BooleanSupplier stop = () -> false;
    private Predicate<K> notifiedBefore = node -> false;

    /** The shape of a graph the walker needs. */
    public interface Dag<K> {
        /** Every node, dependencies first. */
        List<K> order();

        Set<K> predecessors(K node);

        /**
         * The predecessors whose change triggers {@code node}; empty for an ordinary node. A triggered
         * node is not held back by its predecessors' failures.
         */
        Set<K> triggers(K node);

        /** The node's lane: a lane runs one batch at a time. */
        String lane(K node);

        /** How a node is named in the messages the walker writes. */
        default String describe(K node) {
            return node.toString();
        }
    }

    /** Visits a batch of ready nodes: an outcome for each (a node left out failed). */
    @FunctionalInterface
    public interface Visitor<K> {
        Map<K, NodeOutcome> visit(Batch<K> batch) throws InterruptedException;
    }

    /** @param lastOfLane no other node of the lane is left to visit after this batch */
    public record Batch<K>(String lane, List<K> nodes, boolean lastOfLane) {
        public Batch {
            nodes = List.copyOf(nodes);
        }
    }

    /** Told, on the walking thread, when a batch starts and when each node is decided. */
    public interface Listener<K> {
        default void started(Batch<K> batch) {}

        default void finished(K node, NodeOutcome outcome) {}
    }

    /** What a {@link NodeState#DEFERRED} node means for what depends on it. */
    public enum Deferral {
        /** It waits too (a real run applies it after the deferred node is decided). */
        HOLDS_DEPENDENTS,
        /** It goes on as if the deferred node held (a dry run shows what it would do). */
        LETS_DEPENDENTS_GO
    }

    /**
     * @param decided nodes whose outcome is known before the walk (e.g. those a plan leaves alone);
     *     every other node is visited, or skipped
     */
    public Walker(Dag<K> dag, Deferral deferral, Map<K, NodeOutcome> decided) {
        this.dag = dag;
        this.deferral = deferral;
        for (K node : dag.order()) {
            NodeOutcome known = decided.get(node);
            if (known == null) {
                pending.add(node);
                pendingInLane.merge(dag.lane(node), 1, Integer::sum);
            } else {
                outcomes.put(node, known);
            }
        }
    }

    public Walker<K> listener(Listener<K> value) {
        this.listener = value;
        return this;
    }

    /** When {@code value} turns true, no new batch starts; those in flight finish; the rest is INTERRUPTED. */
    public Walker<K> stopWhen(BooleanSupplier value) {
        this.stop = value;
        return this;
    }

    /**
     * Triggered nodes notified before this walk (a handler a failed or cut-short earlier run left
     * pending on its host): visited as if one of their triggers had changed.
     */
    public Walker<K> notifiedBefore(Predicate<K> value) {
        this.notifiedBefore = value;
        return this;
    }

    /** The outcome of a node decided so far, else null (safe from any thread). */
    public NodeOutcome outcome(K node) {
        return outcomes.get(node);
    }

    /** Visits one node at a time, in topological order, on this thread; every node's outcome, in order. */
    public Map<K, NodeOutcome> inOrder(Visitor<K> visitor) throws InterruptedException {
        tellDecided();
        for (K node : dag.order()) {
            if (!pending.contains(node)) {
                continue;
            }
            Gate gate = gate(node, List.of());
            if (gate.outcome() != null) {
                decide(node, gate.outcome());
            } else if (stop.getAsBoolean()) {
                decide(node, interrupted());
            } else {
                unpend(node);
                Batch<K> batch = new Batch<>(dag.lane(node), List.of(node), pendingInLane.get(dag.lane(node)) == 0);
                record(batch, visitor.visit(batch));
            }
        }
        return result();
    }

    /** Visits ready batches, lanes in parallel on {@code pool}; every node's outcome, in order. */
    public Map<K, NodeOutcome> inBatches(Visitor<K> visitor, ExecutorService pool) throws InterruptedException {
        tellDecided();
        CompletionService<Visited<K>> completion = new ExecutorCompletionService<>(pool);
        Set<String> busy = new HashSet<>();
        int running = 0;
        while (true) {
            decideGated();
            for (Batch<K> batch : stop.getAsBoolean() ? List.<Batch<K>>of() : readyBatches(busy)) {
                busy.add(batch.lane());
                listener.started(batch);
                completion.submit(() -> new Visited<>(batch, visitor.visit(batch)));
                running++;
            }
            if (running == 0) {
                break;
            }
            Visited<K> done;
            try {
                done = completion.take().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a walk's visitor failed", e.getCause());
            }
            running--;
            busy.remove(done.batch().lane());
            record(done.batch(), done.outcomes());
        }
        for (K node : dag.order()) {
            if (pending.contains(node)) {
                decide(node, interrupted());
            }
        }
        return result();
    }

    /** The listener hears of the nodes decided before the walk first, in order. */
    private void tellDecided() {
        dag.order().stream().filter(outcomes::containsKey).forEach(k -> listener.finished(k, outcomes.get(k)));
    }

    private record Visited<K>(Batch<K> batch, Map<K, NodeOutcome> outcomes) {}

    /** A node's decision before any visit, or null when it is to be visited (ready) or must wait. */
    private record Gate(NodeOutcome outcome, boolean ready) {
        static final Gate READY = new Gate(null, true);
        static final Gate WAIT = new Gate(null, false);
    }

    private Gate gate(K node, List<K> batch) {
        Set<K> triggers = dag.triggers(node);
        return triggers.isEmpty() ? ordinaryGate(node, batch) : triggeredGate(node, triggers, batch);
    }

    private Gate ordinaryGate(K node, List<K> batch) {
        List<K> before = dag.predecessors(node).stream().sorted().toList();
        for (K p : before) {
            NodeOutcome o = outcomes.get(p);
            if (o != null && o.state().blocksDependents()) {
                return new Gate(
                        new NodeOutcome(NodeState.SKIPPED_UPSTREAM, "depends on failed " + dag.describe(p)), false);
            }
        }
        for (K p : before) {
            NodeOutcome o = outcomes.get(p);
            if (o != null && o.state() == NodeState.DEFERRED && deferral == Deferral.HOLDS_DEPENDENTS) {
                return new Gate(
                        new NodeOutcome(
                                NodeState.DEFERRED,
                                "waits for " + dag.describe(p) + ", which is re-checked after the apply"),
                        false);
            }
        }
        return before.stream().allMatch(p -> outcomes.containsKey(p) || batch.contains(p)) ? Gate.READY : Gate.WAIT;
    }

    /**
     * A triggered node runs once a trigger changed and all its predecessors are decided; it is
     * deferred with a deferred trigger only when none has changed yet (a change already made is
     * acted on now; the deferred trigger can trigger it again).
     */
    private Gate triggeredGate(K node, Set<K> triggers, List<K> batch) {
        List<K> sorted = triggers.stream().sorted().toList();
        boolean changed = notifiedBefore.test(node)
                || sorted.stream()
                        .anyMatch(
                                t -> outcomes.containsKey(t) && outcomes.get(t).state() == NodeState.CHANGED);
        if (!changed && triggers.stream().allMatch(outcomes::containsKey)) {
            K deferred = sorted.stream()
                    .filter(t -> outcomes.get(t).state() == NodeState.DEFERRED)
                    .findFirst()
                    .orElse(null);
            if (deferred != null && deferral == Deferral.HOLDS_DEPENDENTS) {
                return new Gate(
                        new NodeOutcome(
                                NodeState.DEFERRED,
                                "waits for " + dag.describe(deferred) + ", which is re-checked after the apply"),
                        false);
            }
            return new Gate(new NodeOutcome(NodeState.SKIPPED_NOT_NOTIFIED, "not notified"), false);
        }
        return dag.predecessors(node).stream().allMatch(p -> outcomes.containsKey(p) || batch.contains(p))
                ? Gate.READY
                : Gate.WAIT;
    }

    /** Decides the pending nodes whose gate decides them, until none is left to decide. */
    private void decideGated() {
        boolean again = true;
        while (again) {
            again = false;
            for (K node : dag.order()) {
                if (pending.contains(node)) {
                    NodeOutcome decided = gate(node, List.of()).outcome();
                    if (decided != null) {
                        decide(node, decided);
                        again = true;
                    }
                }
            }
        }
    }

    private List<Batch<K>> readyBatches(Set<String> busy) {
        Map<String, List<K>> byLane = new LinkedHashMap<>();
        for (K node : dag.order()) {
            if (!pending.contains(node) || busy.contains(dag.lane(node))) {
                continue;
            }
            List<K> batch = byLane.computeIfAbsent(dag.lane(node), l -> new ArrayList<>());
            if (gate(node, batch).ready()) {
                batch.add(node);
            }
        }
        List<Batch<K>> out = new ArrayList<>();
        byLane.forEach((lane, nodes) -> {
            if (!nodes.isEmpty()) {
                nodes.forEach(this::unpend);
                out.add(new Batch<>(lane, nodes, pendingInLane.get(lane) == 0));
            }
        });
        return out;
    }

    private void record(Batch<K> batch, Map<K, NodeOutcome> visited) {
        for (K node : batch.nodes()) {
            NodeOutcome o = visited.get(node);
            decide(node, o != null ? o : new NodeOutcome(NodeState.FAILED, "no outcome was reported for it"));
        }
    }

    private void unpend(K node) {
        if (pending.remove(node)) {
            pendingInLane.merge(dag.lane(node), -1, Integer::sum);
        }
    }

    private void decide(K node, NodeOutcome outcome) {
        unpend(node);
        outcomes.put(node, outcome);
        listener.finished(node, outcome);
    }

    private static NodeOutcome interrupted() {
        return new NodeOutcome(NodeState.INTERRUPTED, "not started: the run was interrupted");
    }

    private Map<K, NodeOutcome> result() {
        Map<K, NodeOutcome> out = new LinkedHashMap<>();
        dag.order().forEach(k -> out.put(k, outcomes.get(k)));
        return out;
    }
}
