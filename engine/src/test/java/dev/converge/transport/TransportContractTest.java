package dev.converge.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Transport} must do, run against each implementation. The hosts are this machine
 * (locally or over loopback SSH), so files a command writes can be checked directly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TransportContractTest {
    protected static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final byte[] NONE = new byte[0];

    @TempDir
    Path dir;

    /** The transport under test; one per class, reused by every test (as in a run). */
    protected abstract Transport transport();

    /** Whether a command that outlived its timeout is stopped on the host, not just abandoned. */
    protected boolean stopsTimedOutCommands() {
        return true;
    }

    private ExecResult run(String... argv) throws TransportException {
        return transport().exec(List.of(argv), NONE, TIMEOUT);
    }

    @Test
    void exitCodesAreData() throws Exception {
        assertThat(run("true").exitCode()).isZero();
        assertThat(run("sh", "-c", "exit 3").exitCode()).isEqualTo(3);
        assertThat(run("sh", "-c", "exit 255").exitCode()).isEqualTo(255);
    }

    @Test
    void stdoutAndStderrAreSeparate() throws Exception {
        ExecResult result = run("sh", "-c", "printf out; printf err >&2; exit 1");
        assertThat(result.stdoutText()).isEqualTo("out");
        assertThat(result.stderrText()).isEqualTo("err");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void largeOutputDoesNotDeadlock() throws Exception {
        ExecResult result = run("sh", "-c", "head -c 12000000 /dev/zero; head -c 3000000 /dev/zero >&2");
        assertThat(result.stdout()).hasSize(12_000_000);
        assertThat(result.stderr()).hasSize(3_000_000);
    }

    @Test
    void binaryStdinComesBackByteForByte() throws Exception {
        byte[] data = new byte[2_000_000];
        new Random(42).nextBytes(data);
        for (int i = 0; i < 256; i++) {
            data[i] = (byte) i;
        }
        ExecResult result = transport().exec(List.of("cat"), data, TIMEOUT);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).isEqualTo(data);
    }

    @Test
    void nonUtf8OutputSurvives() throws Exception {
        ExecResult result = run("printf", "\\377\\376\\000\\200abc\\r\\n");
        assertThat(result.stdout()).containsExactly(0xff - 256, 0xfe - 256, 0, 0x80 - 256, 'a', 'b', 'c', '\r', '\n');
    }

    @Test
    void stdinFeedsAScript() throws Exception {
        byte[] script = "echo one\necho two >&2\nexit 7\n".getBytes(StandardCharsets.UTF_8);
        ExecResult result = transport().exec(List.of("sh", "-s"), script, TIMEOUT);
        assertThat(result.stdoutText()).isEqualTo("one\n");
        assertThat(result.stderrText()).isEqualTo("two\n");
        assertThat(result.exitCode()).isEqualTo(7);
    }

    @Test
    void uploadsAFileWithAMode() throws Exception {
        Path target = dir.resolve("uploaded file 'x'");
        byte[] content = "line 1\n\u00e9\u65e5\n\0binary\n".getBytes(StandardCharsets.UTF_8);
        ExecResult result = transport()
                .exec(
                        List.of("sh", "-c", "cat > \"$1\"; chmod \"$2\" \"$1\"", "sh", target.toString(), "640"),
                        content,
                        TIMEOUT);
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                .isEqualTo("rw-r-----");
    }

    @Test
    /** More than OpenSSH's MaxSessions (10): each channel must be fully closed before the next. */
    void manyCommandsOnOneTransport() throws Exception {
        for (int i = 0; i < 12; i++) {
            assertThat(run("echo", Integer.toString(i)).stdoutText()).isEqualTo(i + "\n");
        }
    }

    @Test
    void commandThatOutlivesItsTimeoutIsStopped() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> transport().exec(List.of("sleep", "5"), NONE, Duration.ofMillis(500)))
                .isInstanceOfSatisfying(
                        TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void timedOutCommandDoesNotKeepRunning() throws Exception {
        assumeTrue(stopsTimedOutCommands(), "this server cannot stop a command on request (see docs/transport-ssh.md)");
        String seconds = "37." + (100000 + new Random().nextInt(800000));
        assertThatThrownBy(() -> transport().exec(List.of("sleep", seconds), NONE, Duration.ofMillis(300)))
                .isInstanceOf(TransportException.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos(); // generous: CI machines are loaded
        while (stillRunning("sleep " + seconds) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(stillRunning("sleep " + seconds))
                .as("sleep %s still running", seconds)
                .isFalse();
    }

    private static boolean stillRunning(String commandLine) {
        return ProcessHandle.allProcesses()
                .anyMatch(p ->
                        p.info().commandLine().map(c -> c.endsWith(commandLine)).orElse(false));
    }

    @Test
    void transportStillWorksAfterATimeout() throws Exception {
        assertThatThrownBy(() -> transport().exec(List.of("sleep", "5"), NONE, Duration.ofMillis(300)))
                .isInstanceOf(TransportException.class);
        assertThat(run("echo", "alive").stdoutText()).isEqualTo("alive\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "$(touch MARKER)",
                "`touch MARKER`",
                "; touch MARKER",
                "' ; touch MARKER ; '",
                "\" ; touch MARKER ; \"",
                "\ntouch MARKER\n",
                "&& touch MARKER",
                "| touch MARKER",
                "${IFS}touch${IFS}MARKER",
                "'$(touch MARKER)'",
                "\\'; touch MARKER; #",
                "* ? [a] ~ #",
                "",
                " ",
                "-n",
                "\u00e9\u65e5\u672c\ud83d\ude00"
            })
    void hostileArgumentsArePassedLiterally(String template) throws Exception {
        Path marker = dir.resolve("marker");
        String value = template.replace("MARKER", marker.toString());
        ExecResult result = transport().exec(List.of("printf", "%s", value), NONE, TIMEOUT);
        assertThat(result.stdout()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
        assertThat(marker).doesNotExist();
    }
}
