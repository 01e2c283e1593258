package dev.converge.run;

import dev.converge.diag.NotIdempotentException;
import dev.converge.engine.ModuleRegistry;
import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.exec.ApplyScheduler;
import dev.converge.exec.NodeOutcome;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.HostPlan;
import dev.converge.plan.Planner;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.ResourceStatus;
import dev.converge.report.HostReport;
import dev.converge.report.ResourceReport;
import dev.converge.report.RunEvent;
import dev.converge.report.RunReport;
import dev.converge.report.Reporter;
import dev.converge.transport.Transports;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The pipeline: compile (load, validate, graph) → connect → gather and plan → report → apply →
 * verify → report. One connection per host, one read round trip per host to plan, one batch per
 * host per wave to apply, one read to verify.
 */
public final class Converge {
    private final ModuleRegistry registry;
    private final Transports transports;
    private final Reporter reporter;

    public Converge(ModuleRegistry registry, Transports transports, Reporter reporter) {
        this.registry = registry;
        this.transports = transports;
        this.reporter = reporter;
    }

    /**
     * Runs a playbook.
     *
     * @throws dev.converge.diag.InvalidInputException for bad input (nothing touched)
     * @throws NotIdempotentException when a module plans a change again right after applying it
     */
    public RunReport run(RunOptions options) throws InterruptedException {
        CompiledRun compiled = CompiledRun.compile(options, registry);
        ResourceGraph graph = compiled.graph();
        reporter.on(new RunEvent.RunStarted(options.playbook().toString(), graph.hosts().size(), graph.size(), options.check()));
        Planner planner = new Planner(graph, compiled.templating());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.forks()), daemonThreads());
        Hosts hosts = new Hosts(compiled.inventory(), transports, options, reporter);
        Interruption.runStarted(options.commandTimeout());
        try {
            Map<String, HostPlan> plans = hosts.planAll(graph.hosts(), planner, pool);
            plans.values().forEach(p -> reporter.on(new RunEvent.HostPlanned(p)));
            Map<NodeKey, NodeOutcome> outcomes;
            if (options.check()) {
                outcomes = planOutcomes(graph, plans);
            } else {
                outcomes = new ApplyScheduler(graph, plans, hosts.sessions(), pool, (k, o) -> { })
                        .stopWhen(Interruption::requested).run();
                hosts.reportRemovedLeftovers();
            }
            boolean interrupted = Interruption.requested();
            if (interrupted) {
                reporter.on(new RunEvent.Warning("interrupted: the batches in flight were allowed to finish, no new one was started,"
                        + " and the hosts were not verified; run again to converge"));
            }
            List<String> notIdempotent = options.check() || interrupted ? List.of() : verify(graph, plans, outcomes, hosts, planner, pool);
            RunReport report = report(options, compiled.inventory(), graph, plans, outcomes, hosts);
            report.hosts().forEach(h -> h.resources().forEach(r -> reporter.on(new RunEvent.ResourceFinished(h.host(), r))));
            reporter.on(new RunEvent.RunFinished(report));
            if (!notIdempotent.isEmpty()) {
                throw new NotIdempotentException(String.join("\n", notIdempotent));
            }
            return report;
        } finally {
            pool.shutdownNow();
            hosts.close();
            Interruption.runEnded();
        }
    }

    private static Map<NodeKey, NodeOutcome> planOutcomes(ResourceGraph graph, Map<String, HostPlan> plans) {
        Map<NodeKey, NodeOutcome> out = new LinkedHashMap<>();
        for (NodeKey key : graph.order()) {
            HostPlan plan = plans.get(key.host());
            PlannedResource p = plan == null ? null : plan.byKey().get(key);
            out.put(key, p == null ? new NodeOutcome(ResourceStatus.UNREACHABLE, "host unreachable") : new NodeOutcome(p.status(), p.reason()));
        }
        return out;
    }

    /** Re-reads every host that changed; each applied resource must now plan as no-op. */
    private List<String> verify(ResourceGraph graph, Map<String, HostPlan> plans, Map<NodeKey, NodeOutcome> outcomes,
            Hosts hosts, Planner planner, ExecutorService pool) throws InterruptedException {
        List<String> changedHosts = plans.keySet().stream()
                .filter(h -> graph.nodesOf(h).stream().anyMatch(k -> outcomes.get(k).status() == ResourceStatus.CHANGED)).toList();
        Map<String, HostPlan> again = hosts.planAll(changedHosts, planner, pool);
        List<String> problems = new ArrayList<>();
        for (HostPlan plan : again.values()) {
            String other = hosts.sessions().get(plan.host()).otherRunSinceApply();
            if (other != null) {
                reporter.on(new RunEvent.Warning(plan.host() + ": another converge run (" + other + ") applied changes after ours;"
                        + " what it changed is not checked as ours"));
                continue;
            }
            for (PlannedResource p : plan.resources()) {
                PlannedResource first = plans.get(plan.host()).byKey().get(p.key());
                boolean applied = outcomes.get(p.key()).status() == ResourceStatus.CHANGED && first.change().converges();
                if (applied && p.willChange()) {
                    problems.add("module '" + p.module() + "' is not idempotent: resource " + p.key().id() + " on " + plan.host()
                            + " still plans a change after apply: " + p.change().operations());
                }
            }
        }
        return problems;
    }

    private static RunReport report(RunOptions options, dev.converge.model.Inventory inventory, ResourceGraph graph, Map<String, HostPlan> plans,
            Map<NodeKey, NodeOutcome> outcomes, Hosts hosts) {
        List<HostReport> out = new ArrayList<>();
        List<String> graphHosts = graph.hosts();
        for (String host : inventory.hosts().keySet()) {
            if (!graphHosts.contains(host)) {
                continue;
            }
            List<ResourceReport> resources = new ArrayList<>();
            HostPlan plan = plans.get(host);
            for (NodeKey key : graph.nodesOf(host)) {
                NodeOutcome outcome = outcomes.get(key);
                PlannedResource p = plan == null ? null : plan.byKey().get(key);
                String module = graph.instance(key).spec().module();
                boolean changed = outcome.status() == ResourceStatus.CHANGED || (p != null && p.willChange() && outcome.status() == ResourceStatus.FAILED);
                resources.add(new ResourceReport(key.id(), module, outcome.status(),
                        changed ? p.change().fields() : List.of(), changed ? p.diffs() : List.of(),
                        p == null ? List.of() : p.change().warnings(), outcome.message()));
            }
            String unreachable = hosts.unreachableReason(host);
            out.add(new HostReport(host, unreachable != null, hosts.roundTrips(host), resources, unreachable == null ? "" : unreachable));
        }
        return new RunReport(options.playbook().toString(), options.check(), out);
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "converge-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
