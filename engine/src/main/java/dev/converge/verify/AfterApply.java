package dev.converge.verify;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.exec.ApplyScheduler;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.Planner;
import dev.converge.report.Reporter;
import dev.converge.spi.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What follows the apply: verify ({@link Idempotence}), on the facts the apply read back at its end (a host whose read
 * back is missing is read once more), that each applied resource plans no change (else its module
 * is not idempotent); then the DEFERRED resources (live checks, and what waits for them) are
 * planned on those facts and applied, their hosts read back at the end of that batch and verified.
 */
public final class AfterApply {
    private final ResourceGraph graph;
    private final HostReads hosts;
    private final Planner planner;
    private final ExecutorService pool;
    private final ApplyScheduler.Listener progress;
    private final BooleanSupplier stop;
    private final Idempotence idempotence;

    public AfterApply(
            ResourceGraph graph,
            HostReads hosts,
            Planner planner,
            ExecutorService pool,
            Reporter reporter,
            ApplyScheduler.Listener progress,
            BooleanSupplier stop) {
        this.graph = graph;
        this.hosts = hosts;
        this.planner = planner;
        this.pool = pool;
        this.progress = progress;
        this.stop = stop;
        this.idempotence = new Idempotence(hosts.sessions(), reporter);
    }

    /** The plans and outcomes of the whole run, and the idempotence problems found. */
    public record Result(Map<String, HostPlan> plans, Map<NodeKey, NodeOutcome> outcomes, List<String> notIdempotent) {}

    /** The resources the first apply left for after it. */
    public static Set<NodeKey> deferred(Map<String, HostPlan> plans) {
        Set<NodeKey> out = new LinkedHashSet<>();
        plans.values()
                .forEach(p -> p.resources().stream()
                        .filter(PlannedResource::deferred)
                        .map(PlannedResource::key)
                        .forEach(out::add));
        return out;
    }

    public Result run(Map<String, HostPlan> plans, Map<NodeKey, NodeOutcome> outcomes) throws InterruptedException {
        Set<NodeKey> deferred = deferred(plans);
        List<String> changed = changedHosts(outcomes.keySet(), outcomes);
        if (changed.isEmpty() && deferred.isEmpty()) {
            return new Result(plans, outcomes, List.of());
        }
        Map<String, HostPlan> fresh = hosts.planAll(toRead(changed, deferred), planner, pool, Planner.Deferral.NONE);
        idempotence.check(changed, fresh, plans, outcomes, outcomes.keySet());
        if (deferred.isEmpty() || stop.getAsBoolean()) {
            return new Result(plans, outcomes, idempotence.problems());
        }
        Set<NodeKey> second = new LinkedHashSet<>(deferred);
        fresh.values()
                .forEach(p -> p.resources().stream()
                        .filter(r -> r.willChange()
                                && !graph.triggers(r.key()).isEmpty()
                                && graph.triggers(r.key()).stream().anyMatch(deferred::contains))
                        .forEach(r -> second.add(r.key())));
        Map<String, HostPlan> secondPlans = pinnedExcept(second, fresh, outcomes);
        ApplyScheduler scheduler = new ApplyScheduler(
                        graph, secondPlans, hosts.sessions(), pool, told(progress, second::contains))
                .stopWhen(stop)
                .readingBack(planner::factsOf);
        Map<NodeKey, NodeOutcome> secondOutcomes = scheduler.run();
        hosts.remember(scheduler.readBack());
        Map<String, HostPlan> allPlans = merge(plans, secondPlans, second);
        Map<NodeKey, NodeOutcome> allOutcomes = new LinkedHashMap<>(outcomes);
        second.forEach(k -> allOutcomes.put(k, secondOutcomes.get(k)));
        List<String> changedAgain = changedHosts(second, secondOutcomes);
        if (!changedAgain.isEmpty() && !stop.getAsBoolean()) {
            idempotence.check(
                    changedAgain,
                    hosts.planAll(unread(changedAgain), planner, pool, Planner.Deferral.NONE),
                    allPlans,
                    secondOutcomes,
                    second);
        }
        return new Result(allPlans, allOutcomes, idempotence.problems());
    }

    /**
     * The hosts to read before the deferred resources are planned: those among {@code changed}
     * whose last apply could not read them back, and, when something changed, each host holding a
     * deferred resource that changed nothing itself: its only read is from before the run, and a
     * peer's change may be what its live check reads (a migration moves the instance onto it).
     */
    private List<String> toRead(List<String> changed, Set<NodeKey> deferred) {
        List<String> out = new ArrayList<>(unread(changed));
        if (!changed.isEmpty()) {
            deferred.stream()
                    .map(NodeKey::host)
                    .distinct()
                    .filter(h -> hosts.sessions().containsKey(h) && !changed.contains(h) && !out.contains(h))
                    .forEach(out::add);
        }
        return out;
    }

    /** The hosts among {@code changed} whose last apply could not read them back. */
    private List<String> unread(List<String> changed) {
        return changed.stream()
                .filter(h -> hosts.sessions().get(h).appliedSinceRead())
                .toList();
    }

    private List<String> changedHosts(Set<NodeKey> among, Map<NodeKey, NodeOutcome> outcomes) {
        return graph.hosts().stream()
                .filter(h -> hosts.sessions().containsKey(h))
                .filter(h -> graph.nodesOf(h).stream()
                        .anyMatch(k -> among.contains(k) && outcomes.get(k).state() == NodeState.CHANGED))
                .toList();
    }

    /**
     * The fresh plans of {@code keys}; every other resource pinned to its first outcome, with
     * nothing to do (one that changed counts as done, so no batch is sent for it again).
     */
    private static Map<String, HostPlan> pinnedExcept(
            Set<NodeKey> keys, Map<String, HostPlan> fresh, Map<NodeKey, NodeOutcome> outcomes) {
        Map<String, HostPlan> out = new LinkedHashMap<>();
        fresh.forEach((host, plan) -> out.put(
                host,
                new HostPlan(
                        host,
                        plan.resources().stream()
                                .map(r -> keys.contains(r.key()) ? r : pinned(r, outcomes.get(r.key())))
                                .toList())));
        return out;
    }

    private static PlannedResource pinned(PlannedResource fresh, NodeOutcome first) {
        NodeState state = first.state() == NodeState.CHANGED ? NodeState.DONE : first.state();
        return new PlannedResource(fresh.key(), fresh.module(), state, Change.none(), List.of(), first.message());
    }

    /** The first plans, with {@code keys} replaced by their second plans. */
    private static Map<String, HostPlan> merge(
            Map<String, HostPlan> first, Map<String, HostPlan> second, Set<NodeKey> keys) {
        Map<String, HostPlan> out = new LinkedHashMap<>();
        first.forEach((host, plan) -> {
            Map<NodeKey, PlannedResource> again =
                    second.containsKey(host) ? second.get(host).byKey() : Map.of();
            out.put(
                    host,
                    new HostPlan(
                            host,
                            plan.resources().stream()
                                    .map(r -> keys.contains(r.key()) && again.containsKey(r.key())
                                            ? again.get(r.key())
                                            : r)
                                    .toList()));
        });
        return out;
    }

    /** The progress listener, not told about {@code keys} (they finish in the second pass). */
    public static ApplyScheduler.Listener except(Set<NodeKey> keys, ApplyScheduler.Listener progress) {
        return told(progress, key -> !keys.contains(key));
    }

    private static ApplyScheduler.Listener told(ApplyScheduler.Listener progress, Predicate<NodeKey> about) {
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
