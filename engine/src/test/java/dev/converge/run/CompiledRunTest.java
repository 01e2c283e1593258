package dev.converge.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.bind.ModuleRegistry;
import dev.converge.diag.InvalidInputException;
import dev.converge.plan.FakeModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditions are checked before any host is read, on the kind of failure, never its wording. */
class CompiledRunTest {
    @TempDir
    Path dir;

    private CompiledRun compile(String when) throws Exception {
        Path playbook = dir.resolve("playbook.yml");
        Files.writeString(playbook, """
                - hosts: localhost
                  resources:
                    - id: one
                      when: %s
                      setting: {name: mode, value: fast}
                """.formatted(when));
        return CompiledRun.compile(RunOptions.defaults(playbook, null), new ModuleRegistry(FakeModules.all()));
    }

    @Test
    void anUndefinedVariableInAConditionIsBadInput() {
        assertThatThrownBy(() -> compile("'nosuch == \"x\"'"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("undefined variable 'nosuch'");
    }

    @Test
    void aSyntaxErrorInAConditionIsBadInput() {
        assertThatThrownBy(() -> compile("'facts.os_id == '"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("syntax");
    }

    @Test
    void aFactThatOnlyTheHostCanTellIsNotJudgedBeforeTheRead() throws Exception {
        assertThat(compile("'facts.some_fact_of_the_host == \"x\"'").graph().size())
                .isEqualTo(1);
    }

    @Test
    void aVariableWhoseNameMentionsFactsIsStillCheckedAsAnyOther() {
        assertThatThrownBy(() -> compile("'myfacts == \"x\"'"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("undefined variable 'myfacts'");
    }
}
