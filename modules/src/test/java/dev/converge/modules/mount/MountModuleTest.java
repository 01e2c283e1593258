package dev.converge.modules.mount;

import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountModuleTest {
    private static final List<String> FINDMNT =
            List.of("findmnt", "-n", "-o", "SOURCE,FSTYPE", "--mountpoint", "/var/lib/nova/instances");
    private final MountModule module = new MountModule();
    private final MountParams seed = bind(
            MountParams.class,
            "{'path':'/var/lib/nova/instances','src':'hosta:/'," + "'fstype':'nfs4','opts':'defaults,_netdev'}");

    @Test
    void mountedWritesFstabThenMountsThenConverges() {
        assertThat(module.validate(seed, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, seed)
                .file("/etc/fstab", fixture("fstab"))
                .command(FINDMNT, 1, "");
        Change change = module.plan(seed, facts);
        assertThat(change.operations()).hasSize(3);
        assertThat(change.operations().get(0)).isInstanceOf(Operation.WriteFile.class);
        assertThat(change.operations().get(1))
                .isEqualTo(new Operation.MakeDirectory("/var/lib/nova/instances", "", "", ""));
        assertThat(change.operations().get(2))
                .isEqualTo(new Operation.RunCommand(List.of("mount", "/var/lib/nova/instances")));

        facts.afterWrites(change.operations())
                .command(FINDMNT, 0, "hosta:/ nfs4\n")
                .fileInfo(
                        new FileInfo("/var/lib/nova/instances", FileInfo.Kind.DIRECTORY, "0755", "nova", "nova", null));
        assertThat(module.plan(seed, facts)).isEqualTo(Change.none());
    }

    @Test
    void theDaemonReloadAdviceIsGivenOnlyOnSystemdHosts() {
        MountParams p =
                new MountParams("/var/lib/nova/instances", "hosta:/", "nfs4", null, null, null, "present", null);
        Change systemd = module.plan(
                p,
                FakeFacts.forModule(module, p)
                        .hostFact("init", "systemd")
                        .file("/etc/fstab", "")
                        .command(FINDMNT, 1, ""));
        assertThat(systemd.warnings()).singleElement().asString().contains("systemctl daemon-reload");
        for (String init : List.of("sysv", "upstart")) {
            Change other = module.plan(
                    p,
                    FakeFacts.forModule(module, p)
                            .hostFact("init", init)
                            .file("/etc/fstab", "")
                            .command(FINDMNT, 1, ""));
            assertThat(other.operations()).singleElement().isInstanceOf(Operation.WriteFile.class);
            assertThat(other.warnings()).as(init).noneMatch(w -> w.contains("systemctl"));
        }
    }

    @Test
    void presentOnlyWritesFstab() {
        MountParams p =
                new MountParams("/var/lib/nova/instances", "hosta:/", "nfs4", null, null, null, "present", null);
        Change change = module.plan(
                p, FakeFacts.forModule(module, p).file("/etc/fstab", "").command(FINDMNT, 1, ""));
        assertThat(change.operations()).singleElement().isInstanceOf(Operation.WriteFile.class);
    }

    @Test
    void absentUnmountsThenRemovesTheEntry() {
        MountParams p = new MountParams("/var/lib/nova/instances", null, null, null, null, null, "absent", null);
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(
                p,
                FakeFacts.forModule(module, p)
                        .file("/etc/fstab", "hosta:/ /var/lib/nova/instances nfs4 defaults 0 0\n")
                        .command(FINDMNT, 0, "hosta:/ nfs4"));
        assertThat(change.operations()).hasSize(2);
        assertThat(change.operations().get(0))
                .isEqualTo(new Operation.RunCommand(List.of("umount", "/var/lib/nova/instances")));
    }

    @Test
    void invalidParams() {
        MountParams p = new MountParams("//var/lib", null, "nfs 4", null, null, 5, "on", "fstab");
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "fstab", "state", "fstype", "passno");
        assertThat(module.validate(new MountParams(null, null, null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "src", "fstype");
    }
}
