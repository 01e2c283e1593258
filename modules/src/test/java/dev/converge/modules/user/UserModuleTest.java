package dev.converge.modules.user;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserModuleTest {
    private static final List<String> PASSWD = List.of("getent", "passwd", "nova");
    private static final List<String> GROUP = List.of("getent", "group", "nova");
    private static final List<String> ID = List.of("id", "-Gn", "nova");
    private final UserModule module = new UserModule();
    private final UserParams nova = bind(
            UserParams.class,
            "{'name':'nova','uid':162,'group':'nova',"
                    + "'groups':['libvirt'],'home':'/var/lib/nova','shell':'/bin/sh','system':true,'reown':true}");

    @Test
    void createsAMissingUser() {
        assertThat(module.validate(nova, null)).isEmpty();
        Change change = module.plan(
                nova,
                FakeFacts.forModule(module, nova)
                        .command(PASSWD, 2, "")
                        .command(GROUP, 0, "nova:x:162:\n")
                        .command(ID, 1, ""));
        assertThat(change.operations())
                .containsExactly(new Operation.RunCommand(List.of(
                        "useradd",
                        "-u",
                        "162",
                        "-g",
                        "nova",
                        "-G",
                        "libvirt",
                        "-d",
                        "/var/lib/nova",
                        "-s",
                        "/bin/sh",
                        "-r",
                        "-M",
                        "nova")));
        assertThat(change.fields())
                .as("a new user lists what it is created with")
                .containsExactly(
                        new Change.FieldChange("state", "absent", "present (uid 162)"),
                        new Change.FieldChange("group", "", "nova"),
                        new Change.FieldChange("groups", "", "libvirt"),
                        new Change.FieldChange("home", "", "/var/lib/nova"),
                        new Change.FieldChange("shell", "", "/bin/sh"));
    }

    @Test
    void seedStep2RenumbersAndReownsThenConverges() {
        FakeFacts before = FakeFacts.forModule(module, nova)
                .command(PASSWD, 0, "nova:x:117:125:,,,:/var/lib/nova:/bin/sh\n")
                .command(GROUP, 0, "nova:x:162:\n")
                .command(ID, 0, "nova libvirt\n");
        Change change = module.plan(nova, before);
        assertThat(change.operations())
                .containsExactly(
                        new Operation.RunCommand(List.of("usermod", "-u", "162", "-g", "nova", "nova")),
                        new Operation.RunCommand(List.of(
                                "find", "/", "-xdev", "-uid", "117", "-exec", "chown", "-h", "162", "{}", "+")));
        assertThat(change.fields())
                .containsExactly(
                        new Change.FieldChange("uid", "117", "162"), new Change.FieldChange("group", "125", "nova"));

        FakeFacts after = FakeFacts.forModule(module, nova)
                .command(PASSWD, 0, "nova:x:162:162:,,,:/var/lib/nova:/bin/sh\n")
                .command(GROUP, 0, "nova:x:162:\n")
                .command(ID, 0, "nova libvirt\n");
        assertThat(module.plan(nova, after)).isEqualTo(Change.none());
    }

    @Test
    void supplementaryGroupsExactOrAppended() {
        UserParams exact = new UserParams(
                "nova", null, null, List.of("libvirt", "kvm"), null, null, null, null, null, null, null, null, null);
        FakeFacts facts = FakeFacts.forModule(module, exact)
                .command(PASSWD, 0, "nova:x:162:162::/var/lib/nova:/bin/sh")
                .command(ID, 0, "nova libvirt qemu");
        assertThat(module.plan(exact, facts).operations())
                .containsExactly(new Operation.RunCommand(List.of("usermod", "-G", "libvirt,kvm", "nova")));
        UserParams append = new UserParams(
                "nova", null, null, List.of("libvirt"), true, null, null, null, null, null, null, null, null);
        assertThat(module.plan(
                        append,
                        FakeFacts.forModule(module, append)
                                .command(PASSWD, 0, "nova:x:162:162::/var/lib/nova:/bin/sh")
                                .command(ID, 0, "nova libvirt qemu")))
                .isEqualTo(Change.none());
    }

    @Test
    void absentDeletes() {
        UserParams p =
                new UserParams("nova", null, null, null, null, null, null, null, null, "absent", true, null, null);
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(PASSWD, 0, "nova:x:1:1::/h:/bin/sh"))
                        .operations())
                .containsExactly(new Operation.RunCommand(List.of("userdel", "-r", "nova")));
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(PASSWD, 2, "")))
                .isEqualTo(Change.none());
    }

    @Test
    void invalidParams() {
        UserParams p = new UserParams(
                "Nova Compute",
                -1L,
                "no such",
                List.of("ok", "NOT OK"),
                null,
                "home",
                "sh",
                null,
                null,
                "gone",
                null,
                null,
                List.of("var"));
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("name", "uid", "group", "groups", "home", "shell", "state", "reown_paths");
    }
}
