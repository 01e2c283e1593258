package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ModuleRegistry;
import dev.converge.diag.Problem;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What Ansible only warns about is a warning here too, and the run goes on: a pattern part that
 * matches nothing, an unexpected key in a YAML group, a play whose pattern matches no host.
 */
class InventoryWarningsTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/inventory-warnings");

    @Test
    void aPatternPartThatMatchesNothingIsAWarningAndTheRestOfThePatternRuns() {
        CompiledRun run = CompiledRun.compile(
                RunOptions.defaults(DIR.resolve("unknown-pattern-part.yml"), DIR.resolve("inventory.yml")),
                ModuleRegistry.discover());
        assertThat(run.graph().hosts()).containsExactly("web1", "web2");
        assertThat(run.warnings())
                .extracting(Problem::reason)
                .containsExactly("could not match supplied host pattern, ignoring: nosuchgroup");
        assertThat(run.warnings().get(0).at().line()).isEqualTo(1);
    }

    @Test
    void anUnexpectedKeyInAYamlGroupIsSkippedWithAWarning() {
        CompiledRun run = CompiledRun.compile(
                RunOptions.defaults(DIR.resolve("all.yml"), DIR.resolve("unknown-group-key.yml")),
                ModuleRegistry.discover());
        assertThat(run.graph().hosts()).isEmpty();
        assertThat(run.warnings())
                .extracting(p -> p.at().line() + ": " + p.reason())
                .containsExactly(
                        "2: skipping unexpected key 'hostz' in group 'all'; only vars, children and hosts are valid",
                        "1: no hosts matched 'all': the inventory is empty; skipping the play");
    }
}
