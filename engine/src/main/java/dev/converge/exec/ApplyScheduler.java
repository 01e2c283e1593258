package dev.converge.exec;

import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Operation;
import dev.converge.transport.TransportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Walks the graph applying planned changes. Each host gets, in turn, one batch holding every
 * change that is ready (its dependencies done, or earlier in the same batch); hosts run in
 * parallel, bounded by the pool. A failure skips its dependents, on other hosts too, while
 * independent work finishes.
 */
public final class ApplyScheduler {
    private final ResourceGraph graph;
    private final Map<String, HostPlan> plans;
    private final Map<String, HostSession> sessions;
    private final ExecutorService pool;
    private final Listener listener;
    private final Map<NodeKey, NodeOutcome> outcomes = new LinkedHashMap<>();
    private final Map<NodeKey, PlannedResource> planned = new HashMap<>();
    private final Set<NodeKey> pending = new HashSet<>();
    private final Set<String> busy = new HashSet<>();
    private BooleanSupplier stop = () -> false;

    public ApplyScheduler(ResourceGraph graph, Map<String, HostPlan> plans, Map<String, HostSession> sessions,
            ExecutorService pool, Listener listener) {
        this.graph = graph;
        this.plans = plans;
        this.sessions = sessions;
        this.pool = pool;
        this.listener = listener;
    }

    /** Told, on the scheduling thread, when a batch is sent and when each node reaches its outcome. */
    public interface Listener {
        default void batchStarted(String host, List<NodeKey> nodes) {}

        void finished(NodeKey key, NodeOutcome outcome);
    }

    /** When {@code stop} turns true, no new batch starts; those in flight finish; the rest is skipped. */
    public ApplyScheduler stopWhen(BooleanSupplier value) {
        this.stop = value;
        return this;
    }

    private record Batch(String host, List<NodeKey> nodes, List<ApplyStep> steps) {}

    private record Done(Batch batch, HostSession.BatchResult result, TransportException error) {}

    /** Applies everything; returns each node's outcome. Unreachable hosts' nodes are UNREACHABLE. */
    public Map<NodeKey, NodeOutcome> run() throws InterruptedException {
        for (NodeKey key : graph.order()) {
            HostPlan plan = plans.get(key.host());
            PlannedResource p = plan == null ? null : plan.byKey().get(key);
            if (p == null) {
                finish(key, new NodeOutcome(ResourceStatus.UNREACHABLE, "host unreachable"));
            } else if (p.willChange()) {
                planned.put(key, p);
                pending.add(key);
            } else {
                finish(key, new NodeOutcome(p.status(), p.reason()));
            }
        }
        CompletionService<Done> completion = new ExecutorCompletionService<>(pool);
        int running = 0;
        while (true) {
            skipBlocked();
            for (Batch batch : stop.getAsBoolean() ? List.<Batch>of() : readyBatches()) {
                busy.add(batch.host());
                listener.batchStarted(batch.host(), batch.nodes());
                completion.submit(() -> execute(batch));
                running++;
            }
            if (running == 0) {
                break;
            }
            Done done;
            try {
                done = completion.take().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("apply worker failed", e.getCause());
            }
            running--;
            busy.remove(done.batch().host());
            record(done);
        }
        for (NodeKey key : graph.order()) {
            if (pending.remove(key)) {
                finish(key, new NodeOutcome(ResourceStatus.SKIPPED, "not started: the run was interrupted"));
            }
        }
        return outcomes;
    }

    private Done execute(Batch batch) {
        try {
            long t = dev.converge.diag.Trace.start();
            HostSession.BatchResult r = sessions.get(batch.host()).apply(batch.steps());
            dev.converge.diag.Trace.end("apply exec", t);
            return new Done(batch, r, null);
        } catch (TransportException e) {
            return new Done(batch, null, e);
        }
    }

    private List<Batch> readyBatches() {
        Map<String, List<NodeKey>> byHost = new LinkedHashMap<>();
        for (NodeKey key : graph.order()) {
            if (!pending.contains(key) || busy.contains(key.host())) {
                continue;
            }
            List<NodeKey> batch = byHost.computeIfAbsent(key.host(), h -> new ArrayList<>());
            boolean ready = isHandler(key)
                    ? graph.predecessors(key).stream().allMatch(p -> outcomes.containsKey(p) || batch.contains(p))
                    : graph.predecessors(key).stream().allMatch(p -> isDone(p) || batch.contains(p));
            if (ready) {
                batch.add(key);
            }
        }
        List<Batch> out = new ArrayList<>();
        byHost.forEach((host, nodes) -> {
            if (nodes.isEmpty()) {
                return;
            }
            List<ApplyStep> steps = new ArrayList<>();
            for (NodeKey key : nodes) {
                steps.add(step(key, nodes));
            }
            nodes.forEach(pending::remove);
            out.add(new Batch(host, nodes, steps));
        });
        return out;
    }

    /**
     * A resource needs every dependency in the batch to succeed. A handler runs after all of its
     * play's resources, whatever their outcome, when at least one notifier changed: unconditionally
     * if one already did in an earlier batch, else if one of this batch's notifiers succeeds.
     */
    private ApplyStep step(NodeKey key, List<NodeKey> nodes) {
        List<Operation> operations = planned.get(key).change().operations();
        if (!isHandler(key)) {
            List<Integer> deps = graph.predecessors(key).stream().filter(nodes::contains).map(nodes::indexOf).sorted().toList();
            return new ApplyStep(key, operations, deps);
        }
        boolean alreadyNotified = graph.notifiers(key).stream().anyMatch(this::changed);
        List<Integer> notifiers = alreadyNotified ? List.of()
                : graph.notifiers(key).stream().filter(nodes::contains).map(nodes::indexOf).sorted().toList();
        return new ApplyStep(key, operations, List.of(), notifiers);
    }

    private boolean isHandler(NodeKey key) {
        return graph.instance(key).spec().handler();
    }

    private boolean changed(NodeKey key) {
        NodeOutcome o = outcomes.get(key);
        return o != null && o.status() == ResourceStatus.CHANGED;
    }

    private boolean isDone(NodeKey key) {
        NodeOutcome o = outcomes.get(key);
        return o != null && (o.status() == ResourceStatus.OK || o.status() == ResourceStatus.CHANGED
                || (o.status() == ResourceStatus.SKIPPED && !o.message().startsWith("depends on")));
    }

    private boolean isBroken(NodeKey key) {
        NodeOutcome o = outcomes.get(key);
        return o != null && !isDone(key);
    }

    /** Pending nodes whose dependency failed (anywhere) are skipped, transitively. */
    private void skipBlocked() {
        boolean again = true;
        while (again) {
            again = false;
            for (NodeKey key : graph.order()) {
                if (!pending.contains(key)) {
                    continue;
                }
                if (isHandler(key)) {
                    if (graph.notifiers(key).stream().allMatch(outcomes::containsKey) && graph.notifiers(key).stream().noneMatch(this::changed)) {
                        pending.remove(key);
                        finish(key, new NodeOutcome(ResourceStatus.SKIPPED, "depends on its notifiers, none of which changed"));
                        again = true;
                    }
                    continue;
                }
                NodeKey broken = graph.predecessors(key).stream().filter(this::isBroken).sorted().findFirst().orElse(null);
                if (broken != null) {
                    pending.remove(key);
                    finish(key, new NodeOutcome(ResourceStatus.SKIPPED, "depends on failed " + broken));
                    again = true;
                }
            }
        }
    }

    private void record(Done done) {
        List<NodeKey> nodes = done.batch().nodes();
        if (done.error() != null) {
            String why = done.error().kind() == TransportException.Kind.TIMEOUT
                    ? "the apply batch was stopped at the command timeout (its steps may or may not have run; the next run re-reads the host): "
                    : "connection failed during apply (a batch that reached the host runs to its end there; the next run re-reads the host): ";
            nodes.forEach(k -> finish(k, new NodeOutcome(ResourceStatus.FAILED, why + done.error().getMessage())));
            return;
        }
        if (done.result().locked() != null) {
            nodes.forEach(k -> finish(k, new NodeOutcome(ResourceStatus.FAILED, done.result().locked())));
            return;
        }
        Map<Integer, StepResult> steps = done.result().steps();
        for (int i = 0; i < nodes.size(); i++) {
            int effective = done.result().mergedInto().getOrDefault(i, i);
            StepResult own = steps.get(i);
            StepResult merged = steps.get(effective);
            finish(nodes.get(i), despiteFailures(nodes.get(i), outcome(own, merged, done.result().stderr())));
        }
    }

    /** A handler that ran although a resource of its play failed says so (in the recap too). */
    private NodeOutcome despiteFailures(NodeKey key, NodeOutcome outcome) {
        if (!isHandler(key) || outcome.status() != ResourceStatus.CHANGED) {
            return outcome;
        }
        return graph.predecessors(key).stream().filter(this::isBroken).sorted().findFirst()
                .map(failed -> new NodeOutcome(ResourceStatus.CHANGED, "ran for the changes already made, although " + failed + " did not succeed"))
                .orElse(outcome);
    }

    private static NodeOutcome outcome(StepResult own, StepResult merged, String scriptStderr) {
        if (own == null || merged == null) {
            return new NodeOutcome(ResourceStatus.FAILED, "the apply script stopped before this step" + tail(scriptStderr));
        }
        if (own.skipped()) {
            return new NodeOutcome(ResourceStatus.SKIPPED, "depends on a step of this batch that failed");
        }
        if (own.exitCode() == ApplyScript.STEP_TIMED_OUT && own.stderr().contains("converge: stopped after its timeout")) {
            return new NodeOutcome(ResourceStatus.FAILED, "timed out: stopped on the host after its step timeout" + tail(own.stderr()));
        }
        if (!own.succeeded()) {
            return new NodeOutcome(ResourceStatus.FAILED, "exit " + own.exitCode() + tail(own.stderr().isBlank() ? own.stdout() : own.stderr()));
        }
        if (!merged.succeeded()) {
            return new NodeOutcome(ResourceStatus.FAILED, "its file was written together with a later step, which failed" + tail(merged.stderr()));
        }
        return new NodeOutcome(ResourceStatus.CHANGED, "");
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        String[] lines = t.split("\n");
        return ": " + String.join(" | ", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }

    private void finish(NodeKey key, NodeOutcome outcome) {
        outcomes.put(key, outcome);
        listener.finished(key, outcome);
    }
}
