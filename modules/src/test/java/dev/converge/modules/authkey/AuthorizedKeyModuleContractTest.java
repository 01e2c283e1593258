package dev.converge.modules.authkey;

import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import java.nio.file.Files;
import java.util.List;

/** The contract on this machine: the running user's own keys, in files under the test's directory. */
class AuthorizedKeyModuleContractTest extends ModuleContractTest<AuthorizedKeyParams> {
    private static final String USER = System.getProperty("user.name");
    private static final String ALICE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@laptop";
    private static final String BOB = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQBob bob@desk";

    @Override
    protected Module<AuthorizedKeyParams> module() {
        return new AuthorizedKeyModule();
    }

    /** getent is not a BusyBox applet (an Alpine host has it from musl-utils; the lab's BusyBox host keeps it). */
    @Override
    protected boolean runsOn(Shells.Shell shell) {
        return !shell.busybox();
    }

    @Override
    protected void prepare() throws Exception {
        Files.createDirectories(dir.resolve("ssh"));
        Files.writeString(dir.resolve("ssh/authorized_keys"), "# keys\n" + BOB + "\n");
    }

    @Override
    protected List<AuthorizedKeyParams> convergingCases() {
        String existing = dir.resolve("ssh/authorized_keys").toString();
        return List.of(
                new AuthorizedKeyParams(USER, ALICE, null, null, null, existing),
                new AuthorizedKeyParams(USER, BOB, "no-pty,from=\"10.0.0.0/8\"", null, null, existing),
                new AuthorizedKeyParams(USER, ALICE, null, null, true, existing),
                new AuthorizedKeyParams(USER, BOB, null, "absent", null, existing),
                new AuthorizedKeyParams(
                        USER,
                        ALICE,
                        null,
                        null,
                        null,
                        dir.resolve("new/.ssh/authorized_keys").toString()));
    }

    @Override
    protected List<AuthorizedKeyParams> invalidCases() {
        return List.of(
                new AuthorizedKeyParams(null, ALICE, null, null, null, null),
                new AuthorizedKeyParams("root", "AAAA", null, null, null, null),
                new AuthorizedKeyParams("root", ALICE, null, "gone", null, null));
    }
}
