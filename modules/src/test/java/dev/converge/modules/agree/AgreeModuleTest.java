package dev.converge.modules.agree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.testing.PeerContext;
import dev.converge.spi.PlanFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgreeModuleTest {
    private final AgreeModule module = new AgreeModule();

    @Test
    void identicalValuesAgreeDifferentOnesFailWithATable() {
        AgreeParams ids = new AgreeParams(List.of("id", "nova"), null, null, "nova's ids");
        PeerContext ctx = new PeerContext("HostA");
        ctx.on("HostA").command(List.of("id", "nova"), 0, "uid=162(nova) gid=162(nova)\n");
        ctx.on("HostB").command(List.of("id", "nova"), 0, "uid=162(nova) gid=162(nova)\n");
        assertThat(module.plan(ids, ctx).changed()).isFalse();
        ctx.on("HostC").command(List.of("id", "nova"), 0, "uid=999(nova) gid=162(nova)\n");
        assertThatThrownBy(() -> module.plan(ids, ctx))
                .isInstanceOf(PlanFailure.class)
                .hasMessage(
                        "nova's ids differs between hosts: HostA = uid=162(nova) gid=162(nova); HostB = uid=162(nova) gid=162(nova); "
                                + "HostC = uid=999(nova) gid=162(nova)");
    }

    @Test
    void aRegexpPicksTheValueOutOfAFile() {
        AgreeParams statePath = new AgreeParams(null, "/etc/nova/nova.conf", "^state_path\\s*=\\s*(.*)$", null);
        PeerContext ctx = new PeerContext("HostA");
        ctx.on("HostA").file("/etc/nova/nova.conf", "[DEFAULT]\nstate_path = /var/lib/nova\n");
        ctx.on("HostB").file("/etc/nova/nova.conf", "# other comments\n[DEFAULT]\nstate_path=/var/lib/nova\n");
        assertThat(module.plan(statePath, ctx).changed()).isFalse();
        ctx.on("HostC");
        assertThatThrownBy(() -> module.plan(statePath, ctx)).hasMessageContaining("HostC = <no such file>");
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(new AgreeParams(null, null, null, null), null))
                .isNotEmpty();
        assertThat(module.validate(new AgreeParams(List.of("id"), "/etc/x", null, null), null))
                .isNotEmpty();
        assertThat(module.validate(new AgreeParams(null, "/etc/x", "([", null), null))
                .isNotEmpty();
    }

    @Test
    void commandOutputsAreComparedLiveAndFilesAsPlanned() {
        assertThat(new AgreeModule().checksLiveState(new AgreeParams(List.of("id", "-u"), null, null, null)))
                .isTrue();
        assertThat(new AgreeModule().checksLiveState(new AgreeParams(null, "/etc/passwd", null, null)))
                .isFalse();
    }
}
