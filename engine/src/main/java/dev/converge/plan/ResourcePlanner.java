package dev.converge.plan;

import dev.converge.bind.ModelRenderer;
import dev.converge.bind.ResourceInstance;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.config.Templating;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.gather.GatherResult;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.UndeclaredFactException;
import dev.converge.spi.UnreadableFactException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plans one resource at a time, in graph order, on its host's predicted state, which each plan
 * then updates (the files it writes, the command outputs its change predicts).
 */
final class ResourcePlanner {
    private final ResourceGraph graph;
    private final Templating templating;
    private final Map<String, GatherResult> gathered;
    private final boolean deferLiveChecks;
    private final boolean dryRun;
    private final Map<String, VirtualFiles> predicted = new LinkedHashMap<>();
    private final Map<NodeKey, PlannedResource> planned = new HashMap<>();
    /** The first resource planned to change on each host. */
    private final Map<String, NodeKey> firstChange = new HashMap<>();

    ResourcePlanner(
            ResourceGraph graph,
            Templating templating,
            Map<String, GatherResult> gathered,
            boolean deferLiveChecks,
            boolean dryRun) {
        this.graph = graph;
        this.templating = templating;
        this.gathered = gathered;
        this.deferLiveChecks = deferLiveChecks;
        this.dryRun = dryRun;
        gathered.forEach((host, facts) -> predicted.put(host, new VirtualFiles(facts)));
    }

    /** The plan made for {@code key}, if it was visited. */
    Optional<PlannedResource> planned(NodeKey key) {
        return Optional.ofNullable(planned.get(key));
    }

    PlannedResource plan(NodeKey key) {
        ResourceInstance instance = graph.instance(key);
        PlannedResource p = deferred(instance, planOn(instance));
        planned.put(key, p);
        if (p.willChange()) {
            firstChange.putIfAbsent(key.host(), key);
        }
        return p;
    }

    private PlannedResource planOn(ResourceInstance instance) {
        NodeKey key = instance.key();
        String module = instance.spec().module();
        Map<String, Object> model = new LinkedHashMap<>(instance.model());
        Map<String, Object> facts =
                new LinkedHashMap<>(gathered.get(instance.host()).hostFacts());
        Set<String> stats = StatConditions.resolve(instance.spec().when(), instance.model(), templating)
                .paths();
        if (!stats.isEmpty()) {
            try {
                facts.put(
                        "stat",
                        StatConditions.stats(
                                stats, predicted.get(instance.host())::get)); // as planned so far, else as read
            } catch (UnreadableFactException e) {
                return PlannedResource.failed(key, module, "when: " + e.getMessage());
            }
        }
        model.put("facts", facts);
        if (instance.spec().when() != null) {
            Problems problems = new Problems();
            boolean holds = templating.condition(instance.spec().when(), model, problems);
            if (!problems.isEmpty()) {
                return PlannedResource.failed(
                        key,
                        module,
                        problems.list().stream().map(Problem::render).collect(Collectors.joining("; ")));
            }
            if (!holds) {
                return new PlannedResource(
                        key, module, NodeState.SKIPPED_CONDITION, Change.none(), List.of(), "condition is false");
            }
        }
        try {
            return planned(instance, model);
        } catch (UnreadableFactException e) {
            return PlannedResource.failed(key, module, e.getMessage());
        }
    }

    /** @throws UnreadableFactException when a fact it reads, or a file it writes, could not be read */
    private PlannedResource planned(ResourceInstance instance, Map<String, Object> model) {
        NodeKey key = instance.key();
        String module = instance.spec().module();
        VirtualFiles files = predicted.get(instance.host());
        Change change;
        try {
            change = planWith(
                    instance,
                    new Context(
                            instance.host(),
                            new HostFactView(declared(instance, templating), files),
                            ModelRenderer.of(templating, model, instance),
                            peers(instance),
                            gathered.get(instance.host()).hostFacts(),
                            dryRun));
        } catch (UnreadableFactException e) {
            throw e;
        } catch (UndeclaredFactException e) {
            return PlannedResource.failed(key, module, "bug in module '" + module + "': " + e.getMessage());
        } catch (PlanFailure | TemplateRenderer.TemplateProblem e) {
            return PlannedResource.failed(key, module, e.getMessage());
        } catch (RuntimeException e) {
            return PlannedResource.failed(key, module, "module '" + module + "' failed to plan: " + e);
        }
        if (!change.changed()) {
            return new PlannedResource(key, module, NodeState.DONE, change, List.of(), "");
        }
        List<FileDiff> diffs = new ArrayList<>();
        for (Operation op : change.operations()) {
            if (op instanceof Operation.WriteFile w) {
                FileInfo before = files.get(w.path());
                String diff = Diffs.unified(
                        w.path(), before == null || !before.exists() ? null : before.content(), w.content());
                if (!diff.isEmpty()) {
                    diffs.add(new FileDiff(w.path(), diff));
                }
            }
            files.apply(op);
        }
        change.predicted().forEach(files::predict);
        return new PlannedResource(key, module, NodeState.CHANGED, change, diffs, "");
    }

    /**
     * The plan, or DEFERRED: for a module that checks live state, when it plans no operation and a
     * change is planned before it on its host or a peer's (prediction is not what it is there for).
     */
    private PlannedResource deferred(ResourceInstance instance, PlannedResource p) {
        boolean check = p.state() == NodeState.DONE || p.state() == NodeState.FAILED;
        if (!deferLiveChecks || !check || !checksLiveState(instance)) {
            return p;
        }
        List<String> hosts = new ArrayList<>(List.of(instance.host()));
        hosts.addAll(peerHosts(instance));
        for (String host : hosts) {
            NodeKey change = firstChange.get(host);
            if (change != null) {
                return new PlannedResource(
                        p.key(),
                        p.module(),
                        NodeState.DEFERRED,
                        Change.none(),
                        List.of(),
                        "re-checked after the apply: it checks live state, and the changes before it (from "
                                + change.id() + Planner.peerNote(instance, host) + " on) may change what it reads");
            }
        }
        return p;
    }

    private record Context(
            String host,
            FactView facts,
            TemplateRenderer templates,
            Map<String, FactView> peers,
            Map<String, String> hostFacts,
            boolean dryRun)
            implements PlanContext {}

    /** The same resource's declared facts on the other reachable hosts, as predicted so far there. */
    private Map<String, FactView> peers(ResourceInstance instance) {
        Map<String, FactView> peers = new TreeMap<>();
        for (String host : peerHosts(instance)) {
            ResourceInstance peer = graph.instance(new NodeKey(host, instance.id()));
            peers.put(host, new HostFactView(declared(peer, templating), predicted.get(host)));
        }
        return peers;
    }

    /** The other reachable hosts where the same resource (same spec) is planned. */
    private List<String> peerHosts(ResourceInstance instance) {
        List<String> hosts = new ArrayList<>();
        for (String host : gathered.keySet()) {
            ResourceInstance peer =
                    host.equals(instance.host()) ? null : graph.instance(new NodeKey(host, instance.id()));
            if (peer != null && peer.spec() == instance.spec()) {
                hosts.add(host);
            }
        }
        return hosts;
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> Change planWith(ResourceInstance instance, PlanContext context) {
        return ((Module<P>) instance.module()).plan((P) instance.params(), context);
    }

    @SuppressWarnings("unchecked")
    static <P extends Record> Set<Fact> declared(ResourceInstance instance, Templating templating) {
        return ((Module<P>) instance.module())
                .facts((P) instance.params(), ModelRenderer.of(templating, instance.model(), instance));
    }

    @SuppressWarnings("unchecked")
    private static <P extends Record> boolean checksLiveState(ResourceInstance instance) {
        return ((Module<P>) instance.module()).checksLiveState((P) instance.params());
    }
}
