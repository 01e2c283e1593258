package dev.converge.modules.hosts;

import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class HostsEntryModuleTest {
    private final HostsEntryModule module = new HostsEntryModule();

    @Test
    void planThenConverge() {
        HostsEntryParams p =
                bind(HostsEntryParams.class, "{'address':'10.77.0.11','names':['hosta.example.org','hosta']}");
        assertThat(module.validate(p, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p).file("/etc/hosts", fixture("hosts"));
        Change change = module.plan(p, facts);
        assertThat(written(change.operations())).contains("10.77.0.11\thosta.example.org hosta\n");
        assertThat(module.plan(p, facts.afterWrites(change.operations()))).isEqualTo(Change.none());
    }

    @Test
    void aMissingHostsFileIsNotAnsweredWithAParameterTheModuleDoesNotHave() {
        HostsEntryParams p = bind(HostsEntryParams.class, "{'address':'10.77.0.11','names':['hosta']}");
        Assertions.assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("/etc/hosts: no such file")
                .hasMessageContaining("does not create it")
                .hasMessageNotContaining("create: true");
    }

    @Test
    void invalidParams() {
        assertThat(module.validate(new HostsEntryParams("hosta", List.of("a_b", "x", "X"), "maybe", "hosts"), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "state", "address", "names", "names");
        assertThat(module.validate(new HostsEntryParams(null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("address", "names");
    }
}
