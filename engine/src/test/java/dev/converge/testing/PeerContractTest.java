package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.exec.ModuleHarness;
import dev.converge.exec.PeerHarness;
import dev.converge.secret.SecretCollector;
import dev.converge.secret.Secrets;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.TemplateRenderer;
import dev.converge.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ModuleContractTest}'s timeline for a module that compares hosts ({@code Module.readsPeers}:
 * {@code live_migration}): the same resource on several hosts, each reached through its own
 * transport (its own fake commands first on PATH, its own state), every host gathered through the
 * engine's real gather script and planned with the others as peers ({@link PeerHarness}), once under
 * each installed shell. Per converging case: a check (dry-run plans on every host) changes something
 * and touches nothing ({@link #observed}); the real plans equal the check's; applying each host's change
 * through the real apply script succeeds and changes what is observed; the next plans on every host are
 * no-ops. Planning is pure and reads only declared facts (its own and its peers'); invalid parameters
 * give problems, never exceptions; a secret of the parameters (as the engine finds them,
 * {@link SecretCollector}) is never on a command line, in a report field, a warning or a step's output.
 */
public abstract class PeerContractTest<P extends Record> {
    @TempDir
    protected Path dir;

    protected abstract Module<P> module();

    /** The inventory names of the hosts the resource is bound to, in the order they are planned and applied. */
    protected abstract List<String> hosts();

    /** How {@code host} is reached on {@code shell}: e.g. {@code shell.transport("PATH=" + hostBin + ":" + shell.path(), ...)}. */
    protected abstract Transport transport(Shells.Shell shell, String host);

    /** Valid parameters that need a change on the hosts {@link #prepare} leaves. */
    protected abstract List<P> convergingCases();

    /** Invalid parameters; each must give at least one problem. */
    protected abstract List<P> invalidCases();

    /** Sets the hosts up before each converging case (default: nothing). */
    protected void prepare() throws Exception {}

    /** Whether the module's commands exist in this userland (default: yes). */
    protected boolean runsOn(Shells.Shell shell) {
        return true;
    }

    /**
     * What the hosts hold, compared before and after a check (must be equal) and an apply (must
     * differ). Default: every path under {@link #dir} with its type, mode and content; a module
     * whose world lives elsewhere (an API double) overrides it.
     */
    protected Object observed() throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.forEach(p -> tree.put(dir.relativize(p).toString(), describe(p)));
        }
        return tree;
    }

    protected TemplateRenderer templates() {
        return name -> {
            throw new TemplateRenderer.TemplateProblem("template '" + name + "' not found");
        };
    }

    protected PeerHarness<P> harness(Shells.Shell shell) {
        Map<String, Transport> transports = new LinkedHashMap<>();
        hosts().forEach(h -> transports.put(h, transport(shell, h)));
        return new PeerHarness<>(module(), templates(), transports);
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void checkTouchesNothingApplyConvergesEveryHostThenPlansNoChange(Shells.Shell shell) throws Exception {
        Assumptions.assumeTrue(runsOn(shell), () -> module().name() + " needs tools " + shell + " lacks");
        assertThat(convergingCases()).as("converging cases").isNotEmpty();
        for (P params : convergingCases()) {
            prepare();
            assertThat(module().validate(params, templates()))
                    .as("valid: %s", params)
                    .isEmpty();
            assertThat(module().readsPeers(params))
                    .as("reads its peers: %s", params)
                    .isTrue();
            PeerHarness<P> harness = harness(shell);
            Secrets secrets = new SecretCollector(List.of()).parameters(params).secrets();
            List<String> shown = new ArrayList<>();

            Object before = observed();
            PeerHarness.Planned check = harness.plan(params, true);
            assertThat(check.failures())
                    .as("the check of %s fails nowhere", params)
                    .isEmpty();
            assertThat(check.changed())
                    .as("the check of %s changes something", params)
                    .isNotEmpty();
            assertThat(observed()).as("the check of %s touches nothing", params).isEqualTo(before);

            PeerHarness.Planned first = harness.plan(params, false);
            assertThat(first.failures())
                    .as("the plan of %s fails nowhere", params)
                    .isEmpty();
            assertThat(first.changes())
                    .as("the run plans what the check showed: %s", params)
                    .isEqualTo(check.changes());
            for (String host : first.changed()) {
                Change change = first.changes().get(host);
                shown.addAll(shown(change));
                ModuleHarness.Outcome outcome = harness.apply(host, change);
                shown.addAll(List.of(outcome.stdout(), outcome.stderr()));
                assertThat(outcome.succeeded())
                        .as("apply of %s on %s: %s", params, host, outcome.stderr())
                        .isTrue();
            }
            assertThat(observed())
                    .as("the apply of %s changed the hosts", params)
                    .isNotEqualTo(before);

            PeerHarness.Planned second = harness.plan(params, false);
            assertThat(second.failures())
                    .as("the second plan of %s fails nowhere", params)
                    .isEmpty();
            if (first.changes().values().stream().allMatch(Change::converges)) {
                assertThat(second.changed())
                        .as("the second plan of %s is a no-op on every host, got %s", params, second.changes())
                        .isEmpty();
            }
            module().facts(params, templates()).forEach(f -> shown.add(f.toString()));
            module().facts(params, templates()).stream()
                    .filter(Fact.CommandRun.class::isInstance)
                    .forEach(f -> shown.addAll(((Fact.CommandRun) f).argv()));
            assertThat(shown)
                    .as("no secret of %s on a command line, in a field, a warning or an output", params)
                    .noneMatch(secrets::appearsIn);
        }
    }

    @Test
    void planIsPureAndReadsOnlyDeclaredFacts() throws Exception {
        Shells.Shell shell = Shells.installed().get(0);
        Assumptions.assumeTrue(runsOn(shell));
        for (P params : convergingCases()) {
            prepare();
            PeerHarness<P> harness = harness(shell);
            PeerHarness.Planned planned = harness.plan(params, false);
            PeerHarness.Planned again = harness.planWith(params, planned.facts(), false);
            assertThat(again.changes())
                    .as("same facts, same changes: %s", params)
                    .isEqualTo(planned.changes());
            assertThat(again.failures())
                    .as("same facts, same failures: %s", params)
                    .isEqualTo(planned.failures());
            again.reads()
                    .values()
                    .forEach(reads ->
                            assertThat(module().facts(params, templates())).containsAll(reads));
        }
    }

    @Test
    void invalidParametersGiveProblemsNotExceptions() {
        ContractChecks.invalidParametersGiveProblems(module(), invalidCases(), templates());
    }

    @Test
    void nameIsAPlainYamlKey() {
        ContractChecks.nameIsAPlainYamlKey(module());
    }

    /** What the reports show of a change, and what the host's process list shows of its commands. */
    private static List<String> shown(Change change) {
        List<String> out = new ArrayList<>(change.warnings());
        change.fields().forEach(f -> out.addAll(List.of(f.name(), f.before(), f.after())));
        for (Operation op : change.operations()) {
            if (op instanceof Operation.RunCommand run) {
                out.addAll(run.effectiveArgv());
            } else if (op instanceof Operation.MergeableCommand merged) {
                out.addAll(merged.argv());
            } else {
                out.add(op.toString());
            }
        }
        return out;
    }

    private static String describe(Path p) {
        try {
            if (Files.isSymbolicLink(p)) {
                return "link " + Files.readSymbolicLink(p);
            }
            String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            if (Files.isDirectory(p)) {
                return "dir " + mode;
            }
            return "file " + mode + " " + HexFormat.of().formatHex(Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
