package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.TemplateRenderer;
import dev.converge.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every module passes (mgmt's resource contract, guava-testlib's style):
 * the first plan changes, apply makes the next plan a no-op; planning is pure and reads only
 * declared facts; invalid parameters give problems, never exceptions. Subclass it per module.
 */
public abstract class ModuleContractTest<P extends Record> {
    @TempDir
    protected Path dir;

    protected abstract Module<P> module();

    /** Valid parameters (inside {@link #dir}) that need a change on a fresh directory. */
    protected abstract List<P> convergingCases();

    /** Invalid parameters; each must give at least one problem. */
    protected abstract List<P> invalidCases();

    /**
     * Whether the module's own commands exist in this userland (default: yes). A module that needs
     * a tool BusyBox lacks (util-linux {@code findmnt}, an {@code nc} with {@code -z}) says so here.
     */
    protected boolean runsOn(Shells.Shell shell) {
        return true;
    }

    /**
     * The transport the timeline runs through on {@code shell} (default: the shell's own). A
     * root-only module runs rootless against fake commands first on that shell's PATH (as
     * {@code package} against its fake apt): {@code shell.transport("PATH=" + fakes + ":" + shell.path())}.
     */
    protected Transport transport(Shells.Shell shell) {
        return shell.transport();
    }

    /** The harness of the purity check (default: this machine's {@code sh}; fakes: {@code transport(a shell)}). */
    protected ModuleHarness<P> purityHarness() {
        return new ModuleHarness<>(module(), templates());
    }

    /** Sets up {@link #dir} before each converging case (default: nothing). */
    protected void prepare() throws Exception {}

    /** Renders templates for modules that use them (default: none known). */
    protected TemplateRenderer templates() {
        return name -> {
            throw new TemplateRenderer.TemplateProblem("template '" + name + "' not found");
        };
    }

    /** On each shell a host may have (dash, bash as sh, BusyBox), see {@link Shells}. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void firstPlanChangesApplyConvergesSecondPlanIsNoop(Shells.Shell shell) throws Exception {
        Assumptions.assumeTrue(runsOn(shell), () -> module().name() + " needs tools " + shell + " lacks");
        assertThat(convergingCases()).as("converging cases").isNotEmpty();
        for (P params : convergingCases()) {
            prepare();
            assertThat(module().validate(params, templates()))
                    .as("valid: %s", params)
                    .isEmpty();
            ModuleHarness<P> harness = new ModuleHarness<>(module(), templates(), transport(shell));
            Change first = harness.plan(params).change();
            assertThat(first.changed())
                    .as("first plan of %s changes something", params)
                    .isTrue();
            harness.apply(first);
            Change second = harness.plan(params).change();
            if (first.converges()) {
                assertThat(second.changed())
                        .as("second plan of %s is a no-op, got %s", params, second.operations())
                        .isFalse();
            }
        }
    }

    @Test
    void planIsPureAndReadsOnlyDeclaredFacts() throws Exception {
        for (P params : convergingCases()) {
            prepare();
            ModuleHarness<P> harness = purityHarness();
            ModuleHarness.Planned planned = harness.plan(params);
            List<Fact> reads = new ArrayList<>();
            Change again = harness.planWith(params, planned.facts(), reads);
            assertThat(again).as("same facts, same change: %s", params).isEqualTo(planned.change());
            assertThat(module().facts(params, templates())).containsAll(reads);
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
}
