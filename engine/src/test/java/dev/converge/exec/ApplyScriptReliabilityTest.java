package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.FileDigest;
import dev.converge.spi.Operation;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The apply script's guarantees under faults, on a real shell: a script cut short anywhere runs
 * nothing; leftovers are removed and reported; the host lock serialises runs and names its holder;
 * a hanging step is stopped at its timeout while the others complete.
 */
class ApplyScriptReliabilityTest {
    @TempDir
    Path dir;

    private ExecResult run(Shell shell, byte[] script) throws Exception {
        return shell.run(script, "CONVERGE_LOCK_FILE=" + dir.resolve("lock"));
    }

    private static ApplyStep step(String id, Operation... ops) {
        return new ApplyStep(new NodeKey("h", id), List.of(ops), List.of());
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aScriptCutShortAnywhereRunsNothing(Shell shell) throws Exception {
        Path file = dir.resolve("f.conf");
        Files.writeString(file, "old\n");
        Path marker = dir.resolve("marker");
        byte[] content = "new content\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        List<ApplyStep> steps = List.of(
                step("a", new Operation.RunCommand(List.of("touch", marker.toString()))),
                step(
                        "b",
                        new Operation.WriteFile(
                                file.toString(),
                                content,
                                "0640",
                                "",
                                "",
                                RemoteWriteTest.digest("old\n"),
                                false,
                                false)));
        byte[] script = ApplyScript.build(steps, "0123456789abcdef", new ApplyScript.Settings(5, 0, "test"))
                .script();
        int cuts = 0;
        SortedSet<Integer> lengths = new TreeSet<>();
        for (int len = 0; len < script.length - 1; len += Math.max(1, script.length / 150)) {
            lengths.add(len);
        }
        for (int len = Math.max(0, script.length - 120); len < script.length - 1; len++) {
            lengths.add(len); // every cut inside the last lines, where the call is
        }
        // (script.length - 1 lacks only the final newline: everything arrived, and it may run)
        for (int len : lengths) {
            run(shell, Arrays.copyOf(script, len));
            assertThat(marker)
                    .as("prefix of %d/%d bytes ran a command", len, script.length)
                    .doesNotExist();
            assertThat(file).hasContent("old");
            cuts++;
        }
        assertThat(cuts).isGreaterThan(250);
        ExecResult whole = run(shell, script);
        assertThat(whole.exitCode()).as(whole.stderrText()).isZero();
        assertThat(marker).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(dir).isDirectoryNotContaining("glob:**.tmp");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void leftoverTempFilesOfManagedPathsAreRemovedAndReported(Shell shell) throws Exception {
        Path file = dir.resolve("f.conf");
        Files.writeString(file, "old\n");
        Path leftover = dir.resolve(".f.conf.converge-deadbeefdeadbeef.tmp");
        Path unrelated = dir.resolve(".other.converge-deadbeefdeadbeef.tmp");
        Files.writeString(leftover, "half");
        Files.writeString(unrelated, "not ours to judge");
        byte[] script = ApplyScript.build(
                        List.of(step("a", RemoteWriteTest.write(file, "new\n", RemoteWriteTest.digest("old\n")))),
                        "00000000000000aa",
                        new ApplyScript.Settings(5, 0, "test"))
                .script();
        ExecResult result = run(shell, script);
        ApplyScript.Parsed parsed = ApplyScript.parseAll(result.stdout(), "00000000000000aa");
        assertThat(parsed.removedLeftovers()).containsExactly(leftover.toString());
        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
        assertThat(file).hasContent("new");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aBusyHostLockIsWaitedForThenRefusedNamingItsHolder(Shell shell) throws Exception {
        Path file = dir.resolve("f.conf");
        Files.writeString(file, "old\n");
        Path lock = dir.resolve("lock");
        Files.writeString(lock, "pid=4242 since=2024-01-01T00:00:00Z controller=ctl/pid 99/root run=abc\n");
        Process holder = new ProcessBuilder("flock", lock.toString(), "sleep", "30").start();
        if (shell.busybox()) { // no flock applet: the script's mkdir lock, held by a live pid
            Files.createDirectories(dir.resolve("lock.d"));
            Files.writeString(
                    dir.resolve("lock.d/holder"),
                    "pid=" + holder.pid() + " since=2024-01-01T00:00:00Z controller=ctl/pid 99/root run=abc\n");
        }
        try {
            Thread.sleep(300);
            byte[] script = ApplyScript.build(
                            List.of(step("a", RemoteWriteTest.write(file, "new\n", RemoteWriteTest.digest("old\n")))),
                            "00000000000000bb",
                            new ApplyScript.Settings(1, 0, "me"))
                    .script();
            long start = System.nanoTime();
            ExecResult result = run(shell, script);
            assertThat(System.nanoTime() - start)
                    .as("bounded wait")
                    .isLessThan(Duration.ofSeconds(10).toNanos());
            assertThat(result.exitCode()).isEqualTo(ApplyScript.LOCKED);
            ApplyScript.Parsed parsed = ApplyScript.parseAll(result.stdout(), "00000000000000bb");
            assertThat(parsed.lockedBy())
                    .contains(
                            "pid=" + (shell.busybox() ? holder.pid() : 4242),
                            "since=2024-01-01T00:00:00Z",
                            "controller=ctl/pid 99/root");
            assertThat(parsed.steps()).isEmpty();
            assertThat(file).hasContent("old");
        } finally {
            holder.descendants().forEach(ProcessHandle::destroyForcibly); // sleep inherited the locked fd
            holder.destroyForcibly().waitFor();
            Thread.sleep(300);
        }
        byte[] script = ApplyScript.build(
                        List.of(step("a", RemoteWriteTest.write(file, "new\n", RemoteWriteTest.digest("old\n")))),
                        "00000000000000cc",
                        new ApplyScript.Settings(1, 0, "me"))
                .script();
        assertThat(run(shell, script).exitCode()).isZero();
        assertThat(file).hasContent("new");
        if (!shell.busybox()) {
            assertThat(Files.readString(lock)).contains("controller=me", "run=00000000000000cc");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aHangingStepIsStoppedAtItsTimeoutAndTheOthersComplete(Shell shell) throws Exception {
        Path after = dir.resolve("after");
        List<ApplyStep> steps = List.of(
                step("hang", new Operation.RunCommand(List.of("sh", "-c", "sleep 300; touch " + dir.resolve("never")))),
                step("next", new Operation.RunCommand(List.of("touch", after.toString()))));
        long start = System.nanoTime();
        ExecResult result = run(
                shell,
                ApplyScript.build(steps, "00000000000000dd", new ApplyScript.Settings(5, 2, "me"))
                        .script());
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(20).toNanos());
        var parsed = ApplyScript.parseAll(result.stdout(), "00000000000000dd").steps();
        assertThat(parsed.get(0).exitCode()).isEqualTo(ApplyScript.STEP_TIMED_OUT);
        assertThat(parsed.get(0).stderr()).contains("stopped after its timeout of 2 s");
        assertThat(parsed.get(1).exitCode()).isZero();
        assertThat(after).exists();
        Thread.sleep(500);
        ProcessHandle.allProcesses()
                .forEach(p -> assertThat(p.info().commandLine().orElse("")).doesNotContain("sleep 300; touch " + dir));
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aStepThatEndsInTimeStopsItsTimerAndLeavesNoProcessBehind(Shell shell) throws Exception {
        Path file = dir.resolve("written");
        List<ApplyStep> steps = List.of(
                step(
                        "write",
                        new Operation.WriteFile(
                                file.toString(),
                                "new\n".getBytes(StandardCharsets.UTF_8),
                                "0600",
                                "",
                                "",
                                FileDigest.ABSENT,
                                false,
                                false)),
                step("quiet", new Operation.RunCommand(List.of("true"))),
                step("talks", new Operation.RunCommand(List.of("sh", "-c", "echo out; echo err >&2"))));
        long start = System.nanoTime();
        ExecResult result = run(
                shell,
                ApplyScript.build(steps, "00000000000000ee", new ApplyScript.Settings(5, 7777, "me"))
                        .script());
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(20).toNanos());
        var parsed = ApplyScript.parseAll(result.stdout(), "00000000000000ee").steps();
        assertThat(parsed.get(0).exitCode()).isZero();
        assertThat(parsed.get(1).stdout()).isEmpty();
        assertThat(parsed.get(2).stdout()).isEqualTo("out\n");
        assertThat(parsed.get(2).stderr()).isEqualTo("err\n");
        assertThat(Files.readString(file)).isEqualTo("new\n");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrderElementsOf(PosixFilePermissions.fromString("rw-------"));
        Thread.sleep(300);
        ProcessHandle.allProcesses()
                .forEach(p -> assertThat(p.info().commandLine().orElse("")).doesNotContain("sleep 7777"));
    }
}
