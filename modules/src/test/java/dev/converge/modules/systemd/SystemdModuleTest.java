package dev.converge.modules.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.testing.FakeFacts;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemdModuleTest {
    private static final String DROPIN = "[Service]\nEnvironment=LIBVIRTD_ARGS=--listen\n";
    private static final String PATH = "/etc/systemd/system/libvirtd.service.d/50-listen.conf";
    private final SystemdModule module = new SystemdModule();

    private FakeFacts host(SystemdParams p, String status) {
        // "systemd=yes|no" stands for the host fact init (systemd or sysv); the rest is what the probe printed
        return FakeFacts.forModule(module, p).hostFact("init", status.startsWith("systemd=no") ? "sysv" : "systemd")
                .command(SystemdModule.status(p).fact(), 0, status.replaceFirst("^systemd=(yes|no)\n", ""));
    }

    @Test
    void aDropInIsWrittenThenOneDaemonReloadThenTheRestart() {
        SystemdParams p = new SystemdParams("libvirtd", null, Map.of("50-listen.conf", DROPIN), true, "started", null, null);
        Change change = module.plan(p, host(p, "systemd=yes\nenabled=disabled\nactive=inactive\nreload=no\n"));
        assertThat(change.operations()).containsExactly(
                new Operation.MakeDirectory("/etc/systemd/system/libvirtd.service.d", "0755", "", ""),
                Operation.WriteFile.replacing(dev.converge.spi.FileInfo.absent(PATH), DROPIN.getBytes(StandardCharsets.UTF_8), "0644", "", ""),
                new Operation.RunCommand(List.of("systemctl", "daemon-reload")),
                new Operation.RunCommand(List.of("systemctl", "enable", "--", "libvirtd.service")),
                new Operation.RunCommand(List.of("systemctl", "start", "--", "libvirtd.service")));
        FakeFacts after = host(p, "systemd=yes\nenabled=enabled\nactive=active\nreload=no\n").file(PATH, DROPIN)
                .fileInfo(new dev.converge.spi.FileInfo("/etc/systemd/system/libvirtd.service.d", dev.converge.spi.FileInfo.Kind.DIRECTORY,
                        "0755", "root", "root", new byte[0]));
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
    }

    @Test
    void maskAndAPendingReloadAndRestartedActsEveryRun() {
        SystemdParams mask = new SystemdParams("libvirtd-tcp.socket", null, null, null, null, true, null);
        assertThat(module.plan(mask, host(mask, "systemd=yes\nenabled=enabled\nactive=active\nreload=yes\n")).operations()).containsExactly(
                new Operation.RunCommand(List.of("systemctl", "daemon-reload")),
                new Operation.RunCommand(List.of("systemctl", "mask", "--", "libvirtd-tcp.socket")));
        assertThat(module.plan(mask, host(mask, "systemd=yes\nenabled=masked\nactive=inactive\nreload=no\n"))).isEqualTo(Change.none());
        SystemdParams restart = new SystemdParams("nova-compute", null, null, null, "restarted", null, null);
        Change change = module.plan(restart, host(restart, "systemd=yes\nenabled=enabled\nactive=active\nreload=no\n"));
        assertThat(change.converges()).isFalse();
        assertThat(change.operations()).containsExactly(new Operation.RunCommand(List.of("systemctl", "restart", "--", "nova-compute.service")));
    }

    @Test
    void withoutSystemdFilesAreWrittenWithAWarningAndUnitActionsFail() {
        SystemdParams files = new SystemdParams("x.service", "[Unit]\n", null, null, null, null, null);
        Change change = module.plan(files, host(files, "systemd=no\n"));
        assertThat(change.operations()).hasSize(1);
        assertThat(change.warnings()).containsExactly("this host does not run systemd: the files are written, no daemon-reload");
        SystemdParams start = new SystemdParams("x.service", null, null, null, "started", null, null);
        assertThatThrownBy(() -> module.plan(start, host(start, "systemd=no\n"))).isInstanceOf(PlanFailure.class)
                .hasMessageContaining("does not run systemd");
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(new SystemdParams("-x", null, Map.of("../evil", "x"), null, "up", null, "rel"), null))
                .extracting(ParamProblem::parameter).containsExactlyInAnyOrder("name", "dropins", "state", "unit_dir");
        assertThat(module.validate(new SystemdParams("x", null, null, true, null, true, null), null))
                .extracting(ParamProblem::parameter).containsExactly("masked");
        assertThat(module.validate(new SystemdParams("x", null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter).containsExactly("name");
    }
}
