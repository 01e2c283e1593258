package dev.converge.modules.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.testing.PeerContext;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveMigrationModuleTest {
    private static final List<String> DOMSTATE = List.of("virsh", "-q", "domstate", "vm1");
    private final LiveMigrationModule module = new LiveMigrationModule();
    private final LiveMigrationParams params =
            new LiveMigrationParams("vm1", "HostC", "libvirt", 60L, true, null, null);

    private static final String PREFLIGHT_OK = "state running\nreach ok\nneed 524288\nfree 3900000\n";

    private PeerContext where(String running) {
        return where(running, PREFLIGHT_OK);
    }

    /** Where the domain runs, and what the preflight printed on that host. */
    private PeerContext where(String running, String preflight) {
        PeerContext ctx = new PeerContext("HostB");
        for (String host : List.of("HostB", "HostC")) {
            ctx.on(host).command(DOMSTATE, host.equals(running) ? 0 : 1, host.equals(running) ? "running\n\n" : "");
            ctx.on(host)
                    .command(Preflight.fact(params).argv(), 0, host.equals(running) ? preflight : "state shut off\n");
        }
        return ctx;
    }

    @Test
    void theSourceMigratesWithTheConstantScriptAndArgumentsAsData() {
        Change change = module.plan(params, where("HostB"));
        assertThat(change.operations()).singleElement().isInstanceOfSatisfying(Operation.RunCommand.class, run -> {
            assertThat(run.argv())
                    .startsWith("sh", "-c", MigrateScript.SCRIPT)
                    .endsWith("live_migration", "vm1", "HostC", "qemu+tcp://HostC/system", "60", "true");
        });
        assertThat(change.converges()).isTrue();
        assertThat(change.fields()).singleElement().satisfies(f -> {
            assertThat(f.before()).isEqualTo("HostB");
            assertThat(f.after()).isEqualTo("HostC");
        });
        assertThat(module.plan(params, where("HostB").as("HostC")).changed())
                .as("the target does nothing")
                .isFalse();
    }

    /**
     * The preflight is a fact: in a dry run a refusal fails the plan (so --check reports it), virsh's
     * cause first; a real run plans the migration, whose apply step judges after the target was configured.
     */
    @Test
    void aPreflightThatRefusesFailsTheCheckWithVirshsCauseFirst() {
        String unreachable =
                "state running\nreach Unable to resolve address 'HostC' service '16509': Name or service not known; "
                        + "failed to connect to the hypervisor\nneed 524288\nfree \n";
        assertThat(module.plan(params, where("HostB", unreachable)).changed())
                .as("a real run")
                .isTrue();
        assertThat(module.plan(params, where("HostB", PREFLIGHT_OK).checking()).changed())
                .as("a check that passes")
                .isTrue();
        assertThatThrownBy(() -> module.plan(params, where("HostB", unreachable).checking()))
                .isInstanceOf(PlanFailure.class)
                .hasMessage(
                        "virsh: Unable to resolve address 'HostC' service '16509': Name or service not known; failed to connect to "
                                + "the hypervisor (preflight: libvirtd on HostC does not answer at qemu+tcp://HostC/system; is it listening for "
                                + "TCP and is port 16509 open?)");
        assertThatThrownBy(() -> module.plan(
                        params,
                        where("HostB", "state running\nreach ok\nneed 524288\nfree 100000\n")
                                .checking()))
                .isInstanceOf(PlanFailure.class)
                .hasMessage("preflight: HostC has 100000 KiB free, vm1 needs 524288 KiB");
        assertThat(module.plan(params, where("HostB", unreachable).checking().as("HostC"))
                        .changed())
                .as("only the source judges its preflight")
                .isFalse();
    }

    /** The preflight script itself, with a fake virsh: what it prints on the source and on another host. */
    @Test
    void thePreflightScriptReadsOnlyAndReportsVirshsError(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("calls");
        Path virsh = dir.resolve("virsh");
        Files.writeString(virsh, """
                #!/bin/sh
                echo "$*" >> "%s"
                case "$*" in
                  "-q domstate vm1") echo running ;;
                  "-c qemu+tcp://HostZ/system hostname")
                    echo "error: failed to connect to the hypervisor" >&2
                    echo "error: Unable to resolve address 'HostZ' service '16509': Name or service not known" >&2
                    exit 1 ;;
                  "dominfo vm1") printf 'Name:           vm1\\nUsed memory:    524288 KiB\\n' ;;
                  *) exit 1 ;;
                esac
                """.formatted(log));
        virsh.toFile().setExecutable(true);
        LiveMigrationParams toZ = new LiveMigrationParams("vm1", "HostZ", "libvirt", 60L, true, null, null);
        ProcessBuilder pb = new ProcessBuilder(Preflight.fact(toZ).argv());
        pb.environment().put("PATH", dir + ":/usr/bin:/bin");
        Process p = pb.start();
        String stdout = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).isZero();
        assertThat(stdout)
                .isEqualTo(
                        "state running\nreach Unable to resolve address 'HostZ' service '16509': Name or service not known; "
                                + "failed to connect to the hypervisor\nneed 524288\nfree \n");
        assertThat(Files.readAllLines(log))
                .as("read-only virsh calls")
                .allMatch(l ->
                        l.matches("-q domstate vm1|-c qemu\\+tcp://HostZ/system (hostname|nodememstats)|dominfo vm1"));
        assertThat(Preflight.refusal(new CommandOutput(0, stdout, ""), toZ))
                .get()
                .asString()
                .startsWith("virsh: Unable to resolve address 'HostZ'");
    }

    @Test
    void alreadyOnTheTargetIsNoChangeAnywhere() {
        assertThat(module.plan(params, where("HostC")).changed()).isFalse();
        assertThat(module.plan(params, where("HostC").as("HostC")).changed()).isFalse();
    }

    @Test
    void notRunningAnywhereFailsOnceOnTheTarget() {
        assertThat(module.plan(params, where("nowhere")).changed()).isFalse();
        assertThatThrownBy(() -> module.plan(params, where("nowhere").as("HostC")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("not running on any host")
                .hasMessageContaining("HostB: not defined");
    }

    @Test
    void runningTwiceIsRefused() {
        PeerContext ctx = new PeerContext("HostB");
        ctx.on("HostB").command(DOMSTATE, 0, "running");
        ctx.on("HostC").command(DOMSTATE, 0, "running");
        assertThatThrownBy(() -> module.plan(params, ctx))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("several hosts");
    }

    @Test
    void theTargetIsAnInventoryHostForTheLibvirtDriverOnly() {
        assertThat(module.hostReferences(params)).containsExactly(Map.entry("to", "HostC"));
        assertThat(module.hostReferences(new LiveMigrationParams("vm1", "compute-7", "nova", null, null, null, null)))
                .isEmpty();
    }

    /** A failed preflight says virsh's own cause first (its last error line), before any log. */
    @Test
    void aFailedPreflightShowsVirshsOwnErrorFirst(@TempDir Path dir) throws Exception {
        Path virsh = dir.resolve("virsh");
        Files.writeString(virsh, """
                #!/bin/sh
                case "$*" in
                  "-q domstate vm1") echo running ;;
                  "-c qemu+tcp://HostZ/system hostname")
                    echo "error: failed to connect to the hypervisor" >&2
                    echo "error: Unable to resolve address 'HostZ' service '16509': Name or service not known" >&2
                    exit 1 ;;
                  *) exit 1 ;;
                esac
                """);
        virsh.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder(
                MigrateScript.argv(new LiveMigrationParams("vm1", "HostZ", "libvirt", 60L, true, null, null)));
        pb.environment().put("PATH", dir + ":/usr/bin:/bin");
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor()).isEqualTo(1);
        assertThat(stderr.lines().findFirst())
                .contains("live_migration: virsh: Unable to resolve address 'HostZ' service '16509': "
                        + "Name or service not known; failed to connect to the hypervisor (preflight: libvirtd on HostZ does not answer at "
                        + "qemu+tcp://HostZ/system; is it listening for TCP and is port 16509 open?)");
        assertThat(stderr.lines().toList())
                .as("the cause, then the logs on one line: both within the report's last lines")
                .hasSize(2)
                .last()
                .asString()
                .startsWith("(source ")
                .contains("target HostZ: /var/log/libvirt/qemu/vm1.log");
    }

    @Test
    void invalidParameters() {
        List<ParamProblem> problems =
                module.validate(new LiveMigrationParams("vm 1; reboot", null, "xen", 0L, null, "http://x", null), null);
        assertThat(problems)
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("instance", "to", "driver", "timeout", "uri");
    }

    /** A password in the URI would be an argument of virsh on the source host: refused, the URL shapes without one pass. */
    @Test
    void aUriWithAPasswordIsRefused() {
        assertThat(module.validate(
                        new LiveMigrationParams(
                                "vm1", "HostC", null, null, null, "qemu+tcp://admin:pw1234@HostC/system", null),
                        null))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("uri");
                    assertThat(p.reason()).contains("must not hold a password");
                });
        assertThat(module.validate(
                        new LiveMigrationParams(
                                "vm1", "HostC", null, null, null, "qemu+ssh://admin@HostC/system", null),
                        null))
                .isEmpty();
    }
}
