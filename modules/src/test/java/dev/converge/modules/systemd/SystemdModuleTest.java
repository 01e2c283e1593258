package dev.converge.modules.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import dev.converge.testing.Golden;
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
        return FakeFacts.forModule(module, p)
                .hostFact("init", status.startsWith("systemd=no") ? "sysv" : "systemd")
                .command(SystemdModule.status(p).fact(), 0, status.replaceFirst("^systemd=(yes|no)\n", ""));
    }

    @Test
    void aDropInIsWrittenThenOneDaemonReloadThenTheRestart() {
        SystemdParams p =
                new SystemdParams("libvirtd", null, Map.of("50-listen.conf", DROPIN), true, "started", null, null);
        Change change = module.plan(p, host(p, "systemd=yes\nenabled=disabled\nactive=inactive\nreload=no\n"));
        assertThat(change.operations())
                .containsExactly(
                        new Operation.MakeDirectory("/etc/systemd/system/libvirtd.service.d", "0755", "", ""),
                        Operation.WriteFile.replacing(
                                FileInfo.absent(PATH), DROPIN.getBytes(StandardCharsets.UTF_8), "0644", "", ""),
                        SystemdModule.DAEMON_RELOAD,
                        new Operation.RunCommand(List.of("systemctl", "enable", "--", "libvirtd.service")),
                        new Operation.RunCommand(List.of("systemctl", "start", "--", "libvirtd.service")));
        FakeFacts after = host(p, "systemd=yes\nenabled=enabled\nactive=active\nreload=no\n")
                .file(PATH, DROPIN)
                .fileInfo(new FileInfo(
                        "/etc/systemd/system/libvirtd.service.d",
                        FileInfo.Kind.DIRECTORY,
                        "0755",
                        "root",
                        "root",
                        new byte[0]));
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
    }

    /**
     * Two units changed in one batch: both files written, then ONE daemon-reload, then each unit's
     * enable/start (golden: the batch's script).
     */
    @Test
    void consecutiveUnitsShareOneDaemonReloadAfterTheLastWriteAndBeforeTheFirstStart() throws Exception {
        SystemdParams dropin =
                new SystemdParams("libvirtd", null, Map.of("50-listen.conf", DROPIN), true, "started", null, null);
        SystemdParams unit = new SystemdParams(
                "converge-probe.service", "[Service]\nExecStart=/bin/true\n", null, null, "restarted", null, null);
        Change first = module.plan(dropin, host(dropin, "systemd=yes\nenabled=disabled\nactive=inactive\nreload=no\n"));
        Change second = module.plan(unit, host(unit, "systemd=yes\nenabled=static\nactive=inactive\nreload=no\n"));

        String script = ModuleHarness.batchScript(List.of(first, second));

        Golden.assertMatches("systemd/two-units-one-reload.sh", script);
        assertThat(script.split("systemctl daemon-reload", -1))
                .as("daemon-reload runs once")
                .hasSize(2);
        String calls = script.substring(script.indexOf("cv_lock"), script.indexOf("echo \"@@$N end\""));
        assertThat(calls.indexOf("cv_run s1a"))
                .as("the second unit's file is written before the shared reload")
                .isLessThan(calls.indexOf("cv_run g0"))
                .isPositive();
        assertThat(calls.indexOf("cv_run g0"))
                .as("the reload runs before the first start")
                .isLessThan(calls.indexOf("cv_run s0b"));
    }

    @Test
    void maskAndAPendingReloadAndRestartedActsEveryRun() {
        SystemdParams mask = new SystemdParams("libvirtd-tcp.socket", null, null, null, null, true, null);
        assertThat(module.plan(mask, host(mask, "systemd=yes\nenabled=enabled\nactive=active\nreload=yes\n"))
                        .operations())
                .containsExactly(
                        SystemdModule.DAEMON_RELOAD,
                        new Operation.RunCommand(List.of("systemctl", "mask", "--", "libvirtd-tcp.socket")));
        assertThat(module.plan(mask, host(mask, "systemd=yes\nenabled=masked\nactive=inactive\nreload=no\n")))
                .isEqualTo(Change.none());
        SystemdParams restart = new SystemdParams("nova-compute", null, null, null, "restarted", null, null);
        Change change = module.plan(restart, host(restart, "systemd=yes\nenabled=enabled\nactive=active\nreload=no\n"));
        assertThat(change.converges()).isFalse();
        assertThat(change.operations())
                .containsExactly(
                        new Operation.RunCommand(List.of("systemctl", "restart", "--", "nova-compute.service")));
    }

    @Test
    void withoutSystemdFilesAreWrittenWithAWarningAndUnitActionsFail() {
        SystemdParams files = new SystemdParams("x.service", "[Unit]\n", null, null, null, null, null);
        Change change = module.plan(files, host(files, "systemd=no\n"));
        assertThat(change.operations()).hasSize(1);
        assertThat(change.warnings())
                .containsExactly("this host does not run systemd: the files are written, no daemon-reload");
        SystemdParams start = new SystemdParams("x.service", null, null, null, "started", null, null);
        assertThatThrownBy(() -> module.plan(start, host(start, "systemd=no\n")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("does not run systemd");
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(
                        new SystemdParams("-x", null, Map.of("../evil", "x"), null, "up", null, "rel"), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("name", "dropins", "state", "unit_dir");
        assertThat(module.validate(new SystemdParams("x", null, null, true, null, true, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("masked");
        assertThat(module.validate(new SystemdParams("x", null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("name");
    }
}
