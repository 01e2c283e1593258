package dev.converge.exec;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.UndeclaredFactException;
import dev.converge.transport.LocalTransport;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives one module through the engine's real gather and apply scripts on this machine (local
 * transport): what the module contract test and module tests use.
 */
public final class ModuleHarness<P extends Record> {
    private final Module<P> module;
    private final HostSession session;
    private final TemplateRenderer templates;
    private final String host;

    public ModuleHarness(Module<P> module, TemplateRenderer templates) {
        this(module, templates, new LocalTransport());
    }

    /** @param transport how to reach this machine (e.g. a {@link dev.converge.testing.Shells.Shell}'s transport) */
    public ModuleHarness(Module<P> module, TemplateRenderer templates, Transport transport) {
        this(module, templates, transport, "localhost");
    }

    /**
     * One of several hosts ({@link PeerHarness}): {@code host} is the name its plans see as
     * {@link PlanContext#host()}.
     */
    public ModuleHarness(Module<P> module, TemplateRenderer templates, Transport transport, String host) {
        this.module = module;
        this.templates = templates;
        this.host = host;
        this.session = new HostSession(host, transport, Duration.ofSeconds(60));
    }

    public String host() {
        return host;
    }

    /** What one applied step did on the host. */
    public record Outcome(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** A plan and the facts it was made from. */
    public record Planned(Change change, GatherResult facts, List<Fact> reads) {}

    public GatherResult gather(P params) throws TransportException {
        return session.gather(new ArrayList<>(module.facts(params, templates)));
    }

    /** Plans against freshly gathered facts, recording each fact the module reads. */
    public Planned plan(P params) throws TransportException {
        GatherResult facts = gather(params);
        List<Fact> reads = new ArrayList<>();
        return new Planned(planWith(params, facts, reads), facts, reads);
    }

    /** Plans against the given facts (pure: no I/O). */
    public Change planWith(P params, GatherResult facts, List<Fact> reads) {
        return planWith(params, facts, reads, Map.of(), false);
    }

    /**
     * Plans against the given facts and the peers' (host name to {@link #view}), as a dry run's
     * plan ({@code --check}) when {@code dryRun} (pure: no I/O).
     */
    public Change planWith(
            P params, GatherResult facts, List<Fact> reads, Map<String, FactView> peers, boolean dryRun) {
        FactView view = view(params, facts, reads);
        return module.plan(params, new PlanContext() {
            @Override
            public String host() {
                return host;
            }

            @Override
            public FactView facts() {
                return view;
            }

            @Override
            public TemplateRenderer templates() {
                return templates;
            }

            @Override
            public Map<String, String> hostFacts() {
                return facts.hostFacts();
            }

            @Override
            public Map<String, FactView> peers() {
                return Map.copyOf(peers);
            }

            @Override
            public boolean dryRun() {
                return dryRun;
            }
        });
    }

    /**
     * The gathered facts as the module sees them: only its declared facts may be read (others throw
     * {@link UndeclaredFactException}, as in the engine); each read is added to {@code reads}.
     */
    public FactView view(P params, GatherResult facts, List<Fact> reads) {
        Set<Fact> declared = module.facts(params, templates);
        return new FactView() {
            @Override
            public FileInfo file(String path) {
                Fact.FileRead f = declared.contains(new Fact.FileRead(path, true))
                        ? new Fact.FileRead(path, true)
                        : new Fact.FileRead(path);
                check(f);
                return facts.file(f);
            }

            @Override
            public CommandOutput command(List<String> argv) {
                return command(new Fact.CommandRun(argv));
            }

            @Override
            public CommandOutput command(Fact.CommandRun f) {
                check(f);
                return facts.command(f);
            }

            private void check(Fact f) {
                if (!declared.contains(f)) {
                    throw new UndeclaredFactException(f);
                }
                reads.add(f);
            }
        };
    }

    /**
     * The body of the apply script for several resources' changes in one batch (written order, as
     * {@link #applyTogether}), from the host lock on: what runs, in which order, for golden files.
     */
    public static String batchScript(List<Change> changes) {
        List<ApplyStep> steps = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            steps.add(new ApplyStep(
                    new NodeKey("h", "r" + i), changes.get(i).operations(), i == 0 ? List.of() : List.of(i - 1)));
        }
        String script = new String(ApplyScript.build(steps, "0123456789abcdef").script(), StandardCharsets.UTF_8);
        return script.substring(script.indexOf("cv_lock || exit"));
    }

    /**
     * Applies several resources' changes in ONE batch, in order, each depending on the one before
     * (written order), as the scheduler sends consecutive resources of a play; throws when one fails.
     */
    public void applyTogether(List<Change> changes) throws TransportException {
        List<ApplyStep> steps = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            steps.add(new ApplyStep(
                    new NodeKey(host, module.name() + i),
                    changes.get(i).operations(),
                    i == 0 ? List.of() : List.of(i - 1)));
        }
        HostSession.BatchResult result = session.apply(steps);
        for (int i = 0; i < changes.size(); i++) {
            StepResult step = result.steps().get(i);
            if (step == null || !step.succeeded()) {
                throw new AssertionError(
                        "apply of resource " + i + " failed: " + (step == null ? result.stderr() : step.stderr()));
            }
        }
    }

    /** Applies a change through the engine's apply script; throws on failure. */
    public void apply(Change change) throws TransportException {
        Outcome outcome = applied(change);
        if (!outcome.succeeded()) {
            throw new AssertionError("apply failed: " + outcome.stderr());
        }
    }

    /** Applies a change through the engine's apply script and says what its step did, failed or not. */
    public Outcome applied(Change change) throws TransportException {
        HostSession.BatchResult result =
                session.apply(List.of(new ApplyStep(new NodeKey(host, module.name()), change.operations(), List.of())));
        StepResult step = result.steps().get(0);
        return step == null
                ? new Outcome(-1, "", result.stderr())
                : new Outcome(step.exitCode(), step.stdout(), step.stderr());
    }
}
