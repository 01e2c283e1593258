package dev.converge.modules.systemd;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The contract on this machine when it does not run systemd (as the CI machine): unit files and drop-ins in the test's directory. */
class SystemdModuleContractTest extends ModuleContractTest<SystemdParams> {
    @Override
    protected Module<SystemdParams> module() {
        return new SystemdModule();
    }

    @Override
    protected void prepare() {
        assumeFalse(
                Files.isDirectory(Path.of("/run/systemd/system")), "this machine runs systemd: the lab is the place");
    }

    @Override
    protected List<SystemdParams> convergingCases() {
        String units = dir.toString();
        return List.of(
                new SystemdParams("converge-test", "[Service]\nExecStart=/bin/true\n", null, null, null, null, units),
                new SystemdParams(
                        "libvirtd",
                        null,
                        Map.of("50-listen.conf", "[Service]\nEnvironment=A=1\n"),
                        null,
                        null,
                        null,
                        units));
    }

    @Override
    protected List<SystemdParams> invalidCases() {
        return List.of(
                new SystemdParams(null, null, null, true, null, null, null),
                new SystemdParams("x", null, Map.of("a/b.conf", ""), null, null, null, null),
                new SystemdParams("x", null, null, null, null, null, null));
    }
}
