package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Commands shared by the resources of a batch ({@link Operation.MergeableCommand}): which steps
 * share (the layout), and what the script does with them on real shells (one run, merged
 * arguments, each resource's result).
 */
class SharedCommandsTest {
    @TempDir
    Path dir;

    private static final List<String> INSTALL = List.of("apt-get", "install", "--");

    private static ApplyStep step(String id, List<Integer> deps, Operation... ops) {
        return new ApplyStep(new NodeKey("h", id), List.of(ops), deps);
    }

    private static Operation.MergeableCommand install(String... names) {
        return new Operation.MergeableCommand(INSTALL, List.of(names));
    }

    private static Operation.RunCommand cmd(String... argv) {
        return new Operation.RunCommand(List.of(argv));
    }

    // --- layout -------------------------------------------------------------------------------

    @Test
    void consecutiveStepsWithTheSameHeadShareOneCommandWithTheirArgumentsMergedOnce() {
        List<ApplyStep> steps = List.of(
                step("a", List.of(), cmd("refresh"), install("nfs-common", "rpcbind")),
                step("b", List.of(0), install("rpcbind", "nfs-kernel-server")));

        List<SharedCommands.Unit> units = SharedCommands.layout(steps);

        assertThat(units).hasSize(1);
        SharedCommands.Run run = (SharedCommands.Run) units.get(0);
        assertThat(run.steps()).containsExactly(0, 1);
        assertThat(run.head()).isEqualTo(INSTALL);
        assertThat(run.args())
                .containsExactly(
                        Map.entry("nfs-common", List.of(0)),
                        Map.entry("rpcbind", List.of(0, 1)),
                        Map.entry("nfs-kernel-server", List.of(1)));
    }

    @Test
    void aStepBetweenThemKeepsTheOrderItWasGiven() {
        // b depends on the file, which depends on a: merging a's and b's installs would run one of
        // them on the wrong side of the file
        List<ApplyStep> steps = List.of(
                step("a", List.of(), install("x")),
                step("file", List.of(0), cmd("write")),
                step("b", List.of(1), install("y")));

        assertThat(SharedCommands.layout(steps))
                .containsExactly(new SharedCommands.Alone(0), new SharedCommands.Alone(1), new SharedCommands.Alone(2));
    }

    @Test
    void differentHeadsAndHandlersDoNotShare() {
        ApplyStep remove =
                step("rm", List.of(), new Operation.MergeableCommand(List.of("apt-get", "remove", "--"), List.of("x")));
        ApplyStep handler = new ApplyStep(new NodeKey("h", "handler"), List.of(install("z")), List.of(), List.of(0));
        List<ApplyStep> steps =
                List.of(step("a", List.of(), install("x")), remove, step("b", List.of(1), install("y")), handler);

        assertThat(SharedCommands.layout(steps))
                .containsExactly(
                        new SharedCommands.Alone(0),
                        new SharedCommands.Alone(1),
                        new SharedCommands.Alone(2),
                        new SharedCommands.Alone(3));
    }

    @Test
    void runsAreMaximalAndSeveralCanFollowEachOther() {
        Operation.MergeableCommand reload =
                new Operation.MergeableCommand(List.of("systemctl", "daemon-reload"), List.of());
        List<ApplyStep> steps = List.of(
                step("a", List.of(), install("x")),
                step("b", List.of(0), install("y")),
                step("u1", List.of(1), cmd("write"), reload, cmd("start")),
                step("u2", List.of(2), reload),
                step("u3", List.of(3), cmd("write"), reload));

        List<SharedCommands.Unit> units = SharedCommands.layout(steps);

        assertThat(units).hasSize(2);
        assertThat(((SharedCommands.Run) units.get(0)).steps()).containsExactly(0, 1);
        assertThat(((SharedCommands.Run) units.get(1)).steps()).containsExactly(2, 3, 4);
        assertThat(((SharedCommands.Run) units.get(1)).args()).isEmpty();
    }

    // --- on the shells --------------------------------------------------------------------------

    /** A fake package tool: logs each call's arguments on one line; fails when an argument is "broken". */
    private List<String> tool(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        return List.of(
                "sh",
                "-c",
                "echo \"$*\" >> \"$0\"; echo \"installing $*\"; "
                        + "for a in \"$@\"; do if [ \"$a\" = broken ]; then echo \"E: Unable to locate package broken\" >&2; exit 100; fi; done",
                log.toString());
    }

    private HostSession.BatchResult apply(Shell shell, List<ApplyStep> steps) throws Exception {
        HostSession session = new HostSession(
                "h", shell.transport("CONVERGE_LOCK_FILE=" + dir.resolve("lock")), Duration.ofSeconds(60));
        return session.apply(steps);
    }

    private List<String> log(String name) throws Exception {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void twoResourcesRunTheirInstallOnceWithTheNamesOnceEachAndBothSucceed(Shell shell) throws Exception {
        List<String> apt = tool("apt");
        Path order = dir.resolve("order");
        List<ApplyStep> steps = List.of(
                step(
                        "a",
                        List.of(),
                        cmd("sh", "-c", "echo pre-a >> \"$0\"", order.toString()),
                        new Operation.MergeableCommand(apt, List.of("nfs-common", "rpcbind")),
                        cmd("sh", "-c", "echo post-a >> \"$0\"", order.toString())),
                step(
                        "b",
                        List.of(0),
                        cmd("sh", "-c", "echo pre-b >> \"$0\"", order.toString()),
                        new Operation.MergeableCommand(apt, List.of("rpcbind", "nfs-kernel-server"))));

        HostSession.BatchResult result = apply(shell, steps);

        assertThat(log("apt")).containsExactly("nfs-common rpcbind nfs-kernel-server");
        assertThat(Files.readAllLines(order)).containsExactly("pre-a", "pre-b", "post-a");
        assertThat(result.steps().get(0).exitCode())
                .as(result.steps().get(0).stderr())
                .isZero();
        assertThat(result.steps().get(1).exitCode()).isZero();
        assertThat(result.steps().get(0).stdout()).contains("installing nfs-common rpcbind nfs-kernel-server");
        assertThat(result.steps().get(1).stdout()).contains("installing nfs-common rpcbind nfs-kernel-server");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void whenTheSharedCommandFailsEveryResourceInItFailsWithItsOutputAndNothingAfterItRuns(Shell shell)
            throws Exception {
        List<String> apt = tool("apt");
        Path after = dir.resolve("after");
        List<ApplyStep> steps = List.of(
                step("a", List.of(), new Operation.MergeableCommand(apt, List.of("x")), cmd("touch", after.toString())),
                step("b", List.of(0), new Operation.MergeableCommand(apt, List.of("broken"))),
                step("c", List.of(1), cmd("true")));

        HostSession.BatchResult result = apply(shell, steps);

        assertThat(log("apt")).containsExactly("x broken");
        assertThat(result.steps().get(0).exitCode()).isEqualTo(100);
        assertThat(result.steps().get(1).exitCode()).isEqualTo(100);
        assertThat(result.steps().get(0).stderr()).contains("E: Unable to locate package broken");
        assertThat(result.steps().get(1).stderr()).contains("E: Unable to locate package broken");
        assertThat(result.steps().get(2).skipped()).isTrue();
        assertThat(after).as("a's operations after the failed install").doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aResourceThatFailedBeforeTheSharedCommandAddsNothingAndItsDependentsAreSkipped(Shell shell) throws Exception {
        List<String> apt = tool("apt");
        List<ApplyStep> steps = List.of(
                step(
                        "a",
                        List.of(),
                        cmd("sh", "-c", "echo refresh failed >&2; exit 7"),
                        new Operation.MergeableCommand(apt, List.of("x", "shared"))),
                step("b", List.of(), new Operation.MergeableCommand(apt, List.of("shared", "y"))),
                step("c", List.of(0), new Operation.MergeableCommand(apt, List.of("z"))));

        HostSession.BatchResult result = apply(shell, steps);

        assertThat(log("apt")).containsExactly("shared y");
        assertThat(result.steps().get(0).exitCode()).isEqualTo(7);
        assertThat(result.steps().get(0).stderr()).contains("refresh failed").doesNotContain("installing");
        assertThat(result.steps().get(0).stdout()).doesNotContain("installing");
        assertThat(result.steps().get(1).exitCode()).isZero();
        assertThat(result.steps().get(2).skipped()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aSharedCommandWithoutArgumentsRunsOnceWhenOneResourceReachesIt(Shell shell) throws Exception {
        List<String> reload = tool("reload");
        Path order = dir.resolve("order");
        List<ApplyStep> steps = List.of(
                step(
                        "u1",
                        List.of(),
                        cmd("sh", "-c", "echo write-1 >> \"$0\"", order.toString()),
                        new Operation.MergeableCommand(reload, List.of()),
                        cmd("sh", "-c", "echo start-1 >> \"$0\"", order.toString())),
                step(
                        "u2",
                        List.of(0),
                        cmd("sh", "-c", "echo write-2 >> \"$0\"", order.toString()),
                        new Operation.MergeableCommand(reload, List.of()),
                        cmd("sh", "-c", "echo start-2 >> \"$0\"", order.toString())));

        HostSession.BatchResult result = apply(shell, steps);

        assertThat(log("reload")).containsExactly("");
        assertThat(Files.readAllLines(order)).containsExactly("write-1", "write-2", "start-1", "start-2");
        assertThat(result.steps().values()).allMatch(StepResult::succeeded);
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aFailureAfterTheSharedCommandStopsTheRestOfItsDependents(Shell shell) throws Exception {
        List<String> reload = tool("reload");
        Path started = dir.resolve("started-2");
        List<ApplyStep> steps = List.of(
                step(
                        "u1",
                        List.of(),
                        new Operation.MergeableCommand(reload, List.of()),
                        cmd("sh", "-c", "echo start-1 failed >&2; exit 3")),
                step(
                        "u2",
                        List.of(0),
                        new Operation.MergeableCommand(reload, List.of()),
                        cmd("touch", started.toString())));

        HostSession.BatchResult result = apply(shell, steps);

        assertThat(log("reload")).hasSize(1);
        assertThat(result.steps().get(0).exitCode()).isEqualTo(3);
        assertThat(result.steps().get(1).succeeded()).isFalse();
        assertThat(result.steps().get(1).skipped()).isFalse();
        assertThat(result.steps().get(1).stderr()).contains("did not run: a resource it depends on failed");
        assertThat(started).doesNotExist();
    }
}
