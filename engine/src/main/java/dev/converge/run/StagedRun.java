package dev.converge.run;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.graph.DependencyEdge;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.graph.Stage;
import dev.converge.model.ResourceSpec;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.report.BatchReport;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Runs the stages of a run ({@link Stage}: the batches of {@code serial:}) one after another, each
 * to completion, and stops when a batch failed beyond its play's limit: the later stages are not
 * started, their resources are reported as not run. A node that waits for one of an earlier stage
 * that did not succeed is skipped; one that did succeed there satisfies it.
 */
final class StagedRun {
    /** Runs one stage's part of the graph: gather and plan {@code hosts}, apply, verify. */
    interface StageRunner {
        /** @param stage the stage's number in the run, from 1 (1 when the run is one stage) */
        StageResult run(int stage, ResourceGraph graph, List<String> hosts) throws InterruptedException;
    }

    record StageResult(
            Map<String, HostPlan> plans,
            Map<NodeKey, NodeOutcome> outcomes,
            List<String> notIdempotent,
            boolean interrupted) {}

    /** @param batches empty when the run is one stage */
    record Result(
            Map<String, HostPlan> plans,
            Map<NodeKey, NodeOutcome> outcomes,
            List<String> notIdempotent,
            List<BatchReport> batches) {}

    private final ResourceGraph graph;
    private final List<Stage> stages;
    private final StageRunner runner;
    private final Reporter reporter;
    private final Predicate<String> unreachable;

    /** @param unreachable whether a host could not be reached (it counts as failed in every batch it is in) */
    StagedRun(
            ResourceGraph graph,
            List<Stage> stages,
            StageRunner runner,
            Reporter reporter,
            Predicate<String> unreachable) {
        this.graph = graph;
        this.stages = stages;
        this.runner = runner;
        this.reporter = reporter;
        this.unreachable = unreachable;
    }

    Result run() throws InterruptedException {
        if (stages.size() <= 1) {
            StageResult r = runner.run(1, graph, graph.hosts());
            return new Result(r.plans(), r.outcomes(), r.notIdempotent(), List.of());
        }
        Map<NodeKey, NodeOutcome> outcomes = new LinkedHashMap<>();
        Map<String, List<PlannedResource>> planned = new TreeMap<>();
        List<String> notIdempotent = new ArrayList<>();
        List<BatchReport> batches = new ArrayList<>();
        String stoppedBy = null;
        for (Stage stage : stages) {
            if (stoppedBy != null) {
                String why = "not run: " + stoppedBy;
                stage.nodes().forEach(k -> outcomes.put(k, new NodeOutcome(NodeState.INTERRUPTED, why)));
                batches.add(
                        new BatchReport(stage.number(), stage.label(), stage.hosts(), BatchReport.NOT_RUN, stoppedBy));
                continue;
            }
            reporter.on(new RunEvent.StageStarted(stage.number(), stages.size(), stage.label()));
            Map<NodeKey, NodeOutcome> blocked = blocked(stage, outcomes);
            outcomes.putAll(blocked);
            Set<NodeKey> runnable = new LinkedHashSet<>(stage.nodes());
            runnable.removeAll(blocked.keySet());
            boolean interrupted = false;
            if (!runnable.isEmpty()) {
                ResourceGraph part = graph.restrictedTo(runnable);
                StageResult r = runner.run(stage.number(), part, part.hosts());
                part.order()
                        .forEach(k -> outcomes.put(
                                k,
                                r.outcomes()
                                        .getOrDefault(k, new NodeOutcome(NodeState.UNREACHABLE, "host unreachable"))));
                r.plans()
                        .forEach((host, plan) -> planned.computeIfAbsent(host, h -> new ArrayList<>())
                                .addAll(plan.resources()));
                notIdempotent.addAll(r.notIdempotent());
                interrupted = r.interrupted();
            }
            String exceeded = interrupted ? "the run was interrupted" : exceeded(stage, outcomes);
            batches.add(new BatchReport(
                    stage.number(),
                    stage.label(),
                    stage.hosts(),
                    exceeded == null ? BatchReport.COMPLETED : BatchReport.STOPPED,
                    exceeded));
            if (exceeded != null) {
                stoppedBy = "batch " + stage.number() + " stopped the run: " + exceeded;
                if (!interrupted && stage.number() < stages.size()) {
                    reporter.on(new RunEvent.Warning(
                            stoppedBy + "; the " + (stages.size() - stage.number()) + " later batch"
                                    + (stages.size() - stage.number() == 1 ? " was" : "es were") + " not started"));
                }
            }
        }
        Map<String, HostPlan> plans = new TreeMap<>();
        planned.forEach((host, resources) -> plans.put(host, new HostPlan(host, resources)));
        return new Result(plans, outcomes, notIdempotent, batches);
    }

    /**
     * The stage's nodes that wait (through {@code after:}, written order or a shared file) for a node of
     * an earlier stage that did not succeed, and what waits for those in the stage; a handler none of whose
     * notifiers is left is not notified.
     */
    private Map<NodeKey, NodeOutcome> blocked(Stage stage, Map<NodeKey, NodeOutcome> earlier) {
        Map<NodeKey, NodeOutcome> out = new LinkedHashMap<>();
        for (NodeKey key : graph.order()) {
            if (!stage.nodes().contains(key)) {
                continue;
            }
            for (DependencyEdge edge : graph.graph().incomingEdgesOf(key)) {
                if (edge.kind() == DependencyEdge.Kind.NOTIFY || edge.kind() == DependencyEdge.Kind.HANDLER) {
                    continue;
                }
                NodeKey from = graph.graph().getEdgeSource(edge);
                NodeOutcome before = stage.nodes().contains(from) ? out.get(from) : earlier.get(from);
                if (before != null && before.state().blocksDependents()) {
                    out.put(
                            key,
                            new NodeOutcome(
                                    NodeState.SKIPPED_UPSTREAM,
                                    stage.nodes().contains(from)
                                            ? "skipped: " + from.id() + peer(from, key) + " was skipped"
                                            : "skipped: " + from.id() + peer(from, key)
                                                    + " did not succeed in an earlier batch"));
                    break;
                }
            }
            if (!out.containsKey(key) && graph.instance(key).spec().handler()) {
                Set<NodeKey> notifiers = graph.notifiers(key);
                if (!notifiers.isEmpty() && out.keySet().containsAll(notifiers)) {
                    out.put(
                            key,
                            new NodeOutcome(
                                    NodeState.SKIPPED_NOT_NOTIFIED, "not notified: its notifiers were skipped"));
                }
            }
        }
        return out;
    }

    private static String peer(NodeKey from, NodeKey to) {
        return from.host().equals(to.host()) ? "" : " on " + from.host();
    }

    /** Why the stage stops the run (a play's batch failed beyond its limit), or null. */
    private String exceeded(Stage stage, Map<NodeKey, NodeOutcome> outcomes) {
        for (Stage.Part part : stage.parts()) {
            Set<ResourceSpec> specs = Collections.newSetFromMap(new IdentityHashMap<>());
            specs.addAll(part.play().resources());
            specs.addAll(part.play().handlers());
            Set<String> failed = new LinkedHashSet<>();
            part.hosts().stream().filter(unreachable).forEach(failed::add);
            for (NodeKey key : stage.nodes()) {
                NodeOutcome o = outcomes.get(key);
                if (part.hosts().contains(key.host())
                        && specs.contains(graph.instance(key).spec())
                        && o != null
                        && (o.state() == NodeState.FAILED || o.state() == NodeState.UNREACHABLE)) {
                    failed.add(key.host());
                }
            }
            int size = part.hosts().size();
            if (part.play().rollout().aborts(failed.size(), size)) {
                List<String> named =
                        part.hosts().stream().filter(failed::contains).toList();
                return part.label() + ": " + failed.size() + " of " + size + " host" + (size == 1 ? "" : "s")
                        + " failed (" + String.join(", ", named) + "), above "
                        + part.play().rollout().limitText();
            }
        }
        return null;
    }
}
