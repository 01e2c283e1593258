package dev.converge.graph;

import dev.converge.bind.Binder.PlayInstances;
import dev.converge.bind.ResourceInstance;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.config.Suggest;
import dev.converge.diag.Problems;
import dev.converge.model.Playbook;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.spi.Module;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * Builds the resource graph in steps: nodes, written order per play and host, {@code after:},
 * {@code notify:} and handlers-last, same-file order; then reports every unknown reference and
 * every cycle at once.
 */
public final class GraphBuilder {
    private final Graph<NodeKey, DependencyEdge> graph = new DefaultDirectedGraph<>(DependencyEdge.class);
    private final Map<NodeKey, ResourceInstance> instances = new LinkedHashMap<>();
    private final Map<String, List<NodeKey>> nodesBySpec = new HashMap<>();
    private final Problems problems;

    private GraphBuilder(Problems problems) {
        this.problems = problems;
    }

    /** The graph, or problems (unknown references, cycles) added to {@code problems}. */
    public static ResourceGraph build(Playbook playbook, List<PlayInstances> plays, Problems problems) {
        GraphBuilder builder = new GraphBuilder(problems);
        plays.forEach(builder::addNodes);
        plays.forEach(builder::addWrittenOrder);
        builder.checkReferences(playbook, plays);
        plays.forEach(builder::addAfterEdges);
        builder.addSameFileEdges();
        builder.reportCycles();
        return problems.isEmpty() ? new ResourceGraph(builder.graph, builder.instances) : null;
    }

    private void addNodes(PlayInstances play) {
        play.byHost()
                .values()
                .forEach(list -> list.forEach(instance -> {
                    graph.addVertex(instance.key());
                    instances.put(instance.key(), instance);
                    nodesBySpec
                            .computeIfAbsent(instance.spec().id(), id -> new ArrayList<>())
                            .add(instance.key());
                }));
    }

    private void addWrittenOrder(PlayInstances play) {
        play.byHost().values().forEach(list -> {
            NodeKey previous = null;
            List<NodeKey> resources = new ArrayList<>();
            for (ResourceInstance instance : list) {
                if (instance.spec().handler()) {
                    continue;
                }
                if (previous != null) {
                    edge(previous, instance.key(), DependencyEdge.Kind.ORDER);
                }
                previous = instance.key();
                resources.add(instance.key());
            }
            for (ResourceInstance handler : list) {
                if (!handler.spec().handler()) {
                    continue;
                }
                list.stream()
                        .filter(n -> n.spec().notifies().stream()
                                .anyMatch(ref -> ref.id().equals(handler.spec().id())))
                        .forEach(n -> edge(n.key(), handler.key(), DependencyEdge.Kind.NOTIFY));
                resources.forEach(r -> edge(r, handler.key(), DependencyEdge.Kind.HANDLER));
            }
        });
    }

    private void checkReferences(Playbook playbook, List<PlayInstances> plays) {
        Set<String> ids = new LinkedHashSet<>();
        playbook.specs().forEach(s -> ids.add(s.id()));
        for (var play : playbook.plays()) {
            Set<String> handlers = new LinkedHashSet<>();
            play.handlers().forEach(h -> handlers.add(h.id()));
            for (ResourceSpec spec : play.resources()) {
                for (Ref ref : spec.notifies()) {
                    if (!handlers.contains(ref.id())) {
                        problems.add(
                                ref.at(),
                                "notify: '" + ref.id() + "' names no handler of this play",
                                handlers.isEmpty()
                                        ? "add it under the play's handlers:"
                                        : "handlers of this play: " + String.join(", ", handlers));
                    }
                }
            }
        }
        playbook.specs()
                .forEach(spec -> spec.after().forEach(ref -> {
                    if (!ids.contains(ref.id())) {
                        problems.add(
                                ref.at(),
                                "after: '" + ref.id() + "' names no resource",
                                Suggest.hint(ref.id(), ids, "ids"));
                    } else if (ref.id().equals(spec.id())) {
                        problems.add(
                                ref.at(),
                                "resource '" + spec.id() + "' cannot come after itself",
                                "remove it from after:");
                    }
                }));
    }

    private void addAfterEdges(PlayInstances play) {
        play.byHost()
                .values()
                .forEach(list -> list.forEach(instance -> {
                    for (Ref ref : instance.spec().after()) {
                        for (NodeKey before : nodesBySpec.getOrDefault(ref.id(), List.of())) {
                            if (!before.equals(instance.key())) {
                                edge(before, instance.key(), DependencyEdge.Kind.AFTER);
                            }
                        }
                    }
                }));
    }

    /** Resources on one host that edit one path run in written order, across plays too. */
    private void addSameFileEdges() {
        Map<String, NodeKey> lastByHostPath = new HashMap<>();
        instances.values().stream()
                .sorted(Comparator.comparingInt(
                        (ResourceInstance i) -> i.spec().order())) // stable: loop items keep their order
                .forEach(instance -> {
                    for (String path : paths(instance)) {
                        NodeKey previous = lastByHostPath.put(instance.host() + "\0" + path, instance.key());
                        if (previous != null && !graph.containsEdge(previous, instance.key())) {
                            edge(previous, instance.key(), DependencyEdge.Kind.SAME_FILE);
                        }
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Set<String> paths(ResourceInstance instance) {
        return ((Module<P>) instance.module()).paths((P) instance.params());
    }

    private void edge(NodeKey from, NodeKey to, DependencyEdge.Kind kind) {
        if (!graph.containsEdge(from, to)) {
            graph.addEdge(from, to, new DependencyEdge(kind));
        }
    }

    private void reportCycles() {
        Set<Set<String>> reported = new HashSet<>();
        for (Set<NodeKey> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() < 2) {
                continue;
            }
            TreeSet<String> ids = new TreeSet<>();
            component.forEach(k -> ids.add(instances.get(k).spec().id()));
            if (!reported.add(ids)) {
                continue;
            }
            List<ResourceSpec> specs = component.stream()
                    .map(k -> instances.get(k).spec())
                    .distinct()
                    .sorted(Comparator.comparingInt(ResourceSpec::order))
                    .toList();
            StringBuilder members = new StringBuilder();
            for (ResourceSpec s : specs) {
                members.append(members.length() == 0 ? "" : ", ")
                        .append(s.id())
                        .append(" (line ")
                        .append(s.at().line())
                        .append(')');
            }
            problems.add(
                    specs.get(0).at(),
                    "dependency cycle between: " + members,
                    "remove one after: (or reorder the resources) so that the cycle is broken");
        }
    }
}
