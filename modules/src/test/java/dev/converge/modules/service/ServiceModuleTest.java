package dev.converge.modules.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.converge.modules.testing.FakeFacts;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.ParamProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceModuleTest {
    private final ServiceModule module = new ServiceModule();

    /** A host where the service is stopped and disabled. */
    private FakeFacts host(ServiceParams p, String init) {
        String answer = switch (init) {
            case "systemd" -> "running=3\nenabled=disabled\n";
            case "upstart" -> "status=" + p.name() + " stop/waiting\n";
            default -> "running=3\nenabled=1\n";
        };
        return status(p, init, answer);
    }

    private FakeFacts status(ServiceParams p, String init, String answer) {
        return FakeFacts.forModule(module, p).command(ServiceFacts.status(p.name()), 0, "init=" + init + "\n" + answer);
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
        FakeFacts after = status(p, "systemd", "running=0\nenabled=enabled\n");
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
    }

    @Test
    void restartedAlwaysActsAndDoesNotConverge() {
        ServiceParams p = new ServiceParams("nova-compute", "restarted", null);
        Change change = module.plan(p, status(p, "systemd", "running=0\nenabled=enabled\n"));
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
        FakeFacts running = status(p, "sysv-debian", "running=0\nenabled=0\n");
        assertThat(module.plan(p, running)).isEqualTo(Change.none());
    }

    @Test
    void theStatusScriptAsksServiceWhenThereIsNoInitScript(@TempDir Path dir) throws Exception {
        assumeFalse(Files.isDirectory(Path.of("/run/systemd/system")), "this machine runs systemd");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        fakeProgram(bin.resolve("update-rc.d"), "exit 0");
        fakeProgram(bin.resolve("service"), "echo \"$@\" > " + dir.resolve("asked") + "; exit 0");
        ProcessBuilder builder = new ProcessBuilder(ServiceFacts.status("no-such-init-script"));
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isZero();
        assertThat(out).isEqualTo("init=sysv-debian\nrunning=0\ninstalled=0\nenabled=1\n");
        assertThat(Files.readString(dir.resolve("asked"))).isEqualTo("no-such-init-script status\n");
        ServiceParams p = new ServiceParams("no-such-init-script", "stopped", null);
        assertThat(module.plan(p, status(p, "sysv-debian", out.substring(out.indexOf('\n') + 1))).operations())
                .containsExactly(new Operation.RunCommand(List.of("service", "no-such-init-script", "stop")));
    }

    private static void fakeProgram(Path path, String body) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        assertThat(path.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void upstartSeedStep9() {
        ServiceParams p = new ServiceParams("libvirt-bin", "started", false);
        Change change = module.plan(p, host(p, "upstart"));
        assertThat(change.operations()).containsExactly(
                new Operation.WriteFile("/etc/init/libvirt-bin.override", "manual\n".getBytes(), "0644", "", "", "absent", false, false),
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

    /** Check mode of a service whose package comes earlier in the run: "not installed", not "stopped". */
    @Test
    void aServiceNotInstalledYetSaysSo() {
        ServiceParams p = new ServiceParams("nfs-kernel-server", "restarted", null);
        Change change = module.plan(p, status(p, "sysv-debian", "running=1\ninstalled=0\nenabled=1\n"));
        assertThat(change.fields()).containsExactly(new Change.FieldChange("state", "not installed", "restarted"));
        Change installed = module.plan(p, status(p, "sysv-debian", "running=3\ninstalled=1\nenabled=1\n"));
        assertThat(installed.fields()).containsExactly(new Change.FieldChange("state", "stopped", "restarted"));
    }
}
