package dev.converge.run;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.diag.NotIdempotentException;
import dev.converge.diag.Trace;
import dev.converge.exec.ApplyScheduler;
import dev.converge.exec.SessionEnvironment;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.Planner;
import dev.converge.report.MaskingReporter;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import dev.converge.report.RunMetadata;
import dev.converge.report.RunReport;
import dev.converge.secret.MaskedException;
import dev.converge.secret.Secrets;
import dev.converge.transport.Transports;
import dev.converge.verify.AfterApply;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The pipeline: compile (load, validate, graph) → connect → gather and plan → report → apply →
 * verify → report. One connection per host, one read round trip per host to plan, one batch per
 * host per wave to apply, the last of which reads the host back for verify (see {@link AfterApply},
 * also for the live checks deferred until after the apply).
 */
public final class Converge {
    private final ModuleRegistry registry;
    private final Transports transports;
    private final Reporter reporters;
    private final Clock clock;
    private PlanGate gate = PlanGate.NONE;
    private SessionEnvironment environment = SessionEnvironment.none();
    private Supplier<RunMetadata> metadata = () -> RunMetadata.NONE;

    public Converge(ModuleRegistry registry, Transports transports, Reporter reporter) {
        this(registry, transports, reporter, Clock.systemUTC());
    }

    /** @param clock times the apply batches (tests pass a fixed one) */
    public Converge(ModuleRegistry registry, Transports transports, Reporter reporter, Clock clock) {
        this.registry = registry;
        this.transports = transports;
        this.reporters = reporter;
        this.clock = clock;
    }

    /** Lets {@code gate} see what was read and planned before anything is applied, and refuse hosts. */
    public Converge gatedBy(PlanGate gate) {
        this.gate = gate;
        return this;
    }

    /** What the CLI read from the controller's environment for the host sessions (lock wait, script copies). */
    public Converge inEnvironment(SessionEnvironment environment) {
        this.environment = environment;
        return this;
    }

    /** How the run was started, asked for when its report is built (after every input was read). */
    public Converge describedBy(Supplier<RunMetadata> metadata) {
        this.metadata = metadata;
        return this;
    }

    /**
     * Runs a playbook.
     *
     * @throws dev.converge.diag.InvalidInputException for bad input (nothing touched)
     * @throws NotIdempotentException when a module plans a change again right after applying it
     */
    public RunReport run(RunOptions options) throws InterruptedException {
        startPreparing();
        CompiledRun compiled = CompiledRun.compile(options, registry);
        Secrets secrets = compiled.secrets();
        try {
            return run(options, compiled, new MaskingReporter(secrets, reporters));
        } catch (NotIdempotentException e) {
            throw new NotIdempotentException(secrets.mask(e.getMessage()));
        } catch (RuntimeException e) {
            if (secrets.isEmpty()) {
                throw e;
            }
            throw MaskedException.of(e, secrets);
        }
    }

    private RunReport run(RunOptions options, CompiledRun compiled, Reporter reporter) throws InterruptedException {
        ResourceGraph graph = compiled.graph();
        if (gate != PlanGate.NONE) {
            OneStagePerHost.check(compiled.stages());
        }
        Trace.mark("compiled: " + graph.hosts().size() + " hosts, " + graph.size() + " nodes");
        reporter.on(new RunEvent.RunStarted(
                options.playbook().toString(), graph.hosts().size(), graph.size(), options.check()));
        compiled.warnings().forEach(w -> reporter.on(new RunEvent.Warning(w.at() + ": " + w.reason())));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.forks()), daemonThreads());
        Hosts hosts = new Hosts(compiled.inventory(), transports, options, environment, reporter);
        Interruption.runStarted(options.commandTimeout());
        try {
            RunProgress progress = new RunProgress(reporter, clock);
            Set<NodeKey> pending = ConcurrentHashMap.newKeySet();
            StagedRun staged = new StagedRun(
                    graph,
                    compiled.stages(),
                    (number, stageGraph, hostsToRead) -> stage(
                            options,
                            compiled,
                            number,
                            stageGraph,
                            hostsToRead,
                            hosts,
                            pool,
                            reporter,
                            progress,
                            pending),
                    reporter,
                    h -> hosts.unreachableReason(h) != null);
            StagedRun.Result result = staged.run();
            Trace.mark("verified");
            RunReport report = new ReportBuilder(graph, compiled.secrets())
                    .pendingBefore(pending)
                    .build(options, compiled.inventory(), result.plans(), result.outcomes(), hosts, progress)
                    .with(metadata.get())
                    .with(result.batches());
            report.hosts()
                    .forEach(h -> h.resources().forEach(r -> reporter.on(new RunEvent.ResourceFinished(h.host(), r))));
            reporter.on(new RunEvent.RunFinished(report));
            Trace.mark("reported");
            if (!result.notIdempotent().isEmpty()) {
                throw new NotIdempotentException(String.join("\n", result.notIdempotent()));
            }
            return report;
        } finally {
            pool.shutdownNow();
            hosts.close();
            Interruption.runEnded();
        }
    }

    /** One stage (the whole run without {@code serial:}): gather and plan, review, apply, verify. */
    private StagedRun.StageResult stage(
            RunOptions options,
            CompiledRun compiled,
            int number,
            ResourceGraph graph,
            List<String> toRead,
            Hosts hosts,
            ExecutorService pool,
            Reporter reporter,
            RunProgress progress,
            Set<NodeKey> pendingBefore)
            throws InterruptedException {
        Planner planner = new Planner(graph, compiled.templating());
        Map<String, HostPlan> plans = hosts.planAll(
                toRead,
                planner,
                pool,
                options.check() ? Planner.Deferral.CHECKS : Planner.Deferral.CHECKS_AND_DEPENDENTS);
        plans.keySet().retainAll(toRead);
        plans.values()
                .forEach(p -> reporter.on(new RunEvent.HostPlanned(
                        p.host(),
                        p.resources().size(),
                        (int) p.resources().stream()
                                .filter(PlannedResource::willChange)
                                .count(),
                        (int) p.resources().stream()
                                .filter(PlannedResource::deferred)
                                .count())));
        plans = review(options, compiled, number, graph, planner, hosts, plans, reporter);
        Set<NodeKey> pending = planner.pendingHandlers(hosts.facts());
        pendingBefore.addAll(pending);
        Trace.mark("connected, gathered, planned");
        Map<NodeKey, NodeOutcome> outcomes;
        if (options.check()) {
            outcomes = planner.outcomes(plans);
            outcomes.forEach(progress::finished);
        } else {
            ApplyScheduler apply = new ApplyScheduler(
                            graph,
                            plans,
                            hosts.sessions(),
                            pool,
                            AfterApply.except(AfterApply.deferred(plans), progress))
                    .stopWhen(Interruption::requested)
                    .readingBack(planner::factsOf)
                    .notifiedBefore(pending);
            outcomes = apply.run();
            hosts.remember(apply.readBack());
            hosts.reportRemovedLeftovers();
        }
        Trace.mark(options.check() ? "check done" : "applied");
        boolean interrupted = Interruption.requested();
        if (interrupted) {
            reporter.on(new RunEvent.Warning(
                    "interrupted: the batches in flight were allowed to finish, no new one was started,"
                            + " and the hosts were not verified; run again to converge"));
        }
        List<String> notIdempotent = List.of();
        if (!options.check() && !interrupted) {
            AfterApply.Result after = new AfterApply(
                            graph, hosts, planner, pool, reporter, progress, Interruption::requested)
                    .run(plans, outcomes);
            plans = after.plans();
            outcomes = after.outcomes();
            notIdempotent = after.notIdempotent();
            hosts.reportRemovedLeftovers();
        }
        return new StagedRun.StageResult(plans, outcomes, notIdempotent, interrupted);
    }

    /**
     * Shows the gate what was read and what is planned (as {@code --check} reports it); a host it
     * refuses keeps nothing to do: its pending resources fail with the gate's reason, and what waits
     * for them (on any host) is skipped.
     */
    private Map<String, HostPlan> review(
            RunOptions options,
            CompiledRun compiled,
            int stage,
            ResourceGraph graph,
            Planner planner,
            Hosts hosts,
            Map<String, HostPlan> plans,
            Reporter reporter) {
        if (gate == PlanGate.NONE) {
            return plans;
        }
        Map<String, HostPlan> asChecked = options.check() ? plans : hosts.replan(planner, Planner.Deferral.CHECKS);
        RunReport checked = new ReportBuilder(graph, compiled.secrets())
                .build(
                        options,
                        compiled.inventory(),
                        asChecked,
                        planner.outcomes(asChecked),
                        hosts,
                        new RunProgress(Reporter.all(List.of()), clock));
        Map<String, String> refused = gate.review(stage, hosts.facts(), checked, compiled.secrets());
        if (refused.isEmpty()) {
            return plans;
        }
        Map<String, HostPlan> out = new LinkedHashMap<>(plans);
        refused.forEach((host, why) -> {
            reporter.on(new RunEvent.Warning(host + " refused: " + why));
            HostPlan plan = plans.get(host);
            if (plan != null) {
                out.put(
                        host,
                        new HostPlan(
                                host,
                                plan.resources().stream()
                                        .map(r -> r.willChange() || r.deferred()
                                                ? PlannedResource.failed(r.key(), r.module(), "refused: " + why)
                                                : r)
                                        .toList()));
            }
        });
        return out;
    }

    /**
     * Lets the transports start (e.g. the SSH client's class loading) on another thread while the
     * playbook is compiled; no host is contacted before the input is known to be valid.
     */
    private void startPreparing() {
        Thread t = new Thread(
                () -> {
                    long start = Trace.start();
                    transports.prepare();
                    Trace.end("transports prepared", start);
                },
                "converge-prepare");
        t.setDaemon(true);
        t.start();
    }

    private static ThreadFactory daemonThreads() {
        return runnable -> {
            Thread t = new Thread(runnable, "converge-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
