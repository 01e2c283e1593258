package dev.converge.modules.group;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupModuleTest {
    private static final List<String> GETENT = List.of("getent", "group", "nova");
    private final GroupModule module = new GroupModule();

    @Test
    void createRenumberAndConverge() {
        GroupParams p = bind(GroupParams.class, "{'name':'nova','gid':162,'reown':true,'reown_paths':['/','/var']}");
        assertThat(module.validate(p, null)).isEmpty();
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(GETENT, 2, ""))
                        .operations())
                .containsExactly(new Operation.RunCommand(List.of("groupadd", "-g", "162", "nova")));
        Change renumber = module.plan(p, FakeFacts.forModule(module, p).command(GETENT, 0, "nova:x:125:\n"));
        assertThat(renumber.operations())
                .containsExactly(
                        new Operation.RunCommand(List.of("groupmod", "-g", "162", "nova")),
                        new Operation.RunCommand(List.of(
                                "find", "/", "/var", "-xdev", "-gid", "125", "-exec", "chgrp", "-h", "162", "{}",
                                "+")));
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(GETENT, 0, "nova:x:162:\n")))
                .isEqualTo(Change.none());
    }

    @Test
    void renumberWithoutReownWarns() {
        GroupParams p = new GroupParams("nova", 162L, null, null, null, null);
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(GETENT, 0, "nova:x:125:\n"))
                        .warnings())
                .singleElement()
                .asString()
                .contains("reown: true");
    }

    @Test
    void getentFailureFailsLoudly() {
        GroupParams p = new GroupParams("nova", 162L, null, null, null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p).command(GETENT, 127, "")))
                .isInstanceOf(PlanFailure.class);
    }

    @Test
    void invalidParams() {
        assertThat(module.validate(new GroupParams("Bad Name", -5L, null, "x", null, List.of("rel")), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("name", "gid", "state", "reown_paths");
        assertThat(module.validate(new GroupParams(null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("name");
    }
}
