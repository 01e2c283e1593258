package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks every contract suite makes the same way ({@link ModuleContractTest}, {@link
 * CheckContractTest}, {@link PeerContractTest}): invalid parameters are problems with a reason,
 * never exceptions; a module's name is a plain YAML key and its parameters a record.
 */
final class ContractChecks {
    private ContractChecks() {}

    static <P extends Record> void invalidParametersGiveProblems(
            Module<P> module, List<P> invalidCases, TemplateRenderer templates) {
        assertThat(invalidCases).as("invalid cases").isNotEmpty();
        for (P params : invalidCases) {
            List<ParamProblem> problems = new ArrayList<>();
            assertThatCode(() -> problems.addAll(module.validate(params, templates)))
                    .as("validate(%s)", params)
                    .doesNotThrowAnyException();
            assertThat(problems).as("problems for %s", params).isNotEmpty();
            problems.forEach(p -> assertThat(p.reason()).isNotBlank());
        }
    }

    static void nameIsAPlainYamlKey(Module<?> module) {
        assertThat(module.name()).matches("[a-z][a-z0-9_]*");
        assertThat(module.paramsType().isRecord()).isTrue();
    }
}
