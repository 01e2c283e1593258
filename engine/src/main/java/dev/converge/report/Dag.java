package dev.converge.report;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.graph.DependencyEdge;
import dev.converge.graph.ResourceGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resource graph as pictures need it: nodes grouped by host (hosts in order, nodes in graph
 * order), edges by index, and each node's layer (longest path from a source).
 *
 * @param status a node's outcome, or {@code planned} for a graph that has not run
 */
public record Dag(List<String> hosts, List<Node> nodes, List<Edge> edges) {
    public Dag {
        hosts = List.copyOf(hosts);
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public record Node(String host, String id, String module, String status) {}

    public record Edge(int from, int to, String kind) {}

    /** From a run's report: statuses are the outcomes. */
    public static Dag of(RunReport report) {
        List<String> hosts = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (HostReport host : report.hosts()) {
            hosts.add(host.host());
            for (ResourceReport r : host.resources()) {
                index.put(host.host() + "/" + r.id(), nodes.size());
                nodes.add(new Node(host.host(), r.id(), r.module(), r.status().label()));
            }
        }
        List<Edge> edges = new ArrayList<>();
        for (HostReport host : report.hosts()) {
            for (ResourceReport r : host.resources()) {
                int to = index.get(host.host() + "/" + r.id());
                for (ResourceReport.Dependency d : r.dependsOn()) {
                    Integer from = index.get(d.host() + "/" + d.id());
                    if (from != null) {
                        edges.add(new Edge(from, to, d.kind()));
                    }
                }
            }
        }
        return new Dag(hosts, nodes, edges);
    }

    /** From a compiled graph, before anything runs: every status is {@code planned}. */
    public static Dag of(ResourceGraph graph, List<String> hostOrder) {
        List<String> hosts = new ArrayList<>(
                hostOrder.stream().filter(graph.hosts()::contains).toList());
        graph.hosts().stream()
                .filter(h -> !hosts.contains(h))
                .forEach(hosts::add); // the implicit localhost is in no inventory order
        List<Node> nodes = new ArrayList<>();
        Map<NodeKey, Integer> index = new HashMap<>();
        for (String host : hosts) {
            for (NodeKey key : graph.nodesOf(host)) {
                index.put(key, nodes.size());
                nodes.add(new Node(host, key.id(), graph.instance(key).spec().module(), "planned"));
            }
        }
        List<Edge> edges = new ArrayList<>();
        var g = graph.graph();
        for (String host : hosts) {
            for (NodeKey key : graph.nodesOf(host)) {
                g.incomingEdgesOf(key).stream()
                        .sorted(Comparator.comparingInt((DependencyEdge e) -> index.get(g.getEdgeSource(e))))
                        .forEach(e -> edges.add(new Edge(
                                index.get(g.getEdgeSource(e)),
                                index.get(key),
                                e.kind().name().toLowerCase(Locale.ROOT))));
            }
        }
        return new Dag(hosts, nodes, edges);
    }

    /** Each node's layer: 0 for sources, else one more than its deepest predecessor. */
    public int[] layers() {
        List<List<Integer>> preds = new ArrayList<>();
        nodes.forEach(n -> preds.add(new ArrayList<>()));
        edges.forEach(e -> preds.get(e.to()).add(e.from()));
        int[] layer = new int[nodes.size()];
        Arrays.fill(layer, -1);
        for (int i = 0; i < nodes.size(); i++) {
            layerOf(i, preds, layer);
        }
        return layer;
    }

    private static int layerOf(int node, List<List<Integer>> preds, int[] layer) {
        // iterative DFS: the graph is acyclic, but may be deep (long written-order chains)
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(node);
        while (!stack.isEmpty()) {
            int n = stack.peek();
            if (layer[n] >= 0) {
                stack.pop();
                continue;
            }
            boolean ready = true;
            int deepest = -1;
            for (int p : preds.get(n)) {
                if (layer[p] < 0) {
                    stack.push(p);
                    ready = false;
                } else {
                    deepest = Math.max(deepest, layer[p]);
                }
            }
            if (ready) {
                layer[n] = deepest + 1;
                stack.pop();
            }
        }
        return layer[node];
    }
}
