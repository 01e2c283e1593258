package dev.converge.graph;

import dev.converge.bind.Binder.PlayInstances;
import dev.converge.bind.ResourceInstance;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Play;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.spi.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a run into {@link Stage}s in written order: each batch of a play with {@code serial:} is
 * a stage, and the plays without it between two such plays form one. Without {@code serial:} the
 * run is one stage (every play's hosts together, ordered by the graph alone).
 *
 * <p>Checked before any host is contacted: nothing may wait for a node of a later stage (a batch
 * runs to completion before the next starts), except within one play with {@code serial:}, where an
 * {@code after:} on the play's own resource means it on the hosts of this batch and of the earlier
 * ones (the later batches have not run yet: as Ansible, a batch runs the play on its hosts alone); and a resource that compares its hosts with each
 * other ({@link Module#readsPeers}) may not be split over batches.
 */
public final class Stages {
    private Stages() {}

    public static List<Stage> of(List<PlayInstances> plays, ResourceGraph graph, Problems problems) {
        List<Stage> stages = new ArrayList<>();
        List<Stage.Part> open = null;
        Set<NodeKey> openNodes = null;
        for (PlayInstances play : plays) {
            List<String> hosts = List.copyOf(play.byHost().keySet());
            if (!play.play().rollout().serial()) {
                if (open == null) {
                    open = new ArrayList<>();
                    openNodes = new LinkedHashSet<>();
                    stages.add(null); // filled in when the next serial play (or the end) closes it
                }
                open.add(new Stage.Part(play.play(), 1, 1, hosts));
                openNodes.addAll(keys(play, hosts));
                stages.set(stages.size() - 1, new Stage(stages.size(), open, openNodes));
                continue;
            }
            open = null;
            List<List<String>> batches = play.play().rollout().batches(hosts);
            for (int i = 0; i < batches.size(); i++) {
                stages.add(new Stage(
                        stages.size() + 1,
                        List.of(new Stage.Part(play.play(), i + 1, batches.size(), batches.get(i))),
                        keys(play, batches.get(i))));
            }
            if (batches.size() > 1) {
                checkPeers(play, problems);
            }
        }
        checkEdges(stages, graph, problems);
        return stages;
    }

    private static Set<NodeKey> keys(PlayInstances play, List<String> hosts) {
        Set<NodeKey> out = new LinkedHashSet<>();
        hosts.forEach(h -> play.byHost().get(h).forEach(i -> out.add(i.key())));
        return out;
    }

    /** A dependency must be in the same stage or an earlier one. */
    private static void checkEdges(List<Stage> stages, ResourceGraph graph, Problems problems) {
        if (stages.size() < 2) {
            return;
        }
        Map<NodeKey, Stage> stageOf = new HashMap<>();
        stages.forEach(s -> s.nodes().forEach(k -> stageOf.put(k, s)));
        Map<ResourceSpec, Play> playOf = new IdentityHashMap<>();
        stages.forEach(s -> s.parts().forEach(p -> {
            p.play().resources().forEach(r -> playOf.put(r, p.play()));
            p.play().handlers().forEach(r -> playOf.put(r, p.play()));
        }));
        Set<String> seen = new HashSet<>();
        for (DependencyEdge edge : graph.graph().edgeSet()) {
            NodeKey from = graph.graph().getEdgeSource(edge);
            NodeKey to = graph.graph().getEdgeTarget(edge);
            Stage before = stageOf.get(from);
            Stage after = stageOf.get(to);
            if (before == null || after == null || before.number() <= after.number()) {
                continue;
            }
            ResourceSpec spec = graph.instance(to).spec();
            if (playOf.get(spec) != null
                    && playOf.get(spec) == playOf.get(graph.instance(from).spec())) {
                continue; // within a serial play, after: means on the hosts of this batch and the earlier ones
            }
            SourceLocation at = spec.after().stream()
                    .filter(r -> r.id().equals(from.id()))
                    .map(Ref::at)
                    .findFirst()
                    .orElse(spec.at());
            if (!seen.add(at + " " + from)) {
                continue;
            }
            problems.add(
                    at,
                    "'" + to.id() + "' on " + to.host() + " (in " + after.label() + ") waits for '" + from.id()
                            + "' on " + from.host() + ", which runs later, in " + before.label()
                            + ": a batch runs to completion before the next one starts",
                    "let the dependency run first: move '" + from.id()
                            + "' to an earlier play, or order the batches (serial: sizes,"
                            + " the hosts' order in the inventory) so that " + from.host()
                            + " comes first; or drop the after:");
        }
    }

    /** A resource that compares its hosts with each other needs all of them in one batch. */
    private static void checkPeers(PlayInstances play, Problems problems) {
        Set<ResourceSpec> reported = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<ResourceInstance> instances : play.byHost().values()) {
            for (ResourceInstance instance : instances) {
                if (instance.readsPeers() && reported.add(instance.spec())) {
                    problems.add(
                            instance.spec().moduleAt(),
                            "'" + instance.id() + "' (" + instance.spec().module()
                                    + ") compares its hosts with each other, but serial: splits play '"
                                    + play.play().name()
                                    + "' into batches that never run together",
                            "check it in a play without serial: after this one (it then reads every host once all batches are done),"
                                    + " or keep its hosts in one batch");
                }
            }
        }
    }
}
