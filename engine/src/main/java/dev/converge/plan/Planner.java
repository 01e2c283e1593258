package dev.converge.plan;

import dev.converge.config.Templating;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.engine.ResourceInstance;
import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.graph.ResourceGraph;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.UndeclaredFactException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans every host: a pure walk over the whole graph in topological order, each host with its own
 * virtual files, so edits of one file compose into one honest final diff, and a resource can see
 * its peers' facts on the other hosts (for cross-host checks). A node whose dependency failed, or
 * whose dependency's host was unreachable, is skipped.
 *
 * <p>Files are seen as planned, but a command's output is what it was before the run. So a check
 * that reads commands and changes nothing itself ({@code agree}, {@code assert}) is not judged on
 * that output when a change is planned before it on its host or on its peers' hosts: it is marked
 * {@link PlannedResource#afterApply()}, as is everything that depends on it, and planned again
 * from the facts read after those changes are applied.
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
            facts.addAll(declared(graph.instance(key)));
        }
        return List.copyOf(facts);
    }

    /** Which resources are left for after the apply instead of being judged on stale command output. */
    public enum Deferral {
        /** None: the facts are fresh (the read after an apply). */
        NONE,
        /** The checks only; what depends on them is planned as if they held (a dry run shows it). */
        CHECKS,
        /** The checks and everything that depends on them (a real run applies those afterwards). */
        CHECKS_AND_DEPENDENTS
    }

    /** Plans the hosts whose facts were gathered; the others' nodes block their dependents. */
    public Map<String, HostPlan> planAll(Map<String, GatherResult> gathered, Deferral deferral) {
        Map<String, VirtualFiles> files = new LinkedHashMap<>();
        gathered.forEach((host, facts) -> files.put(host, new VirtualFiles(facts)));
        Map<NodeKey, PlannedResource> done = new LinkedHashMap<>();
        Set<NodeKey> blocked = new HashSet<>();
        Map<String, NodeKey> firstChange = new HashMap<>();
        for (NodeKey key : graph.order()) {
            if (!gathered.containsKey(key.host())) {
                blocked.add(key);
                continue;
            }
            ResourceInstance instance = graph.instance(key);
            PlannedResource planned = planNode(instance, gathered, files, done, blocked);
            if (deferral != Deferral.NONE) {
                planned = deferIfStale(instance, planned, gathered, done, firstChange, deferral);
            }
            if (planned.status() == ResourceStatus.FAILED) {
                blocked.add(key);
            }
            if (planned.willChange()) {
                firstChange.putIfAbsent(key.host(), key);
            }
            done.put(key, planned);
        }
        Map<String, HostPlan> plans = new java.util.TreeMap<>();
        for (String host : gathered.keySet()) {
            plans.put(host, new HostPlan(host, graph.nodesOf(host).stream().map(done::get).toList()));
        }
        return plans;
    }

    private PlannedResource planNode(ResourceInstance instance, Map<String, GatherResult> all, Map<String, VirtualFiles> allFiles,
            Map<NodeKey, PlannedResource> done, Set<NodeKey> blocked) {
        GatherResult gathered = all.get(instance.host());
        VirtualFiles files = allFiles.get(instance.host());
        NodeKey key = instance.key();
        String module = instance.spec().module();
        List<NodeKey> failedBefore = graph.predecessors(key).stream().filter(blocked::contains).sorted().toList();
        if (!failedBefore.isEmpty() && !instance.spec().handler()) {
            blocked.add(key);
            return PlannedResource.skipped(key, module, "depends on failed " + failedBefore.get(0));
        }
        Map<String, Object> model = new LinkedHashMap<>(instance.model());
        model.put("facts", gathered.hostFacts());
        if (instance.spec().when() != null) {
            Problems problems = new Problems();
            boolean holds = templating.condition(instance.spec().when(), model, problems);
            if (!problems.isEmpty()) {
                return PlannedResource.failed(key, module, problems.list().stream().map(Problem::render).collect(Collectors.joining("; ")));
            }
            if (!holds) {
                return PlannedResource.skipped(key, module, "condition is false");
            }
        }
        if (instance.spec().handler()) {
            boolean notified = graph.notifiers(key).stream().map(done::get).anyMatch(p -> p != null && p.willChange());
            if (!notified) {
                return PlannedResource.skipped(key, module, "not notified");
            }
        }
        Change change;
        try {
            change = planWith(instance, new Context(instance.host(), new HostFactView(declared(instance), files, gathered),
                    new dev.converge.engine.ModelRenderer(templating, model), peers(instance, all, allFiles)));
        } catch (UndeclaredFactException e) {
            return PlannedResource.failed(key, module, "bug in module '" + module + "': " + e.getMessage());
        } catch (dev.converge.spi.PlanFailure e) {
            return PlannedResource.failed(key, module, e.getMessage());
        } catch (TemplateRenderer.TemplateProblem e) {
            return PlannedResource.failed(key, module, e.getMessage());
        } catch (RuntimeException e) {
            return PlannedResource.failed(key, module, "module '" + module + "' failed to plan: " + e);
        }
        if (!change.changed()) {
            return new PlannedResource(key, module, ResourceStatus.OK, change, List.of(), "");
        }
        List<FileDiff> diffs = new ArrayList<>();
        for (Operation op : change.operations()) {
            if (op instanceof Operation.WriteFile w) {
                FileInfo before = files.get(w.path());
                byte[] old = before == null || !before.exists() ? null : before.content();
                String diff = Diffs.unified(w.path(), old, w.content());
                if (!diff.isEmpty()) {
                    diffs.add(new FileDiff(w.path(), diff));
                }
            }
            files.apply(op);
        }
        return new PlannedResource(key, module, ResourceStatus.CHANGED, change, diffs, "");
    }

    /**
     * The plan, or an after-apply mark: when a dependency waits for the apply (handlers excepted:
     * they follow their notifiers), or when this is a check that reads commands, plans no
     * operation, and a change is planned before it on a host whose facts it reads.
     */
    private PlannedResource deferIfStale(ResourceInstance instance, PlannedResource planned, Map<String, GatherResult> all,
            Map<NodeKey, PlannedResource> done, Map<String, NodeKey> firstChange, Deferral deferral) {
        NodeKey key = instance.key();
        if (planned.status() == ResourceStatus.SKIPPED) {
            return planned;
        }
        if (deferral == Deferral.CHECKS_AND_DEPENDENTS && !instance.spec().handler()) {
            for (NodeKey before : graph.predecessors(key)) {
                PlannedResource p = done.get(before);
                if (p != null && p.afterApply()) {
                    return PlannedResource.afterApply(key, planned.module(), "waits for " + before.id()
                            + (before.host().equals(key.host()) ? "" : " on " + before.host()) + ", which is checked after the apply");
                }
            }
        }
        boolean check = planned.status() == ResourceStatus.OK || planned.status() == ResourceStatus.FAILED;
        if (!check || declared(instance).stream().noneMatch(f -> f instanceof Fact.CommandRun)) {
            return planned;
        }
        List<String> hosts = new ArrayList<>(List.of(key.host()));
        hosts.addAll(peerHosts(instance, all));
        for (String host : hosts) {
            NodeKey change = firstChange.get(host);
            if (change != null) {
                return PlannedResource.afterApply(key, planned.module(), "checked after the apply: the changes before it (from "
                        + change.id() + (host.equals(key.host()) ? "" : " on " + host) + " on) may change what its commands print");
            }
        }
        return planned;
    }

    private record Context(String host, FactView facts, TemplateRenderer templates, Map<String, FactView> peers) implements PlanContext {}

    /** The same resource's declared facts on the other reachable hosts, files as planned so far there. */
    private Map<String, FactView> peers(ResourceInstance instance, Map<String, GatherResult> all, Map<String, VirtualFiles> allFiles) {
        Map<String, FactView> peers = new java.util.TreeMap<>();
        for (String host : peerHosts(instance, all)) {
            ResourceInstance peer = graph.instance(new NodeKey(host, instance.id()));
            peers.put(host, new HostFactView(declared(peer), allFiles.get(host), all.get(host)));
        }
        return peers;
    }

    /** The other reachable hosts where the same resource (same spec) is planned. */
    private List<String> peerHosts(ResourceInstance instance, Map<String, GatherResult> all) {
        List<String> hosts = new ArrayList<>();
        for (String host : all.keySet()) {
            ResourceInstance peer = host.equals(instance.host()) ? null : graph.instance(new NodeKey(host, instance.id()));
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
    private static <P extends Record> Set<Fact> declared(ResourceInstance instance) {
        return ((Module<P>) instance.module()).facts((P) instance.params());
    }
}
