package dev.converge.run;

import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.exec.ApplyScheduler;
import dev.converge.exec.NodeOutcome;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.Planner;
import dev.converge.plan.ResourceStatus;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.spi.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

/**
 * What follows the apply: one more read of every host that changed, on which each applied
 * resource must plan no change (else its module is not idempotent); then the resources marked
 * {@link PlannedResource#afterApply()} (checks whose command output the changes may alter, and
 * what waits for them) are planned from that read and applied, and the hosts they change are read
 * once more. Without such resources this costs no round trip beyond the verify read.
 */
final class AfterApply {
    private final ResourceGraph graph;
    private final Hosts hosts;
    private final Planner planner;
    private final ExecutorService pool;
    private final Reporter reporter;
    private final ApplyScheduler.Listener progress;
    private final BooleanSupplier stop;
    private final List<String> notIdempotent = new ArrayList<>();

    AfterApply(ResourceGraph graph, Hosts hosts, Planner planner, ExecutorService pool, Reporter reporter,
            ApplyScheduler.Listener progress, BooleanSupplier stop) {
        this.graph = graph;
        this.hosts = hosts;
        this.planner = planner;
        this.pool = pool;
        this.reporter = reporter;
        this.progress = progress;
        this.stop = stop;
    }

    /** The plans and outcomes of the whole run, and the idempotence problems found. */
    record Result(Map<String, HostPlan> plans, Map<NodeKey, NodeOutcome> outcomes, List<String> notIdempotent) {}

    /** The resources the first apply left for after it. */
    static Set<NodeKey> waiting(Map<String, HostPlan> plans) {
        Set<NodeKey> out = new LinkedHashSet<>();
        plans.values().forEach(p -> p.resources().stream().filter(PlannedResource::afterApply).map(PlannedResource::key).forEach(out::add));
        return out;
    }

    Result run(Map<String, HostPlan> plans, Map<NodeKey, NodeOutcome> outcomes) throws InterruptedException {
        Set<NodeKey> waiting = waiting(plans);
        List<String> changed = changedHosts(outcomes.keySet(), outcomes);
        if (changed.isEmpty() && waiting.isEmpty()) {
            return new Result(plans, outcomes, List.of());
        }
        Map<String, HostPlan> fresh = hosts.planAll(changed, planner, pool, Planner.Deferral.NONE);
        checkIdempotent(changed, fresh, plans, outcomes, outcomes.keySet());
        if (waiting.isEmpty() || stop.getAsBoolean()) {
            return new Result(plans, outcomes, List.copyOf(notIdempotent));
        }
        Set<NodeKey> second = new LinkedHashSet<>(waiting);
        fresh.values().forEach(p -> p.resources().stream()
                .filter(r -> r.willChange() && graph.instance(r.key()).spec().handler()
                        && graph.notifiers(r.key()).stream().anyMatch(waiting::contains))
                .forEach(r -> second.add(r.key())));
        Map<String, HostPlan> secondPlans = pinnedExcept(second, fresh, outcomes);
        Map<NodeKey, NodeOutcome> secondOutcomes = new ApplyScheduler(graph, secondPlans, hosts.sessions(), pool, only(second))
                .stopWhen(stop).run();
        Map<String, HostPlan> allPlans = merge(plans, secondPlans, second);
        Map<NodeKey, NodeOutcome> allOutcomes = new LinkedHashMap<>(outcomes);
        second.forEach(k -> allOutcomes.put(k, secondOutcomes.get(k)));
        List<String> changedAgain = changedHosts(second, secondOutcomes);
        if (!changedAgain.isEmpty() && !stop.getAsBoolean()) {
            checkIdempotent(changedAgain, hosts.planAll(changedAgain, planner, pool, Planner.Deferral.NONE), allPlans, secondOutcomes, second);
        }
        return new Result(allPlans, allOutcomes, List.copyOf(notIdempotent));
    }

    private List<String> changedHosts(Set<NodeKey> among, Map<NodeKey, NodeOutcome> outcomes) {
        return graph.hosts().stream().filter(h -> hosts.sessions().containsKey(h))
                .filter(h -> graph.nodesOf(h).stream().anyMatch(k -> among.contains(k) && outcomes.get(k).status() == ResourceStatus.CHANGED))
                .toList();
    }

    /** Each resource in {@code applied} that changed and converges must plan no change now. */
    private void checkIdempotent(List<String> read, Map<String, HostPlan> now, Map<String, HostPlan> before,
            Map<NodeKey, NodeOutcome> outcomes, Set<NodeKey> applied) {
        for (String host : read) {
            HostPlan plan = now.get(host);
            if (plan == null) {
                continue;
            }
            String other = hosts.sessions().get(host).otherRunSinceApply();
            if (other != null) {
                reporter.on(new RunEvent.Warning(host + ": another converge run (" + other + ") applied changes after ours;"
                        + " what it changed is not checked as ours"));
                continue;
            }
            Map<NodeKey, PlannedResource> planned = before.get(host).byKey();
            for (PlannedResource p : plan.resources()) {
                PlannedResource first = planned.get(p.key());
                boolean wasApplied = applied.contains(p.key()) && outcomes.get(p.key()).status() == ResourceStatus.CHANGED
                        && first.change().converges();
                if (wasApplied && p.willChange()) {
                    notIdempotent.add("module '" + p.module() + "' is not idempotent: resource " + p.key().id() + " on " + host
                            + " still plans a change after apply: " + p.change().operations());
                }
            }
        }
    }

    /**
     * The fresh plans of {@code keys}; every other resource pinned to its first outcome, with
     * nothing to do (one that changed counts as done: OK, so no batch is sent for it again).
     */
    private static Map<String, HostPlan> pinnedExcept(Set<NodeKey> keys, Map<String, HostPlan> fresh, Map<NodeKey, NodeOutcome> outcomes) {
        Map<String, HostPlan> out = new LinkedHashMap<>();
        fresh.forEach((host, plan) -> out.put(host, new HostPlan(host, plan.resources().stream()
                .map(r -> keys.contains(r.key()) ? r : pinned(r, outcomes.get(r.key())))
                .toList())));
        return out;
    }

    private static PlannedResource pinned(PlannedResource fresh, NodeOutcome first) {
        ResourceStatus status = first.status() == ResourceStatus.CHANGED ? ResourceStatus.OK : first.status();
        return new PlannedResource(fresh.key(), fresh.module(), status, Change.none(), List.of(), first.message());
    }

    /** The first plans, with {@code keys} replaced by their second plans. */
    private static Map<String, HostPlan> merge(Map<String, HostPlan> first, Map<String, HostPlan> second, Set<NodeKey> keys) {
        Map<String, HostPlan> out = new LinkedHashMap<>();
        first.forEach((host, plan) -> {
            Map<NodeKey, PlannedResource> again = second.containsKey(host) ? second.get(host).byKey() : Map.of();
            out.put(host, new HostPlan(host, plan.resources().stream()
                    .map(r -> keys.contains(r.key()) && again.containsKey(r.key()) ? again.get(r.key()) : r).toList()));
        });
        return out;
    }

    /** The progress listener, told only about {@code keys}. */
    private ApplyScheduler.Listener only(Set<NodeKey> keys) {
        return told(progress, keys::contains);
    }

    /** The progress listener, not told about {@code keys} (they finish in the second pass). */
    static ApplyScheduler.Listener except(Set<NodeKey> keys, ApplyScheduler.Listener progress) {
        return told(progress, key -> !keys.contains(key));
    }

    private static ApplyScheduler.Listener told(ApplyScheduler.Listener progress, java.util.function.Predicate<NodeKey> about) {
        return new ApplyScheduler.Listener() {
            @Override
            public void batchStarted(String host, List<NodeKey> nodes) {
                progress.batchStarted(host, nodes);
            }

            @Override
            public void finished(NodeKey key, NodeOutcome outcome) {
                if (about.test(key)) {
                    progress.finished(key, outcome);
                }
            }
        };
    }
}
