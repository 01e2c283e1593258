package dev.converge.modules.sysctl;

import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import java.nio.file.Files;
import java.util.List;

/** The contract on this machine, files only ({@code live: false}: the machine's kernel is never touched; the lab sets live values). */
class SysctlModuleContractTest extends ModuleContractTest<SysctlParams> {
    @Override
    protected Module<SysctlParams> module() {
        return new SysctlModule();
    }

    @Override
    protected void prepare() throws Exception {
        Files.writeString(dir.resolve("existing.conf"), "# tuned\nvm.swappiness=60\nkernel.panic = 10\n");
    }

    @Override
    protected List<SysctlParams> convergingCases() {
        return List.of(
                new SysctlParams(
                        "net.ipv4.ip_forward",
                        "1",
                        null,
                        dir.resolve("new.conf").toString(),
                        false),
                new SysctlParams(
                        "vm/swappiness",
                        "10",
                        null,
                        dir.resolve("existing.conf").toString(),
                        false),
                new SysctlParams(
                        "kernel.panic",
                        null,
                        "absent",
                        dir.resolve("existing.conf").toString(),
                        false));
    }

    @Override
    protected List<SysctlParams> invalidCases() {
        return List.of(
                new SysctlParams(null, "1", null, null, null),
                new SysctlParams("x", null, null, null, null),
                new SysctlParams("x", "1\n2", null, null, null),
                new SysctlParams("x", "1", null, "relative.conf", null));
    }
}
