package dev.converge.run;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.graph.DependencyEdge;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.ResourceGraph;
import dev.converge.inventory.Inventory;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.ResourceStatus;
import dev.converge.report.HostReport;
import dev.converge.report.ResourceReport;
import dev.converge.report.RunReport;
import dev.converge.secret.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Assembles the run's report from the graph, the plans and the outcomes: hosts in inventory order, nodes in graph order. */
final class ReportBuilder {
    private final ResourceGraph graph;
    private final Secrets secrets;
    private final Map<NodeKey, Integer> position = new HashMap<>();
    private Set<NodeKey> pending = Set.of();

    ReportBuilder(ResourceGraph graph, Secrets secrets) {
        this.graph = graph;
        this.secrets = secrets;
        List<NodeKey> order = graph.order();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
    }

    /** The handlers an earlier run left pending: their reports say so. */
    ReportBuilder pendingBefore(Set<NodeKey> handlers) {
        this.pending = Set.copyOf(handlers);
        return this;
    }

    RunReport build(
            RunOptions options,
            Inventory inventory,
            Map<String, HostPlan> plans,
            Map<NodeKey, NodeOutcome> outcomes,
            Hosts hosts,
            RunProgress progress) {
        List<HostReport> out = new ArrayList<>();
        List<String> graphHosts = graph.hosts();
        List<String> order = new ArrayList<>(inventory.hosts().keySet());
        graphHosts.stream()
                .filter(h -> !order.contains(h))
                .forEach(order::add); // the implicit localhost is in no inventory
        for (String host : order) {
            if (!graphHosts.contains(host)) {
                continue;
            }
            List<ResourceReport> resources = new ArrayList<>();
            HostPlan plan = plans.get(host);
            for (NodeKey key : graph.nodesOf(host)) {
                NodeOutcome outcome = outcomes.get(key);
                PlannedResource p = plan == null ? null : plan.byKey().get(key);
                String module = graph.instance(key).spec().module();
                ResourceStatus status = ResourceStatus.of(outcome.state());
                boolean changed = status == ResourceStatus.CHANGED
                        || (p != null && p.willChange() && status == ResourceStatus.FAILED);
                resources.add(new ResourceReport(
                        key.id(),
                        module,
                        status,
                        changed ? p.change().fields() : List.of(),
                        changed ? p.diffs() : List.of(),
                        p == null ? List.of() : SecretExposure.warnings(p.change(), secrets),
                        message(key, outcome),
                        dependencies(key),
                        progress.nodeMs(key),
                        source(key)));
            }
            String unreachable = hosts.unreachableReason(host);
            out.add(new HostReport(
                    host,
                    unreachable != null,
                    hosts.roundTrips(host),
                    resources,
                    unreachable == null ? "" : unreachable,
                    progress.hostMs(host)));
        }
        return new RunReport(options.playbook().toString(), options.check(), out);
    }

    /** The outcome's message; a handler pending from an earlier run says so first. */
    private String message(NodeKey key, NodeOutcome outcome) {
        if (!pending.contains(key)) {
            return outcome.message();
        }
        return PENDING + (outcome.message().isEmpty() ? "" : "; " + outcome.message());
    }

    /** How a handler left pending by an earlier run is labelled in every report. */
    static final String PENDING = "pending from an earlier run";

    /** Where the playbook declares the node's resource: {@code FILE:LINE}. */
    private String source(NodeKey key) {
        var at = graph.instance(key).spec().at();
        return at == null ? "" : at.file() + ":" + at.line();
    }

    /** The edges into {@code key}, sources in graph order. */
    List<ResourceReport.Dependency> dependencies(NodeKey key) {
        var g = graph.graph();
        return g.incomingEdgesOf(key).stream()
                .sorted(Comparator.comparingInt((DependencyEdge e) -> position.get(g.getEdgeSource(e)))
                        .thenComparing(e -> e.kind()))
                .map(e -> {
                    NodeKey from = g.getEdgeSource(e);
                    return new ResourceReport.Dependency(
                            from.host(), from.id(), e.kind().name().toLowerCase(Locale.ROOT));
                })
                .toList();
    }
}
