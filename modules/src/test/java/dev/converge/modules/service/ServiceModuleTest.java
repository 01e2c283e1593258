package dev.converge.modules.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.testing.FakeFacts;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.ParamProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceModuleTest {
    private final ServiceModule module = new ServiceModule();

    private FakeFacts host(ServiceParams p, String init) {
        String n = p.name();
        return FakeFacts.forModule(module, p).command(InitSystem.PROBE, 0, init + "\n")
                .command(ServiceFacts.systemdActive(n), 3, "inactive\n")
                .command(ServiceFacts.initScriptStatus(n), 3, "")
                .command(ServiceFacts.serviceStatus(n), 3, "")
                .command(ServiceFacts.upstartStatus(n), 0, n + " stop/waiting\n")
                .command(ServiceFacts.systemdEnabled(n), 1, "disabled\n")
                .command(ServiceFacts.sysvEnabled(n), 1, "");
    }

    @Test
    void systemdStartAndEnableThenConverge() {
        ServiceParams p = new ServiceParams("libvirtd", "started", true);
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, host(p, "systemd"));
        assertThat(change.operations()).containsExactly(
                new Operation.RunCommand(List.of("systemctl", "enable", "libvirtd")),
                new Operation.RunCommand(List.of("systemctl", "start", "libvirtd")));
        assertThat(change.converges()).isTrue();
        FakeFacts after = host(p, "systemd").command(ServiceFacts.systemdActive("libvirtd"), 0, "active\n")
                .command(ServiceFacts.systemdEnabled("libvirtd"), 0, "enabled\n");
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
    }

    @Test
    void restartedAlwaysActsAndDoesNotConverge() {
        ServiceParams p = new ServiceParams("nova-compute", "restarted", null);
        Change change = module.plan(p, host(p, "systemd").command(ServiceFacts.systemdActive("nova-compute"), 0, "active"));
        assertThat(change.operations()).containsExactly(
                new Operation.RunCommand(List.of("systemctl", "restart", "nova-compute")));
        assertThat(change.converges()).isFalse();
    }

    @Test
    void sysvDebianUsesServiceAndUpdateRcd() {
        ServiceParams p = new ServiceParams("nfs-kernel-server", "started", true);
        Change change = module.plan(p, host(p, "sysv-debian"));
        assertThat(change.operations()).containsExactly(
                new Operation.RunCommand(List.of("update-rc.d", "nfs-kernel-server", "defaults")),
                new Operation.RunCommand(List.of("update-rc.d", "nfs-kernel-server", "enable")),
                new Operation.RunCommand(List.of("service", "nfs-kernel-server", "start")));
        FakeFacts running = host(p, "sysv-debian").command(ServiceFacts.initScriptStatus("nfs-kernel-server"), 0, "")
                .command(ServiceFacts.sysvEnabled("nfs-kernel-server"), 0, "");
        assertThat(module.plan(p, running)).isEqualTo(Change.none());
    }

    @Test
    void sysvFallsBackToServiceWhenThereIsNoInitScript() {
        ServiceParams p = new ServiceParams("idmapd", "stopped", null);
        FakeFacts facts = host(p, "sysv-redhat").command(ServiceFacts.initScriptStatus("idmapd"), 127, "")
                .command(ServiceFacts.serviceStatus("idmapd"), 0, "");
        assertThat(module.plan(p, facts).operations()).containsExactly(
                new Operation.RunCommand(List.of("service", "idmapd", "stop")));
    }

    @Test
    void upstartSeedStep9() {
        ServiceParams p = new ServiceParams("libvirt-bin", "started", false);
        Change change = module.plan(p, host(p, "upstart"));
        assertThat(change.operations()).containsExactly(
                new Operation.WriteFile("/etc/init/libvirt-bin.override", "manual\n".getBytes(), "0644", "", ""),
                new Operation.RunCommand(List.of("start", "libvirt-bin")));
    }

    @Test
    void unknownProbeOutputFailsLoudly() {
        ServiceParams p = new ServiceParams("x", "started", null);
        assertThatThrownBy(() -> module.plan(p, host(p, "runit"))).isInstanceOf(PlanFailure.class).hasMessageContaining("init system");
    }

    @Test
    void invalidParams() {
        assertThat(module.validate(new ServiceParams("../x y", "running", null), null))
                .extracting(ParamProblem::parameter).containsExactlyInAnyOrder("name", "state");
        assertThat(module.validate(new ServiceParams("x", null, null), null))
                .extracting(ParamProblem::parameter).containsExactly("state");
    }
}
