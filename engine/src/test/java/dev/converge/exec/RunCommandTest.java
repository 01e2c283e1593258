package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.Operation;
import dev.converge.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command's environment, working directory and any-bytes standard input, through the real apply script. */
class RunCommandTest {
    @TempDir
    Path dir;

    private StepResult apply(Operation.RunCommand command) throws Exception {
        HostSession session = new HostSession("localhost", new LocalTransport(), Duration.ofSeconds(30));
        return session.apply(List.of(new ApplyStep(new NodeKey("localhost", "cmd"), List.of(command), List.of())))
                .steps()
                .get(0);
    }

    @Test
    void runsInItsDirectoryWithItsVariables() throws Exception {
        Path out = dir.resolve("out");
        StepResult step = apply(new Operation.RunCommand(
                List.of("sh", "-c", "printf '%s %s' \"$PWD\" \"$GREETING\" > \"$0\"", out.toString()),
                new byte[0],
                Map.of("GREETING", "hello; $(touch pwned) 'quoted'"),
                dir.toString()));

        assertThat(step.succeeded()).as(step.stderr()).isTrue();
        assertThat(out).hasContent(dir + " hello; $(touch pwned) 'quoted'");
        assertThat(dir.resolve("pwned")).as("a value is never shell text").doesNotExist();
    }

    @Test
    void standardInputIsAnyBytes() throws Exception {
        byte[] bytes = {0, (byte) 0xff, (byte) 0xfe, '\n', 'x', (byte) 0x80};
        Path out = dir.resolve("bin");
        StepResult step = apply(
                new Operation.RunCommand(List.of("sh", "-c", "cat > \"$0\"", out.toString()), bytes, Map.of(), ""));

        assertThat(step.succeeded()).as(step.stderr()).isTrue();
        assertThat(Files.readAllBytes(out)).isEqualTo(bytes);
    }

    @Test
    void badNamesAndRelativeDirectoriesAreRefused() {
        assertThatThrownBy(() -> new Operation.RunCommand(List.of("true"), new byte[0], Map.of("A=B", "x"), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Operation.RunCommand(List.of("true"), new byte[0], Map.of(), "relative"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void equalCommandsAreEqualWhateverTheArrayInstance() {
        assertThat(new Operation.RunCommand(List.of("cat"), new byte[] {1, 2}, Map.of("A", "1"), "/tmp"))
                .isEqualTo(new Operation.RunCommand(List.of("cat"), new byte[] {1, 2}, Map.of("A", "1"), "/tmp"))
                .isNotEqualTo(new Operation.RunCommand(List.of("cat"), new byte[] {1, 3}, Map.of("A", "1"), "/tmp"));
        assertThat(new Operation.RunCommand(List.of("cat"), "x"))
                .isEqualTo(new Operation.RunCommand(List.of("cat"), new byte[] {'x'}, Map.of(), ""));
    }
}
