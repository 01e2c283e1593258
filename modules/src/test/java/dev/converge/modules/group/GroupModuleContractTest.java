package dev.converge.modules.group;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.exec.ModuleHarness;
import dev.converge.modules.testing.Texts;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.PrivateEtc;
import dev.converge.testing.Shells;
import dev.converge.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The module contract through the engine's real gather and apply scripts, with the real
 * useradd/groupadd and getent, each script in a private mount namespace whose /etc is a copy
 * ({@link PrivateEtc}): the machine's accounts are never touched. BusyBox has no useradd/groupadd.
 */
class GroupModuleContractTest extends ModuleContractTest<GroupParams> {
    @Override
    protected Module<GroupParams> module() {
        return new GroupModule();
    }

    private Path etc() {
        return dir.resolve("etc");
    }

    /** Each case starts from a fresh copy of this machine's /etc. */
    @Override
    protected void prepare() throws Exception {
        assumeTrue(PrivateEtc.available(), "needs a private mount namespace (root, unshare)");
        if (Files.exists(etc())) {
            new ProcessBuilder("rm", "-rf", etc().toString()).start().waitFor();
        }
        Files.createDirectories(etc());
        PrivateEtc.copyEtc(etc());
        // a group no user has as primary group, for the absent case
        Files.writeString(etc().resolve("group"), "converge-gone:x:4444:\n", StandardOpenOption.APPEND);
        Files.writeString(etc().resolve("gshadow"), "converge-gone:!::\n", StandardOpenOption.APPEND);
    }

    @Override
    protected boolean runsOn(Shells.Shell shell) {
        return !shell.busybox();
    }

    @Override
    protected Transport transport(Shells.Shell shell) {
        return PrivateEtc.transport(shell, etc());
    }

    @Override
    protected ModuleHarness<GroupParams> purityHarness() {
        return new ModuleHarness<>(
                module(), templates(), transport(Shells.installed().get(0)));
    }

    @Override
    protected List<GroupParams> convergingCases() {
        return List.of(
                Texts.bind(GroupParams.class, "{'name': 'converge-ct', 'gid': 4343}"),
                Texts.bind(GroupParams.class, "{'name': 'converge-sys', 'system': true}"),
                Texts.bind(GroupParams.class, "{'name': 'converge-gone', 'state': 'absent'}"));
    }

    @Override
    protected List<GroupParams> invalidCases() {
        return List.of(
                Texts.bind(GroupParams.class, "{'name': 'Not A Name'}"),
                Texts.bind(GroupParams.class, "{'name': 'x', 'gid': -1}"),
                Texts.bind(GroupParams.class, "{'name': 'x', 'state': 'gone'}"));
    }
}
