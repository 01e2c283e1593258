package dev.converge.plan;

import dev.converge.bind.ResourceInstance;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.config.Templating;
import dev.converge.gather.GatherResult;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.graph.Walker;
import dev.converge.spi.Fact;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Plans every host: a pure walk ({@link Walker#inOrder}) over the whole graph, each host with its
 * predicted state ({@link VirtualFiles}: the gathered facts with the planned changes laid over
 * them), so edits of one file compose into one honest final diff and a resource plans on what
 * the resources before it will have made of the host. A resource can see its peers' facts on the
 * other hosts (for cross-host checks).
 *
 * <p>Only a module that checks live state ({@link dev.converge.spi.Module#checksLiveState}) is
 * not judged on prediction when a change is planned before it on its host or its peers': it is
 * {@link NodeState#DEFERRED}, and planned again on what is read after those changes are applied.
 */
public final class Planner {
    private final ResourceGraph graph;
    private final Templating templating;

    public Planner(ResourceGraph graph, Templating templating) {
        this.graph = graph;
        this.templating = templating;
    }

    /** Every fact the host's resources declare, in graph order without repeats. */
    public List<Fact> factsOf(String host) {
        Set<Fact> facts = new LinkedHashSet<>();
        for (NodeKey key : graph.nodesOf(host)) {
            var instance = graph.instance(key);
            facts.addAll(ResourcePlanner.declared(instance, templating));
            StatConditions.resolve(instance.spec().when(), instance.model(), templating)
                    .paths()
                    .forEach(
                            path -> facts.add(new Fact.FileRead(path))); // facts.stat in when:, read in the same gather
        }
        return List.copyOf(facts);
    }

    /** Which resources wait for the facts read after the apply instead of being judged on prediction. */
    public enum Deferral {
        /** None: the facts are fresh (read after an apply). */
        NONE,
        /** The live checks only; what depends on them is planned as if they held (a dry run shows it). */
        CHECKS,
        /** The live checks and everything that depends on them (a real run applies those afterwards). */
        CHECKS_AND_DEPENDENTS
    }

    /** Plans the hosts whose facts were gathered; the others' nodes are UNREACHABLE and block their dependents. */
    public Map<String, HostPlan> planAll(Map<String, GatherResult> gathered, Deferral deferral) {
        Map<NodeKey, NodeOutcome> unreachable = new HashMap<>();
        graph.order().stream()
                .filter(k -> !gathered.containsKey(k.host()))
                .forEach(k -> unreachable.put(k, new NodeOutcome(NodeState.UNREACHABLE, "host unreachable")));
        ResourcePlanner one = new ResourcePlanner(
                graph, templating, gathered, deferral != Deferral.NONE, deferral == Deferral.CHECKS);
        Walker<NodeKey> walker = new Walker<>(
                        graph,
                        deferral == Deferral.CHECKS_AND_DEPENDENTS
                                ? Walker.Deferral.HOLDS_DEPENDENTS
                                : Walker.Deferral.LETS_DEPENDENTS_GO,
                        unreachable)
                .notifiedBefore(pendingHandlers(gathered)::contains);
        Map<NodeKey, NodeOutcome> outcomes;
        try {
            outcomes = walker.inOrder(batch -> {
                NodeKey key = batch.nodes().get(0);
                return Map.of(key, one.plan(key).outcome());
            });
        } catch (InterruptedException e) {
            throw new IllegalStateException("planning is pure and never waits", e);
        }
        Map<String, HostPlan> plans = new TreeMap<>();
        for (String host : gathered.keySet()) {
            plans.put(
                    host,
                    new HostPlan(
                            host,
                            graph.nodesOf(host).stream()
                                    .map(k -> one.planned(k)
                                            .orElseGet(() -> PlannedResource.without(
                                                    k, graph.instance(k).spec().module(), outcomes.get(k))))
                                    .toList()));
        }
        return plans;
    }

    /**
     * The handlers of this graph that an earlier run left pending on their hosts (notified, not yet
     * run successfully), as the hosts' facts record them: they run as if notified.
     */
    public Set<NodeKey> pendingHandlers(Map<String, GatherResult> gathered) {
        Set<NodeKey> out = new LinkedHashSet<>();
        gathered.forEach((host, facts) -> {
            Set<String> ids = facts.pendingHandlers(host);
            if (!ids.isEmpty()) {
                graph.nodesOf(host).stream()
                        .filter(k -> graph.instance(k).spec().handler() && ids.contains(k.id()))
                        .forEach(out::add);
            }
        });
        return out;
    }

    /** The plans as outcomes, every node in graph order (a dry run's result; unplanned hosts unreachable). */
    public Map<NodeKey, NodeOutcome> outcomes(Map<String, HostPlan> plans) {
        Map<NodeKey, NodeOutcome> out = new LinkedHashMap<>();
        for (NodeKey key : graph.order()) {
            HostPlan plan = plans.get(key.host());
            PlannedResource p = plan == null ? null : plan.byKey().get(key);
            out.put(key, p == null ? new NodeOutcome(NodeState.UNREACHABLE, "host unreachable") : p.outcome());
        }
        return out;
    }

    static String peerNote(ResourceInstance instance, String host) {
        return host.equals(instance.host()) ? "" : " on " + host;
    }
}
