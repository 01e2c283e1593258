package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.FileDigest;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apply script's writes on each shell a host may have (dash, bash as sh, BusyBox ash with no
 * GNU tool): explicit step failure, compare-and-swap, operations in their order, owner and mode.
 */
class RemoteWriteTest {
    private static final String NONCE = "0123456789abcdef";

    @TempDir
    Path dir;

    static List<Shell> shells() {
        return Shells.installed();
    }

    static ApplyStep step(String id, List<Integer> dependsOn, Operation... ops) {
        return new ApplyStep(new NodeKey("h", id), List.of(ops), dependsOn);
    }

    static Operation.WriteFile write(Path file, String content, String readAs) {
        return new Operation.WriteFile(
                file.toString(), content.getBytes(StandardCharsets.UTF_8), "", "", "", readAs, false, false);
    }

    static String digest(String content) {
        return FileDigest.of(content.getBytes(StandardCharsets.UTF_8));
    }

    Map<Integer, StepResult> apply(Shell shell, List<ApplyStep> steps) throws Exception {
        ExecResult result = shell.run(
                ApplyScript.build(steps, NONCE, new ApplyScript.Settings(5, 0, "test"))
                        .script(),
                "CONVERGE_LOCK_FILE=" + dir.resolve("lock"));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        return ApplyScript.parse(result.stdout(), NONCE);
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aFailingOperationEndsItsStepOnEveryShell(Shell shell) throws Exception {
        Path second = dir.resolve("second");
        Path file = dir.resolve("f.conf");
        Files.writeString(file, "old\n");
        var results = apply(
                shell,
                List.of(
                        step(
                                "a",
                                List.of(),
                                new Operation.RunCommand(List.of("false")),
                                new Operation.RunCommand(List.of("touch", second.toString()))),
                        step(
                                "b",
                                List.of(),
                                new Operation.RunCommand(List.of("sh", "-c", "exit 3")),
                                write(file, "rejected\n", digest("old\n"))),
                        step("c", List.of(1), new Operation.RunCommand(List.of("true")))));
        assertThat(results.get(0).exitCode()).isEqualTo(1);
        assertThat(second).as("the command after a failed one").doesNotExist();
        assertThat(results.get(1).exitCode()).isEqualTo(3);
        assertThat(file).hasContent("old");
        assertThat(results.get(2).skipped()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aWriteIsRefusedUntouchedWhenTheFileChangedSinceItWasRead(Shell shell) throws Exception {
        Path file = dir.resolve("x.conf");
        Path fresh = dir.resolve("fresh.conf");
        Files.writeString(file, "original\n");
        Files.writeString(fresh, "someone made it\n");
        var results = apply(
                shell,
                List.of(
                        // the reproduction: a command appends a line, then a line edit planned from the read rewrites
                        // the file
                        step(
                                "command",
                                List.of(),
                                new Operation.RunCommand(
                                        List.of("sh", "-c", "echo added-by-command >> \"$1\"", "sh", file.toString()))),
                        step("line", List.of(), write(file, "original\nmanaged = yes\n", digest("original\n"))),
                        step("create", List.of(), write(fresh, "mine\n", FileDigest.ABSENT))));
        assertThat(results.get(0).exitCode()).isZero();
        assertThat(results.get(1).exitCode()).isEqualTo(1);
        assertThat(results.get(1).stderr())
                .contains(file + " changed since it was read (sha256:"
                        + digest("original\n").substring(0, 12) + " then, sha256:"
                        + digest("original\nadded-by-command\n").substring(0, 12) + " now); run again");
        assertThat(file).hasContent("original\nadded-by-command");
        assertThat(results.get(2).stderr()).contains(fresh + " changed since it was read (absent then");
        assertThat(fresh).hasContent("someone made it");
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aDirectoryIsNeverReplacedByAFile(Shell shell) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        var results = apply(shell, List.of(step("w", List.of(), write(sub, "x\n", FileDigest.OTHER))));
        assertThat(results.get(0).exitCode()).isEqualTo(1);
        assertThat(results.get(0).stderr()).contains(sub + " is not a regular file; not replacing it");
        assertThat(sub).isEmptyDirectory();
    }

    @ParameterizedTest
    @MethodSource("shells")
    void stepsWritingOneFileEachWriteInTheirOrder(Shell shell) throws Exception {
        // two mount resources on one fstab: each step's command must see its own step's content
        Path fstab = dir.resolve("fstab");
        Files.writeString(fstab, "old\n");
        var results = apply(
                shell,
                List.of(
                        step(
                                "a",
                                List.of(),
                                write(fstab, "A\n", digest("old\n")),
                                new Operation.RunCommand(List.of("grep", "-qx", "A", fstab.toString()))),
                        step(
                                "b",
                                List.of(0),
                                write(fstab, "A\nB\n", digest("A\n")),
                                new Operation.RunCommand(List.of("grep", "-qx", "B", fstab.toString())))));
        assertThat(results.get(0).exitCode()).as(results.get(0).stderr()).isZero();
        assertThat(results.get(1).exitCode()).as(results.get(1).stderr()).isZero();
        assertThat(fstab).hasContent("A\nB");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void ownerAndModeAreSetAndKeptAndTheTempFileIsNeverWiderThanTheFinalMode(Shell shell) throws Exception {
        Path secret = dir.resolve("secret.conf");
        Path kept = dir.resolve("kept.conf");
        Files.writeString(kept, "old\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
        Files.setOwner(kept, dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path regrouped = Files.writeString(dir.resolve("regrouped.conf"), "old\n");
        Files.getFileAttributeView(regrouped, PosixFileAttributeView.class)
                .setGroup(dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup"));
        var results = apply(
                shell,
                List.of(
                        step(
                                "new",
                                List.of(),
                                new Operation.WriteFile(
                                        secret.toString(),
                                        "password = x\n".getBytes(StandardCharsets.UTF_8),
                                        "0600",
                                        "nobody",
                                        "",
                                        FileDigest.ABSENT,
                                        false,
                                        false)),
                        step("rewrite", List.of(), write(kept, "new\n", digest("old\n"))),
                        step(
                                "owner only",
                                List.of(),
                                new Operation.WriteFile(
                                        regrouped.toString(),
                                        "new\n".getBytes(StandardCharsets.UTF_8),
                                        "",
                                        "daemon",
                                        "",
                                        digest("old\n"),
                                        false,
                                        false))));
        assertThat(results.get(2).exitCode()).as(results.get(2).stderr()).isZero();
        assertThat(Files.getOwner(regrouped).getName()).isEqualTo("daemon");
        assertThat(Files.readAttributes(regrouped, PosixFileAttributes.class)
                        .group()
                        .getName())
                .as("the group it had")
                .isEqualTo("nogroup");
        assertThat(results.get(0).exitCode()).as(results.get(0).stderr()).isZero();
        assertThat(results.get(1).exitCode()).as(results.get(1).stderr()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(secret).getName()).isEqualTo("nobody");
        assertThat(kept).hasContent("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                .isEqualTo("rw-r-----");
        assertThat(Files.getOwner(kept).getName()).isEqualTo("nobody");
    }
}
