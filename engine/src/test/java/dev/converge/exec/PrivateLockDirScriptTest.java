package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.gather.GatherScript;
import dev.converge.gather.PendingHandlers;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import dev.converge.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where the connecting user cannot write {@code /run}, the host lock and the pending handlers'
 * record live in a private directory of that user's ({@code $TMPDIR/converge-UID}, 0700), on a
 * real shell (dash, bash as sh, BusyBox ash) run as {@code nobody}: what another local user planted
 * at that name (a directory, a link) is neither read nor written through, and the apply changes
 * nothing and says why; a record another user owns is not read, nor replaced.
 */
class PrivateLockDirScriptTest {
    private static final int NOBODY = 65534;
    private static final String NONCE = "0123456789abcdef";

    @TempDir
    Path tmp;

    private Path privateDir;

    @BeforeEach
    void sharedTmp() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "runs scripts as nobody with setpriv");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        new ProcessBuilder("chmod", "+t", tmp.toString()).start().waitFor();
        privateDir = tmp.resolve("converge-" + NOBODY);
    }

    /** The script run as nobody, with {@code TMPDIR} the shared, sticky temp directory. */
    private ExecResult asNobody(Shell shell, byte[] script) throws Exception {
        List<String> argv = new ArrayList<>(
                List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        argv.addAll(shell.argv("TMPDIR=" + tmp));
        return new LocalTransport().exec(argv, script, Duration.ofSeconds(120));
    }

    private ExecResult apply(Shell shell, List<ApplyStep> steps) throws Exception {
        return asNobody(
                shell,
                ApplyScript.build(steps, NONCE, new ApplyScript.Settings(5, 0, "test"))
                        .script());
    }

    private GatherResult gather(Shell shell) throws Exception {
        ExecResult r = asNobody(shell, GatherScript.build(List.of(), "n0nce", true));
        assertThat(r.exitCode()).as(r.stderrText()).isZero();
        return GatherResult.parse(List.of(), "n0nce", r.stdout());
    }

    private static List<ApplyStep> editNotifyingAFailingHandler(Path marker) {
        return List.of(
                new ApplyStep(
                        new NodeKey("web1", "edit"),
                        List.of(new Operation.RunCommand(List.of("touch", marker.toString()))),
                        List.of(),
                        List.of(),
                        List.of(PendingHandlers.line("web1", "restart")),
                        List.of()),
                new ApplyStep(
                        new NodeKey("web1", "restart"),
                        List.of(new Operation.RunCommand(List.of("sh", "-c", "exit 1"))),
                        List.of(),
                        List.of(0),
                        List.of(),
                        List.of(PendingHandlers.line("web1", "restart"))));
    }

    private static void chown(Path path, int uid) throws Exception {
        UserPrincipal owner =
                path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(Integer.toString(uid));
        Files.setOwner(path, owner);
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void theLockAndTheRecordLiveInAPrivateDirectoryOfTheUsers(Shell shell) throws Exception {
        Path marker = tmp.resolve("edited");
        ExecResult r = apply(shell, editNotifyingAFailingHandler(marker));

        assertThat(r.exitCode()).as(r.stderrText()).isZero();
        assertThat(marker).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateDir)))
                .isEqualTo("rwx------");
        assertThat(Files.getAttribute(privateDir, "unix:uid")).isEqualTo(NOBODY);
        assertThat(privateDir.resolve("lock.handlers")).hasContent("web1\trestart");
        assertThat(gather(shell).pendingHandlers("web1")).containsExactly("restart");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aDirectoryAnotherUserMadeAtTheNameIsNeitherReadNorUsed(Shell shell) throws Exception {
        Files.createDirectory(privateDir);
        Files.setPosixFilePermissions(privateDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path planted = Files.writeString(privateDir.resolve("lock.handlers"), "web1\tplanted\n");
        chown(planted, NOBODY);
        Path marker = tmp.resolve("edited");

        assertThat(gather(shell).pendingHandlers("web1"))
                .as("a record in a directory of root's is not read")
                .isEmpty();
        ExecResult r = apply(shell, editNotifyingAFailingHandler(marker));

        assertThat(r.exitCode()).isEqualTo(ApplyScript.LOCKED);
        ApplyScript.Parsed parsed = ApplyScript.parseAll(r.stdout(), NONCE);
        assertThat(parsed.steps()).isEmpty();
        assertThat(parsed.lockRefused())
                .startsWith(privateDir + " is not a directory of nobody's own")
                .contains("nothing was changed");
        assertThat(marker).doesNotExist();
        assertThat(planted).hasContent("web1\tplanted");
        assertThat(privateDir.resolve("lock")).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aLinkAtTheNameIsNotFollowedEvenToADirectoryOfTheUsers(Shell shell) throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        chown(elsewhere, NOBODY);
        Files.writeString(elsewhere.resolve("lock.handlers"), "web1\tplanted\n");
        chown(elsewhere.resolve("lock.handlers"), NOBODY);
        Files.createSymbolicLink(privateDir, elsewhere);
        Path marker = tmp.resolve("edited");

        assertThat(gather(shell).pendingHandlers("web1")).isEmpty();
        ExecResult r = apply(shell, editNotifyingAFailingHandler(marker));

        assertThat(ApplyScript.parseAll(r.stdout(), NONCE).lockRefused())
                .contains("is not a directory of nobody's own");
        assertThat(marker).doesNotExist();
        assertThat(elsewhere.resolve("lock")).doesNotExist();
        assertThat(elsewhere.resolve("lock.handlers")).hasContent("web1\tplanted");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aRecordAnotherUserOwnsIsNeitherReadNorReplaced(Shell shell) throws Exception {
        Path lock = tmp.resolve("shared.lock");
        Path record = Files.writeString(tmp.resolve("shared.lock.handlers"), "web1\tplanted\n");
        chown(record, 0);
        Path marker = tmp.resolve("edited");

        ExecResult g = asNobodyWithLock(shell, GatherScript.build(List.of(), "n0nce", false), lock);
        assertThat(GatherResult.parse(List.of(), "n0nce", g.stdout()).pendingHandlers("web1"))
                .isEmpty();
        ExecResult r = asNobodyWithLock(
                shell,
                ApplyScript.build(editNotifyingAFailingHandler(marker), NONCE, new ApplyScript.Settings(5, 0, "test"))
                        .script(),
                lock);

        assertThat(marker).as("the steps still run").exists();
        assertThat(r.stderrText()).contains("shared.lock.handlers belongs to another user");
        assertThat(record).hasContent("web1\tplanted");
    }

    private ExecResult asNobodyWithLock(Shell shell, byte[] script, Path lock) throws Exception {
        List<String> argv = new ArrayList<>(
                List.of("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        argv.addAll(shell.argv("TMPDIR=" + tmp, "CONVERGE_LOCK_FILE=" + lock));
        return new LocalTransport().exec(argv, script, Duration.ofSeconds(120));
    }
}
