package dev.converge.graph;

import dev.converge.bind.ResourceInstance;
import dev.converge.bind.ResourceInstance.NodeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jgrapht.Graph;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.AsUnmodifiableGraph;
import org.jgrapht.traverse.TopologicalOrderIterator;

/**
 * The validated, acyclic graph of (host, resource) nodes. Ties in the topological order are
 * broken by written order, so runs are deterministic.
 */
public final class ResourceGraph implements Walker.Dag<NodeKey> {
    private final Graph<NodeKey, DependencyEdge> graph;
    private final Map<NodeKey, ResourceInstance> instances;
    private final List<NodeKey> order;

    ResourceGraph(Graph<NodeKey, DependencyEdge> graph, Map<NodeKey, ResourceInstance> instances) {
        this.graph = new AsUnmodifiableGraph<>(graph);
        this.instances = Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        Comparator<NodeKey> written = Comparator.comparingInt(
                        (NodeKey k) -> instances.get(k).spec().order())
                .thenComparing(k -> k);
        List<NodeKey> sorted = new ArrayList<>();
        new TopologicalOrderIterator<>(graph, written).forEachRemaining(sorted::add);
        this.order = List.copyOf(sorted);
    }

    public Graph<NodeKey, DependencyEdge> graph() {
        return graph;
    }

    public ResourceInstance instance(NodeKey key) {
        return instances.get(key);
    }

    /** Every node, dependencies first, ties in written order. */
    @Override
    public List<NodeKey> order() {
        return order;
    }

    /** The hosts that have at least one node, in first-seen order. */
    public List<String> hosts() {
        return order.stream().map(NodeKey::host).distinct().sorted().toList();
    }

    /** A host's nodes in topological order. */
    public List<NodeKey> nodesOf(String host) {
        return order.stream().filter(k -> k.host().equals(host)).toList();
    }

    @Override
    public Set<NodeKey> predecessors(NodeKey key) {
        return graph.incomingEdgesOf(key).stream().map(graph::getEdgeSource).collect(Collectors.toSet());
    }

    /** The predecessors reached through notify edges (for a handler: who notifies it). */
    public Set<NodeKey> notifiers(NodeKey key) {
        return graph.incomingEdgesOf(key).stream()
                .filter(e -> e.kind() == DependencyEdge.Kind.NOTIFY)
                .map(graph::getEdgeSource)
                .collect(Collectors.toSet());
    }

    /** The handlers {@code key} notifies (the successors reached through notify edges that are handlers). */
    public Set<NodeKey> notifiedHandlers(NodeKey key) {
        return graph.outgoingEdgesOf(key).stream()
                .filter(e -> e.kind() == DependencyEdge.Kind.NOTIFY)
                .map(graph::getEdgeTarget)
                .filter(k -> instances.get(k).spec().handler())
                .collect(Collectors.toSet());
    }

    /** A handler's notifiers; nothing for any other resource. */
    @Override
    public Set<NodeKey> triggers(NodeKey key) {
        return instances.get(key).spec().handler() ? notifiers(key) : Set.of();
    }

    /** A node's host: each host runs one batch at a time. */
    @Override
    public String lane(NodeKey key) {
        return key.host();
    }

    /** The subgraph of {@code keep}: its nodes and the edges between them. */
    public ResourceGraph restrictedTo(Set<NodeKey> keep) {
        Map<NodeKey, ResourceInstance> kept = new LinkedHashMap<>();
        instances.forEach((k, v) -> {
            if (keep.contains(k)) {
                kept.put(k, v);
            }
        });
        return new ResourceGraph(new AsSubgraph<>(graph, kept.keySet()), kept);
    }

    public int size() {
        return order.size();
    }
}
