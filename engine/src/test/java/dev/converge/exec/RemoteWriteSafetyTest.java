package dev.converge.exec;

import static dev.converge.exec.RemoteWriteTest.digest;
import static dev.converge.exec.RemoteWriteTest.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.converge.spi.FileDigest;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a local user cannot make a write do, on each shell: a planted symlink redirects no write
 * and no chown, a planted backup link is replaced, temp files are never readable beyond the final
 * mode, and an ACL and an xattr survive a rewrite.
 */
class RemoteWriteSafetyTest {
    private static final String NONCE = "00000000000000f0";

    @TempDir
    Path dir;

    static List<Shell> shells() {
        return Shells.installed();
    }

    private Map<Integer, StepResult> apply(Shell shell, Operation... writes) throws Exception {
        List<ApplyStep> steps = new ArrayList<>();
        for (int i = 0; i < writes.length; i++) {
            steps.add(step("s" + i, List.of(), writes[i]));
        }
        ExecResult result = shell.run(
                ApplyScript.build(steps, NONCE, new ApplyScript.Settings(5, 0, "test"))
                        .script(),
                "CONVERGE_LOCK_FILE=" + dir.resolve("lock"));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        return ApplyScript.parse(result.stdout(), NONCE);
    }

    private static Operation.WriteFile write(Path path, String content, String readAs, String owner, boolean follow) {
        return new Operation.WriteFile(
                path.toString(), content.getBytes(StandardCharsets.UTF_8), "", owner, "", readAs, follow, false);
    }

    private UserPrincipal user(String name) throws Exception {
        return dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
    }

    private Path directory(String name, String permissions) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(permissions));
        return d;
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aPlantedSymlinkRedirectsNoWriteAndNoChownUnlessFollowIsAskedFor(Shell shell) throws Exception {
        Path victim = directory("etc", "rwxr-xr-x").resolve("sudoers");
        Files.writeString(victim, "root ALL=(ALL) ALL\n");
        // a user's directory: the user plants app.conf -> the root file
        Path home = directory("home", "rwxr-xr-x");
        Files.setOwner(home, user("nobody"));
        Path planted = home.resolve("app.conf");
        Files.createSymbolicLink(planted, victim);
        Files.getFileAttributeView(planted, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(user("nobody"));
        // a world-writable directory (sticky, as /tmp): a root-owned link there is not followed either
        Path shared = directory("shared", "rwxrwxrwx");
        run("chmod", "1777", shared.toString());
        Files.createSymbolicLink(shared.resolve("x.conf"), victim);
        // a safe link: root's link in root's directory to root's file
        Path target = directory("conf", "rwxr-xr-x").resolve("real.conf");
        Files.writeString(target, "old\n");
        Path safe = dir.resolve("conf/alias.conf");
        Files.createSymbolicLink(safe, target);

        // another user's link in root's directory (left from before, or made by a service)
        Path foreign = dir.resolve("conf/foreign.conf");
        Files.createSymbolicLink(foreign, victim);
        Files.getFileAttributeView(foreign, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(user("nobody"));

        String victimDigest = digest("root ALL=(ALL) ALL\n");
        var results = apply(
                shell,
                write(planted, "nobody ALL=(ALL) NOPASSWD: ALL\n", victimDigest, "nobody", false),
                write(shared.resolve("x.conf"), "evil\n", victimDigest, "", false),
                write(safe, "new\n", digest("old\n"), "", false),
                write(foreign, "evil\n", victimDigest, "", false));
        assertThat(results.get(0).exitCode()).isEqualTo(1);
        assertThat(results.get(0).stderr())
                .contains(planted + " is a symlink in " + home + ", a directory other users can write; "
                        + "not following it to " + victim + " (follow: true writes the target)");
        assertThat(results.get(1).exitCode()).isEqualTo(1);
        assertThat(results.get(1).stderr()).contains("a directory other users can write; not following it");
        assertThat(victim).hasContent("root ALL=(ALL) ALL");
        assertThat(Files.getOwner(victim).getName()).isEqualTo("root");
        assertThat(Files.isSymbolicLink(planted)).isTrue();
        assertThat(results.get(2).exitCode()).as(results.get(2).stderr()).isZero();
        assertThat(results.get(3).exitCode()).isEqualTo(1);
        assertThat(results.get(3).stderr())
                .contains(foreign + " is a symlink to " + victim + ", which is not owned by the link's owner");
        assertThat(target).hasContent("new");
        assertThat(Files.isSymbolicLink(safe)).isTrue();

        // follow: true opts in: the target is written, but its owner is never changed to owner:
        var followed = apply(shell, write(planted, "opted in\n", victimDigest, "nobody", true));
        assertThat(followed.get(0).exitCode()).as(followed.get(0).stderr()).isZero();
        assertThat(victim).hasContent("opted in");
        assertThat(Files.getOwner(victim).getName()).isEqualTo("root");
    }

    /** A user who owns /home/u turns /home/u/.ssh into a link to root's: nothing is written, removed or created there. */
    @ParameterizedTest
    @MethodSource("shells")
    void aSymlinkedDirectoryOnTheWayIsJudgedByTheSameRule(Shell shell) throws Exception {
        Path rootSsh = directory("root-ssh", "rwx------");
        Path victim = Files.writeString(rootSsh.resolve("id_ed25519"), "PRIVATE\n");
        Path home = directory("home", "rwxr-xr-x");
        Files.setOwner(home, user("nobody"));
        Path ssh = Files.createSymbolicLink(home.resolve(".ssh"), rootSsh);
        Files.getFileAttributeView(ssh, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(user("nobody"));
        // a root link in a root directory (as /var/run -> /run) is fine
        Path run = directory("run", "rwxr-xr-x");
        Path varRun = Files.createSymbolicLink(directory("var", "rwxr-xr-x").resolve("run"), run);
        var results = apply(
                shell,
                write(ssh.resolve("authorized_keys"), "ssh-ed25519 AAAA nobody\n", FileDigest.ABSENT, "", false),
                new Operation.RemovePath(ssh.resolve("id_ed25519").toString()),
                new Operation.MakeDirectory(ssh.resolve("sub").toString(), "0755", "", ""),
                write(varRun.resolve("x.pid"), "42\n", FileDigest.ABSENT, "", false));
        for (int i = 0; i < 3; i++) {
            assertThat(results.get(i).exitCode()).as("step %d", i).isEqualTo(1);
            assertThat(results.get(i).stderr())
                    .as("step %d", i)
                    .contains(ssh + " is a symlink in " + home + ", a directory other users can write");
        }
        assertThat(rootSsh.resolve("authorized_keys")).doesNotExist();
        assertThat(rootSsh.resolve("sub")).doesNotExist();
        assertThat(victim).hasContent("PRIVATE");
        assertThat(results.get(3).exitCode()).as(results.get(3).stderr()).isZero();
        assertThat(run.resolve("x.pid")).hasContent("42");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aBackupReplacesALinkPlantedAtItsNameInsteadOfWritingThroughIt(Shell shell) throws Exception {
        Path file = dir.resolve("f.conf");
        Path victim = dir.resolve("victim");
        Files.writeString(file, "old\n");
        Files.writeString(victim, "precious\n");
        // the backup name holds the script's pid and the time: this script plants the link at
        // exactly that name (its own $$, a fixed date) and then runs the write function itself
        String functions = new String(ApplyScript.build(List.of(), NONCE).script(), StandardCharsets.UTF_8);
        functions = functions.substring(functions.indexOf("cv_err() {"), functions.indexOf("cv_report() {"));
        String script = "N=" + NONCE + "\nt=$(mktemp -d)\n" + functions
                + "date() { echo 2026-11-30@08:14:01; }\n"
                + "ln -s " + victim + " \"" + file + ".$$.2026-11-30@08:14:01~\"\n"
                + "cv_write " + file + " '' '' '' " + digest("old\n") + " 0 1 <<'E'\nbmV3Cg==\nE\necho rc=$?\n";
        ExecResult result = shell.run(script.getBytes(StandardCharsets.UTF_8));
        assertThat(result.stdoutText())
                .as(result.stderrText())
                .contains("rc=0", "backup of " + file + " kept as " + file + ".");
        assertThat(victim).hasContent("precious");
        assertThat(file).hasContent("new");
        try (var files = Files.list(dir)) {
            Path backup = files.filter(f -> f.getFileName().toString().endsWith("@08:14:01~"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.isSymbolicLink(backup)).isFalse();
            assertThat(backup).hasContent("old");
        }
    }

    /**
     * A poller watches the directory while a 0600 file is rewritten again and again: every temp
     * file it sees has no group or other permission, from its first byte.
     */
    @ParameterizedTest
    @MethodSource("shells")
    void noTempFileIsEverReadableByOthers(Shell shell) throws Exception {
        Path secret = dir.resolve("secret.conf");
        Files.writeString(secret, "password = 0\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Map<String, Set<PosixFilePermission>> seen = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread poller = new Thread(() -> {
            while (!stop.get()) {
                try (var files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().contains(".converge-"))
                            .forEach(f -> {
                                try {
                                    seen.merge(
                                            f.getFileName().toString(),
                                            Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS),
                                            (a, b) -> {
                                                var u = new HashSet<>(a);
                                                u.addAll(b);
                                                return u;
                                            });
                                } catch (IOException gone) {
                                    // renamed meanwhile
                                }
                            });
                } catch (IOException e) {
                    // retry
                }
            }
        });
        poller.start();
        String previous = "password = 0\n";
        int runs = 12;
        for (int i = 1; i <= runs; i++) {
            String content = "password = " + i + "\n" + "x".repeat(1 << 20) + "\n";
            var results = apply(shell, write(secret, content, digest(previous), "", false));
            assertThat(results.get(0).exitCode()).as(results.get(0).stderr()).isZero();
            previous = content;
        }
        stop.set(true);
        poller.join();
        assertThat(seen).as("the poller saw temp files in %d runs", runs).isNotEmpty();
        seen.forEach((name, permissions) ->
                assertThat(PosixFilePermissions.toString(permissions)).as(name).isEqualTo("rw-------"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void anAclAndAnXattrSurviveARewriteAndTheModeStaysWhatWasAskedFor(Shell shell) throws Exception {
        assumeThat(shell.busybox())
                .as("BusyBox has no getfacl/getfattr: nothing to copy with")
                .isFalse();
        Path file = dir.resolve("acl.conf");
        Files.writeString(file, "old\n");
        run("setfacl", "-m", "u:nobody:r", file.toString());
        run("setfattr", "-n", "user.origin", "-v", "kept", file.toString());
        var results = apply(
                shell,
                new Operation.WriteFile(
                        file.toString(),
                        "new\n".getBytes(StandardCharsets.UTF_8),
                        "0640",
                        "",
                        "",
                        digest("old\n"),
                        false,
                        false));
        assertThat(results.get(0).exitCode()).as(results.get(0).stderr()).isZero();
        assertThat(results.get(0).stdout()).contains("kept acl user.origin of " + file);
        assertThat(file).hasContent("new");
        assertThat(run("getfacl", "-cp", file.toString())).contains("user:nobody:r--", "mask::r--");
        assertThat(run("getfattr", "--absolute-names", "-n", "user.origin", "--only-values", file.toString()))
                .isEqualTo("kept");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r-----");
    }

    private static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
