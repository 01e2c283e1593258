package dev.converge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering, expressions and conditions, and the kinds of their failures. */
class TemplatingTest {
    @TempDir
    Path dir;

    private final SourceLocation at = new SourceLocation(Path.of("playbook.yml"), 4, 13);
    private final Map<String, Object> model = Map.of("port", 16509, "name", "nova", "facts", Map.of("init", "systemd"));

    private Templating templating() {
        return new Templating(List.of(dir), SecretTaint.none(), RunInputs.none());
    }

    private YamlValue.Scalar scalar(Object value) {
        return new YamlValue.Scalar(value, false, at);
    }

    @Test
    void aLoneExpressionKeepsItsTypeAndTextIsText() throws Exception {
        assertThat(templating().render("${port}", model)).isEqualTo(16509);
        assertThat(templating().render("listen ${port} as ${name}", model)).isEqualTo("listen 16509 as nova");
    }

    @Test
    void conditionsHoldWhenEveryPartHolds() {
        Problems problems = new Problems();
        assertThat(templating().condition(scalar("facts.init == \"systemd\""), model, problems))
                .isTrue();
        assertThat(templating()
                        .condition(
                                new YamlValue.Sequence(List.of(scalar("port > 1"), scalar("name == \"x\"")), at),
                                model,
                                problems))
                .isFalse();
        assertThat(templating().condition(scalar(true), model, problems)).isTrue();
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aConditionThatIsNotABooleanIsAProblemAtItsPlace() {
        Problems problems = new Problems();
        assertThat(templating().condition(scalar("name"), model, problems)).isFalse();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("when: gives 'nova', not true or false");
            assertThat(p.at().line()).isEqualTo(4);
        });
    }

    @Test
    void failuresCarryTheirKind() {
        Map<String, Object> noFacts = Map.of("port", 1);
        assertThat(templating().conditionFailures(scalar("nosuch == 1"), noFacts))
                .extracting(Templating.ConditionFailure::kind)
                .containsExactly(Templating.Failure.Kind.UNDEFINED);
        assertThat(templating().conditionFailures(scalar("port == "), noFacts))
                .extracting(Templating.ConditionFailure::kind)
                .containsExactly(Templating.Failure.Kind.SYNTAX);
        assertThat(templating().conditionFailures(scalar("facts.init == \"sysv\""), noFacts))
                .extracting(Templating.ConditionFailure::kind)
                .containsExactly(Templating.Failure.Kind.FACTS_NOT_YET);
        assertThat(templating().conditionFailures(scalar("port + \"x\" > 2"), noFacts))
                .extracting(Templating.ConditionFailure::kind)
                .containsExactly(Templating.Failure.Kind.EVALUATION);
        assertThat(templating().conditionFailures(scalar("port == 1"), noFacts)).isEmpty();
    }

    @Test
    void anUndefinedVariableSaysHowToDefineIt() {
        assertThatThrownBy(() -> templating().render("${nosuch}", model))
                .isInstanceOf(Templating.RenderException.class)
                .satisfies(e -> {
                    Templating.Failure f = ((Templating.RenderException) e).failure();
                    assertThat(f.reason()).isEqualTo("undefined variable 'nosuch'");
                    assertThat(f.hint()).contains("-e nosuch=");
                });
    }

    @Test
    void aFactInALoneExpressionIsNamedAsAFactNotAnUndefinedVariable() {
        assertThatThrownBy(() -> templating().render("${facts.init}", Map.of()))
                .isInstanceOf(Templating.RenderException.class)
                .satisfies(e -> assertThat(
                                ((Templating.RenderException) e).failure().kind())
                        .isEqualTo(Templating.Failure.Kind.FACTS_NOT_YET));
    }

    @Test
    void aTemplateFileRendersAndAMissingOneIsNamed() throws Exception {
        Files.writeString(dir.resolve("t.ftl"), "port=${port}\n");
        assertThat(templating().renderFile("t.ftl", model)).isEqualTo("port=16509\n");
        assertThatThrownBy(() -> templating().renderFile("none.ftl", model))
                .hasMessageContaining("template 'none.ftl' not found");
    }
}
