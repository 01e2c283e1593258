package dev.converge.modules.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import dev.converge.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module contract through the engine's real gather and apply scripts on this machine when it
 * runs no systemd (host fact init is sysv, as on the CI machine), rootless: a fake {@code service}
 * first on each shell's PATH keeps the running services in a file of the test's directory. Boot-time
 * enablement (S links in the machine's /etc/rc?.d) and systemd/upstart are the lab's.
 */
class ServiceModuleContractTest extends ModuleContractTest<ServiceParams> {
    /** {@code service NAME status|start|stop|restart|reload} on a file of running names. */
    private static final String FAKE_SERVICE = """
            #!/bin/sh
            db=${CONVERGE_FAKE_SERVICES:?}; touch "$db"
            n=$1
            case $2 in
              status|reload) grep -qx -- "$n" "$db" ;;
              start|restart) grep -qx -- "$n" "$db" || printf '%s\\n' "$n" >> "$db" ;;
              stop) grep -vx -- "$n" "$db" > "$db.new"; mv "$db.new" "$db" ;;
              *) echo "fake service: $2" >&2; exit 2 ;;
            esac
            """;

    @Override
    protected Module<ServiceParams> module() {
        return new ServiceModule();
    }

    private Path bin() {
        return dir.resolve("fakebin");
    }

    private Path running() {
        return dir.resolve("running");
    }

    /** Each case starts with converge-fake-b running and converge-fake-a stopped. */
    @Override
    protected void prepare() throws Exception {
        assumeTrue(
                !Files.isDirectory(Path.of("/run/systemd/system"))
                        && !Files.isDirectory(Path.of("/etc/init"))
                        && !Files.exists(Path.of("/etc/init.d/converge-fake-a")),
                "this machine's init is sysv (else: the lab)");
        Files.createDirectories(bin());
        Path fake = bin().resolve("service");
        Files.writeString(fake, FAKE_SERVICE);
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        Files.writeString(running(), "converge-fake-b\n");
    }

    @Override
    protected Transport transport(Shells.Shell shell) {
        return shell.transport("PATH=" + bin() + ":" + shell.path(), "CONVERGE_FAKE_SERVICES=" + running());
    }

    @Override
    protected ModuleHarness<ServiceParams> purityHarness() {
        return new ModuleHarness<>(
                module(), templates(), transport(Shells.installed().get(0)));
    }

    @Override
    protected List<ServiceParams> convergingCases() {
        return List.of(
                new ServiceParams("converge-fake-a", "started", null),
                new ServiceParams("converge-fake-b", "stopped", null),
                new ServiceParams("converge-fake-a", "restarted", null));
    }

    @Override
    protected List<ServiceParams> invalidCases() {
        return List.of(
                new ServiceParams("../x", "started", null),
                new ServiceParams("x", "running", null),
                new ServiceParams("x", null, null));
    }

    /** The sysv variant is the one the gather ran (the host fact init), and its answer drives the plan. */
    @Test
    void theHostsInitVariantIsTheOneRun() throws Exception {
        prepare();
        ModuleHarness<ServiceParams> harness = purityHarness();
        ModuleHarness.Planned planned = harness.plan(new ServiceParams("converge-fake-b", "started", null));
        assertThat(planned.facts().hostFacts()).containsEntry("init", "sysv");
        assertThat(planned.change().changed()).as("converge-fake-b runs").isFalse();
        assertThat(planned.reads())
                .hasSize(1)
                .allSatisfy(f -> assertThat(f.toString()).contains("init in [sysv]"));
    }
}
