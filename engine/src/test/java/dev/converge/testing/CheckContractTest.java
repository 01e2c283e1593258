package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a check module (one that changes nothing and checks live state), through the
 * engine's real gather on this machine: it plans no change when the check holds and fails with a
 * reason when it does not; planning is pure and reads only declared facts; invalid parameters
 * give problems. Subclass it per check module.
 */
public abstract class CheckContractTest<P extends Record> {
    @TempDir
    protected Path dir;

    protected abstract Module<P> module();

    /** Valid parameters (inside {@link #dir}, after {@link #prepare}) whose check holds. */
    protected abstract List<P> holdingCases();

    /** Valid parameters whose check does not hold on this machine. */
    protected abstract List<P> failingCases();

    /** Invalid parameters; each must give at least one problem. */
    protected abstract List<P> invalidCases();

    /** Sets up {@link #dir} before each case (default: nothing). */
    protected void prepare() throws Exception {}

    private TemplateRenderer templates() {
        return name -> {
            throw new TemplateRenderer.TemplateProblem("template '" + name + "' not found");
        };
    }

    @Test
    void aCheckThatHoldsPlansNoChangeAndOneThatDoesNotFailsWithAReason() throws Exception {
        assertThat(holdingCases()).as("holding cases").isNotEmpty();
        for (P params : holdingCases()) {
            prepare();
            assertThat(module().validate(params, templates()))
                    .as("valid: %s", params)
                    .isEmpty();
            assertThat(new ModuleHarness<>(module(), templates()).plan(params).change())
                    .as("holds: %s", params)
                    .isEqualTo(Change.none());
        }
        for (P params : failingCases()) {
            prepare();
            assertThat(module().validate(params, templates()))
                    .as("valid: %s", params)
                    .isEmpty();
            assertThatThrownBy(() -> new ModuleHarness<>(module(), templates()).plan(params))
                    .as("fails: %s", params)
                    .isInstanceOf(PlanFailure.class)
                    .satisfies(e -> assertThat(e.getMessage()).isNotBlank());
        }
    }

    @Test
    void planIsPureAndReadsOnlyDeclaredFacts() throws Exception {
        for (P params : holdingCases()) {
            prepare();
            ModuleHarness<P> harness = new ModuleHarness<>(module(), templates());
            ModuleHarness.Planned planned = harness.plan(params);
            List<Fact> reads = new ArrayList<>();
            assertThat(harness.planWith(params, planned.facts(), reads)).isEqualTo(planned.change());
            assertThat(module().facts(params, templates())).containsAll(reads);
        }
    }

    @Test
    void invalidParametersGiveProblemsNotExceptions() {
        ContractChecks.invalidParametersGiveProblems(module(), invalidCases(), templates());
    }
}
