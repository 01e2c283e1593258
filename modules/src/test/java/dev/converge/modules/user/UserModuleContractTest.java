package dev.converge.modules.user;

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
import java.util.List;

/**
 * The module contract through the engine's real gather and apply scripts, with the real
 * useradd/groupadd and getent, each script in a private mount namespace whose /etc is a copy
 * ({@link PrivateEtc}): the machine's accounts are never touched. BusyBox has no useradd/groupadd.
 */
class UserModuleContractTest extends ModuleContractTest<UserParams> {
    @Override
    protected Module<UserParams> module() {
        return new UserModule();
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
    protected ModuleHarness<UserParams> purityHarness() {
        return new ModuleHarness<>(
                module(), templates(), transport(Shells.installed().get(0)));
    }

    @Override
    protected List<UserParams> convergingCases() {
        return List.of(
                Texts.bind(
                        UserParams.class,
                        "{'name': 'converge-ct', 'uid': 4242, 'home': '" + dir.resolve("home-ct")
                                + "', 'shell': '/bin/sh'}"),
                Texts.bind(
                        UserParams.class,
                        "{'name': 'converge-sys', 'system': true, 'create_home': false, 'home': '/nonexistent'}"),
                Texts.bind(UserParams.class, "{'name': 'games', 'state': 'absent'}"));
    }

    @Override
    protected List<UserParams> invalidCases() {
        return List.of(
                Texts.bind(UserParams.class, "{'name': 'Not A Name'}"),
                Texts.bind(UserParams.class, "{'name': 'x', 'uid': -1}"),
                Texts.bind(UserParams.class, "{'name': 'x', 'state': 'gone'}"));
    }
}
