package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.gather.GatherScript;
import dev.converge.gather.PendingHandlers;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's record of pending handlers, on a real shell (dash, bash as sh, BusyBox ash): a
 * notifier's success records its handlers, a handler's success clears its own line, a failure
 * keeps it; the gather reads it back; the file is replaced by rename, never written through a
 * planted link, and never left half.
 */
class PendingHandlersScriptTest {
    @TempDir
    Path dir;

    private Path lock() {
        return dir.resolve("lock");
    }

    private Path state() {
        return dir.resolve("lock.handlers");
    }

    private ExecResult apply(Shell shell, List<ApplyStep> steps) throws Exception {
        byte[] script = ApplyScript.build(steps, "0123456789abcdef", new ApplyScript.Settings(5, 0, "test"))
                .script();
        return shell.run(script, "CONVERGE_LOCK_FILE=" + lock());
    }

    private GatherResult gather(Shell shell) throws Exception {
        ExecResult r = shell.run(GatherScript.build(List.of(), "n0nce", false), "CONVERGE_LOCK_FILE=" + lock());
        assertThat(r.exitCode()).as(r.stderrText()).isZero();
        return GatherResult.parse(List.of(), "n0nce", r.stdout());
    }

    private static ApplyStep notifier(String id, String command, String... handlers) {
        return new ApplyStep(
                new NodeKey("web1", id),
                List.of(new Operation.RunCommand(List.of("sh", "-c", command))),
                List.of(),
                List.of(),
                Arrays.stream(handlers)
                        .map(h -> PendingHandlers.line("web1", h))
                        .toList(),
                List.of());
    }

    private static ApplyStep handler(String id, String command, int notifier) {
        return new ApplyStep(
                new NodeKey("web1", id),
                List.of(new Operation.RunCommand(List.of("sh", "-c", command))),
                List.of(),
                notifier < 0 ? List.of() : List.of(notifier),
                List.of(),
                List.of(PendingHandlers.line("web1", id)));
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aFailedHandlerStaysRecordedAndASucceedingOneIsCleared(Shell shell) throws Exception {
        ExecResult r = apply(
                shell,
                List.of(
                        notifier("edit", "true", "restart app", "reload"),
                        handler("restart app", "exit 3", 0),
                        handler("reload", "true", 0)));
        assertThat(r.exitCode()).as(r.stderrText()).isZero();
        assertThat(state()).hasContent("web1\trestart app");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state())))
                .isEqualTo("rw-------");
        assertThat(gather(shell).pendingHandlers("web1")).containsExactly("restart app");
        assertThat(gather(shell).pendingHandlers("web2"))
                .as("another inventory host on the same machine")
                .isEmpty();

        apply(shell, List.of(handler("restart app", "true", -1)));
        assertThat(state())
                .as("cleared once it ran successfully: the empty list is removed")
                .doesNotExist();
        assertThat(gather(shell).pendingHandlers("web1")).isEmpty();
        assertThat(dir).isDirectoryNotContaining("glob:**/lock.handlers.*");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aFailedNotifierRecordsNothingAndRecordsAreNotRepeated(Shell shell) throws Exception {
        apply(shell, List.of(notifier("edit", "exit 1", "restart"), handler("restart", "true", 0)));
        assertThat(state()).doesNotExist();
        Files.writeString(state(), "web2\tother\nweb1\trestart\n");
        apply(shell, List.of(notifier("edit", "true", "restart"), handler("restart", "exit 1", 0)));
        assertThat(state()).hasContent("web2\tother\nweb1\trestart");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aPlantedLinkIsReplacedNeverWrittenThroughNorRead(Shell shell) throws Exception {
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "web1\tsecret-target\n");
        Files.createSymbolicLink(state(), victim);
        assertThat(gather(shell).pendingHandlers("web1"))
                .as("a link is not read through")
                .isEmpty();
        apply(shell, List.of(notifier("edit", "true", "restart"), handler("restart", "exit 1", 0)));
        assertThat(victim).hasContent("web1\tsecret-target");
        assertThat(Files.isSymbolicLink(state())).isFalse();
        assertThat(state()).hasContent("web1\trestart");

        Files.delete(state());
        Path linkedDir = Files.createDirectory(dir.resolve("elsewhere"));
        Files.createSymbolicLink(state(), linkedDir);
        apply(shell, List.of(notifier("edit", "true", "restart"), handler("restart", "exit 1", 0)));
        assertThat(linkedDir).isEmptyDirectory();
        assertThat(state()).isRegularFile().hasContent("web1\trestart");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aDirectoryAtTheNameIsRefusedAndTheStepsStillReport(Shell shell) throws Exception {
        Files.createDirectory(state());
        ExecResult r = apply(shell, List.of(notifier("edit", "true", "restart"), handler("restart", "exit 1", 0)));
        assertThat(ApplyScript.parse(r.stdout(), "0123456789abcdef")).hasSize(2);
        assertThat(r.stderrText()).contains("is not a regular file");
        assertThat(state()).isEmptyDirectory();
    }
}
