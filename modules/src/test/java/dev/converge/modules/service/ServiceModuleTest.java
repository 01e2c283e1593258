package dev.converge.modules.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import dev.converge.spi.UnreadableFactException;
import dev.converge.testing.FakeFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceModuleTest {
    private final ServiceModule module = new ServiceModule();

    /** The host's {@code init} host fact and what its variant of the probe printed. */
    private FakeFacts status(ServiceParams p, String init, String answer) {
        return FakeFacts.forModule(module, p)
                .hostFact("init", init)
                .command(ServiceFacts.status(p.name(), init).orElseThrow().fact(), 0, answer.replace("\\n", "\n"));
    }

    /**
     * (params, facts) → change: the host fact {@code init}, the probe's answer, the parameters, the
     * commands planned ({@code ;} between them, {@code -} for none).
     */
    @ParameterizedTest(name = "{0} {2} enabled={3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            systemd | running=3\\nenabled=disabled                     | started   | true  | systemctl enable libvirtd;systemctl start libvirtd
            systemd | running=0\\nenabled=enabled                      | started   | true  | -
            systemd | running=0\\nenabled=enabled                      | stopped   |       | systemctl stop libvirtd
            systemd | running=0\\nenabled=static                       |           | false | systemctl disable libvirtd
            systemd | running=0\\nenabled=masked                       |           | true  | systemctl enable libvirtd
            systemd | running=0\\nenabled=enabled                      | restarted |       | systemctl restart libvirtd
            sysv    | enabler=update-rc.d\\nrunning=3\\nenabled=1       | started   | true  | update-rc.d libvirtd defaults;update-rc.d libvirtd enable;service libvirtd start
            sysv    | enabler=update-rc.d\\nrunning=0\\nenabled=0       | started   | true  | -
            sysv    | enabler=chkconfig\\nrunning=0\\nenabled=0         | stopped   | false | chkconfig libvirtd off;service libvirtd stop
            sysv    | enabler=none\\nrunning=3\\nenabled=1              | restarted |       | service libvirtd restart
            upstart | status=libvirtd start/running, process 7         | started   |       | -
            upstart | status=libvirtd stop/waiting                      | started   |       | start libvirtd
            upstart | status=libvirtd stop/waiting                      | reloaded  |       | reload libvirtd
            """)
    void planTable(String init, String answer, String state, Boolean enabled, String commands) {
        ServiceParams p = new ServiceParams("libvirtd", state, enabled);
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, status(p, init, answer));
        List<List<String>> expected = commands.equals("-")
                ? List.of()
                : Arrays.stream(commands.split(";"))
                        .map(c -> List.of(c.split(" ")))
                        .toList();
        assertThat(change.operations())
                .extracting(o -> ((Operation.RunCommand) o).argv())
                .containsExactlyElementsOf(expected);
        if (change.changed() && change.converges()) {
            // what it predicts is what the host will say: the same resource planned on it is a no-op
            TypedFact<ServiceStatus> probe =
                    ServiceFacts.status("libvirtd", init).orElseThrow();
            CommandOutput predicted = change.predicted().get(probe.fact());
            assertThat(predicted).as("prediction").isNotNull();
            assertThat(module.plan(p, status(p, init, predicted.stdout())).changed())
                    .isFalse();
        }
    }

    /** Parser and printer: parse(print(s)) == s, for each variant's shape. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true  | true  | enabled | ''                          | ''
            false | false | 1       | ''                          | update-rc.d
            true  | false | ''      | x stop/waiting              | ''
            """)
    void printIsTheInverseOfParse(boolean installed, boolean running, String enabled, String upstart, String enabler) {
        ServiceStatus status = new ServiceStatus(installed, upstart.isEmpty() && running, enabled, upstart, enabler);
        assertThat(ServiceStatus.parse(status.print())).isEqualTo(status);
    }

    @Test
    void restartedAlwaysActsAndDoesNotConverge() {
        ServiceParams p = new ServiceParams("nova-compute", "restarted", null);
        Change change = module.plan(p, status(p, "systemd", "running=0\nenabled=enabled\n"));
        assertThat(change.operations())
                .containsExactly(new Operation.RunCommand(List.of("systemctl", "restart", "nova-compute")));
        assertThat(change.converges()).isFalse();
    }

    /** The variants are declared for every init; the plan reads the host's one only (the others did not run). */
    @Test
    void theVariantOfTheHostsInitIsTheOneRead() {
        ServiceParams p = new ServiceParams("libvirtd", "started", null);
        assertThat(module.facts(p))
                .extracting(f -> ((Fact.CommandRun) f).when().toString())
                .containsExactlyInAnyOrder("init in [systemd]", "init in [upstart]", "init in [sysv]");
        FakeFacts host = status(p, "sysv", "enabler=none\nrunning=0\n");
        assertThat(module.plan(p, host).changed()).isFalse();
        assertThatThrownBy(() ->
                        host.read(ServiceFacts.status("libvirtd", "systemd").orElseThrow()))
                .isInstanceOf(UnreadableFactException.class);
        assertThat(module.facts(p))
                .noneMatch(
                        f -> f instanceof Fact.CommandRun c && c.argv().get(2).contains("run/systemd/system"))
                .as("no shell copy of the init detection");
    }

    @Test
    void theSysvProbeAsksServiceWhenThereIsNoInitScript(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        fakeProgram(bin.resolve("update-rc.d"), "exit 0");
        fakeProgram(bin.resolve("service"), "echo \"$@\" > " + dir.resolve("asked") + "; exit 0");
        ProcessBuilder builder = new ProcessBuilder(ServiceFacts.status("no-such-init-script", "sysv")
                .orElseThrow()
                .fact()
                .argv());
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).isZero();
        assertThat(out).isEqualTo("enabler=update-rc.d\nrunning=0\ninstalled=0\nenabled=1\n");
        assertThat(Files.readString(dir.resolve("asked"))).isEqualTo("no-such-init-script status\n");
        ServiceParams p = new ServiceParams("no-such-init-script", "stopped", null);
        assertThat(module.plan(p, status(p, "sysv", out)).operations())
                .containsExactly(new Operation.RunCommand(List.of("service", "no-such-init-script", "stop")));
    }

    private static void fakeProgram(Path path, String body) throws Exception {
        Files.writeString(path, "#!/bin/sh\n" + body + "\n");
        assertThat(path.toFile().setExecutable(true)).isTrue();
    }

    @Test
    void upstartSeedStep9() {
        ServiceParams p = new ServiceParams("libvirt-bin", "started", false);
        Change change = module.plan(p, status(p, "upstart", "status=libvirt-bin stop/waiting\n"));
        assertThat(change.operations())
                .containsExactly(
                        new Operation.WriteFile(
                                "/etc/init/libvirt-bin.override",
                                "manual\n".getBytes(),
                                "0644",
                                "",
                                "",
                                "absent",
                                false,
                                false),
                        new Operation.RunCommand(List.of("start", "libvirt-bin")));
    }

    @Test
    void anInitWeDoNotDriveFailsLoudly() {
        ServiceParams p = new ServiceParams("x", "started", null);
        FakeFacts host = FakeFacts.forModule(module, p).hostFact("init", "runit");
        assertThatThrownBy(() -> module.plan(p, host))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("init system")
                .hasMessageContaining("'runit'");
    }

    @Test
    void invalidParams() {
        assertThat(module.validate(new ServiceParams("../x y", "running", null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("name", "state");
        assertThat(module.validate(new ServiceParams("x", null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("state");
    }

    /** Check mode of a service whose package comes earlier in the run: "not installed", not "stopped". */
    @Test
    void aServiceNotInstalledYetSaysSo() {
        ServiceParams p = new ServiceParams("nfs-kernel-server", "restarted", null);
        Change change = module.plan(p, status(p, "sysv", "enabler=update-rc.d\nrunning=1\ninstalled=0\nenabled=1\n"));
        assertThat(change.fields()).containsExactly(new Change.FieldChange("state", "not installed", "restarted"));
        Change installed =
                module.plan(p, status(p, "sysv", "enabler=update-rc.d\nrunning=3\ninstalled=1\nenabled=1\n"));
        assertThat(installed.fields()).containsExactly(new Change.FieldChange("state", "stopped", "restarted"));
    }
}
