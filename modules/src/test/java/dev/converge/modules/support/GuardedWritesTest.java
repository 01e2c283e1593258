package dev.converge.modules.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.modules.authkey.AuthorizedKeyModule;
import dev.converge.modules.authkey.AuthorizedKeyParams;
import dev.converge.modules.exports.ExportsModule;
import dev.converge.modules.exports.ExportsParams;
import dev.converge.modules.hosts.HostsEntryModule;
import dev.converge.modules.hosts.HostsEntryParams;
import dev.converge.modules.mount.MountModule;
import dev.converge.modules.mount.MountParams;
import dev.converge.modules.sysctl.SysctlModule;
import dev.converge.modules.sysctl.SysctlParams;
import dev.converge.modules.systemd.SystemdModule;
import dev.converge.modules.systemd.SystemdParams;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.TemplateRenderer;
import dev.converge.testing.Shells;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * validate: and backup: on sysctl, authorized_key, systemd, exports, hosts_entry and mount, through the
 * engine's real gather and apply scripts under each installed shell: a rejected content leaves the old
 * file byte-identical and the step fails with the validator's own output; an accepted one is written
 * and the old content kept beside it under the backup name {@code file} uses.
 */
class GuardedWritesTest {
    /** A validator that says why it refuses, on its standard error, naming the copy it checked. */
    private static final List<String> REFUSE =
            List.of("sh", "-c", "echo \"line 1 of ${1##*/} is wrong\" >&2; exit 3", "sh", "%s");

    private static final TemplateRenderer NONE = name -> {
        throw new TemplateRenderer.TemplateProblem("no templates here: " + name);
    };
    private static final String KEY =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHhTgKkRlRrYmUyW0z4LQ3WzKuvGQ0t1mF0K5Hq1nJ6p ops@ctl";

    @TempDir
    Path dir;

    /** One module's case: the file it edits, its old content, params from (validate, backup), and a text the new content holds. */
    private record Case<P extends Record>(
            String name,
            Module<P> module,
            String file,
            String old,
            BiFunction<List<String>, Boolean, P> params,
            String added) {}

    private List<Case<?>> cases(Shells.Shell shell) {
        String d = dir.toString();
        String user = System.getProperty("user.name");
        List<Case<?>> cases = new ArrayList<>(List.of(
                new Case<>(
                        "sysctl",
                        new SysctlModule(),
                        "99-test.conf",
                        "# tuned\nvm.swappiness=60\n",
                        (v, b) -> new SysctlParams("vm.swappiness", "10", null, d + "/99-test.conf", false, v, b),
                        "vm.swappiness = 10"),
                new Case<>(
                        "exports",
                        new ExportsModule(),
                        "exports",
                        "# /etc/exports\n",
                        (v, b) -> new ExportsParams(
                                "/srv/share",
                                Map.of("10.77.0.0/24", List.of("rw", "sync")),
                                d + "/exports",
                                null,
                                v,
                                b),
                        "/srv/share"),
                new Case<>(
                        "hosts_entry",
                        new HostsEntryModule(),
                        "hosts",
                        "127.0.0.1\tlocalhost\n",
                        (v, b) -> new HostsEntryParams(
                                "10.77.0.12", List.of("hostb.example.org", "hostb"), null, d + "/hosts", v, b),
                        "hostb.example.org")));
        if (!Files.isDirectory(
                Path.of("/run/systemd/system"))) { // not on a systemd machine: that would reload its daemon
            cases.add(new Case<>(
                    "systemd",
                    new SystemdModule(),
                    "libvirtd.service.d/50-listen.conf",
                    "[Service]\nEnvironment=A=0\n",
                    (v, b) -> new SystemdParams(
                            "libvirtd",
                            null,
                            Map.of("50-listen.conf", "[Service]\nEnvironment=A=1\n"),
                            null,
                            null,
                            null,
                            d,
                            v,
                            b),
                    "A=1"));
        }
        if (!shell.busybox()) { // mount reads findmnt (util-linux) and authorized_key getent (libc), which BusyBox does
            // not have
            cases.add(new Case<>(
                    "authorized_key",
                    new AuthorizedKeyModule(),
                    "authorized_keys",
                    "# keys\n",
                    (v, b) -> new AuthorizedKeyParams(user, KEY, null, null, null, d + "/authorized_keys", v, b),
                    "ops@ctl"));
            cases.add(new Case<>(
                    "mount",
                    new MountModule(),
                    "fstab",
                    "# fstab\n",
                    (v, b) -> new MountParams(
                            d + "/mnt", "hosta:/", "nfs4", "_netdev", null, null, "present", d + "/fstab", v, b),
                    "hosta:/"));
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aRejectedContentLeavesTheOldFileByteIdenticalAndTheStepReportsTheValidatorsOutput(Shells.Shell shell)
            throws Exception {
        for (Case<?> c : cases(shell)) {
            rejected(c, shell);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void anAcceptedContentIsWrittenWithTheOldOneKeptBesideIt(Shells.Shell shell) throws Exception {
        for (Case<?> c : cases(shell)) {
            accepted(c, shell);
        }
    }

    private <P extends Record> void rejected(Case<P> c, Shells.Shell shell) throws Exception {
        Path file = write(c);
        byte[] before = Files.readAllBytes(file);
        ModuleHarness<P> harness = new ModuleHarness<>(c.module(), NONE, shell.transport());
        P params = c.params().apply(REFUSE, true);
        assertThat(c.module().validate(params, NONE)).as(c.name()).isEmpty();
        Change change = harness.plan(params).change();
        assertThat(change.changed()).as(c.name()).isTrue();
        assertThatThrownBy(() -> harness.apply(change))
                .as(c.name())
                .hasMessageContaining("line 1 of " + file.getFileName() + " is wrong")
                .hasMessageContaining(
                        "file: sh rejected the new content of " + file + " (exit 3); the file was not changed");
        assertThat(Files.readAllBytes(file)).as(c.name()).isEqualTo(before);
        assertThat(backups(file)).as(c.name()).isEmpty();
        assertThat(leftovers(file)).as(c.name() + ": no validation copy left").isEmpty();
    }

    private <P extends Record> void accepted(Case<P> c, Shells.Shell shell) throws Exception {
        Path file = write(c);
        ModuleHarness<P> harness = new ModuleHarness<>(c.module(), NONE, shell.transport());
        P params = c.params().apply(List.of("grep", "-q", "-F", c.added(), "%s"), true);
        harness.apply(harness.plan(params).change());
        assertThat(Files.readString(file)).as(c.name()).contains(c.added());
        assertThat(backups(file))
                .as(c.name())
                .singleElement()
                .satisfies(b -> assertThat(b).hasContent(c.old().strip()));
        assertThat(harness.plan(params).change().changed())
                .as(c.name() + " converges")
                .isFalse();
    }

    @Test
    void aValidateThatIsAShellStringIsAProblemOfEveryGuardedModule() {
        List<String> shellString = List.of("sshd -t -f %s");
        assertThat(new SysctlModule().validate(new SysctlParams("a.b", "1", null, null, null, shellString, null), NONE))
                .extracting(ParamProblem::parameter)
                .containsExactly("validate");
        assertThat(new HostsEntryModule()
                        .validate(
                                new HostsEntryParams("10.0.0.1", List.of("a"), null, null, List.of("true"), null),
                                NONE))
                .extracting(ParamProblem::reason)
                .containsExactly("validate does not name the file to check with %s");
        assertThat(new SystemdModule()
                        .validate(new SystemdParams("x", null, null, true, null, null, null, null, true), NONE))
                .extracting(ParamProblem::parameter)
                .containsExactly("backup");
    }

    private Path write(Case<?> c) throws Exception {
        Path file = dir.resolve(c.file());
        Files.createDirectories(file.getParent());
        Files.writeString(file, c.old());
        try (var old = Files.list(file.getParent())) {
            for (Path p : old.filter(p -> p.getFileName().toString().startsWith(file.getFileName() + "."))
                    .toList()) {
                Files.delete(p);
            }
        }
        return file;
    }

    /** The backups the engine keeps beside a file: {@code NAME.PID.YYYY-MM-DD@HH:MM:SS~}, as {@code file} names them. */
    private static List<Path> backups(Path file) throws IOException {
        try (var files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName()
                            .toString()
                            .matches(Pattern.quote(file.getFileName().toString())
                                    + "\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~"))
                    .toList();
        }
    }

    private static List<Path> leftovers(Path file) throws IOException {
        try (var files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(".converge"))
                    .toList();
        }
    }
}
