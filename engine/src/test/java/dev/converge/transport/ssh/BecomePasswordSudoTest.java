package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.transport.ExecResult;
import dev.converge.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** sudo as converge drives it, against a fake channel that records every command string and its standard input. */
class BecomePasswordSudoTest {
    private static final String PASSWORD = "pa ss'w\"ord$1";
    private static final byte[] SCRIPT = "echo hi\n".getBytes(StandardCharsets.UTF_8);

    /** A fake sudo: answers the probe as configured, and checks the password line when -S is used. */
    static final class FakeSudo implements Become.Exec {
        final List<String> commands = new ArrayList<>();
        final List<String> inputs = new ArrayList<>();
        final boolean needsPassword;
        final String realPassword;

        FakeSudo(boolean needsPassword, String realPassword) {
            this.needsPassword = needsPassword;
            this.realPassword = realPassword;
        }

        @Override
        public ExecResult run(String command, byte[] stdin) {
            commands.add(command);
            String in = new String(stdin, StandardCharsets.UTF_8);
            inputs.add(in);
            if (command.startsWith("sudo -n ")) {
                return needsPassword
                        ? new ExecResult(
                                1, new byte[0], "sudo: a password is required\n".getBytes(StandardCharsets.UTF_8))
                        : new ExecResult(0, new byte[0], new byte[0]);
            }
            String first = in.substring(0, in.indexOf('\n'));
            if (!first.equals(realPassword)) {
                return new ExecResult(
                        1,
                        new byte[0],
                        "Sorry, try again.\nsudo: 3 incorrect password attempts\n".getBytes(StandardCharsets.UTF_8));
            }
            return new ExecResult(0, in.substring(first.length() + 1).getBytes(StandardCharsets.UTF_8), new byte[0]);
        }
    }

    @Test
    void withoutAPasswordSudoNeverPromptsAndAskingForOneIsAClearError() throws Exception {
        FakeSudo sudo = new FakeSudo(false, null);
        ExecResult r = new Become("root", "web1", null).run(sudo, List.of("sh", "-s"), SCRIPT);
        assertThat(r.exitCode()).isZero();
        assertThat(sudo.commands).containsExactly("sudo -n -u root -- sh -s");
        assertThat(sudo.inputs).containsExactly("echo hi\n");

        assertThatThrownBy(() ->
                        new Become("root", "web1", null).run(new FakeSudo(true, "x"), List.of("sh", "-s"), SCRIPT))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("-K (--ask-become-pass)");
    }

    @Test
    void aPasswordGoesOnStandardInputBeforeTheScriptNeverIntoTheCommand() throws Exception {
        FakeSudo sudo = new FakeSudo(true, PASSWORD);
        Become become = new Become("deploy", "web1", PASSWORD);
        ExecResult first = become.run(sudo, List.of("sh", "-s"), SCRIPT);
        ExecResult second = become.run(sudo, List.of("sh", "-s"), SCRIPT);
        assertThat(first.stdoutText())
                .as("the script reached the command after the password line")
                .isEqualTo("echo hi\n");
        assertThat(second.exitCode()).isZero();
        assertThat(sudo.commands)
                .as("probed once per connection")
                .containsExactly(
                        "sudo -n -u deploy -- true",
                        "sudo -S -k -p '' -u deploy -- sh -s",
                        "sudo -S -k -p '' -u deploy -- sh -s");
        assertThat(sudo.commands).noneMatch(c -> c.contains("pa ss"));
        assertThat(sudo.inputs.get(0)).as("the probe gets nothing").isEmpty();
        assertThat(sudo.inputs.get(1)).isEqualTo(PASSWORD + "\necho hi\n");
    }

    @Test
    void aPasswordIsNeverSentWhenSudoDoesNotAskForOne() throws Exception {
        FakeSudo sudo = new FakeSudo(false, PASSWORD);
        new Become("root", "web1", PASSWORD).run(sudo, List.of("sh", "-s"), SCRIPT);
        assertThat(sudo.commands).containsExactly("sudo -n -u root -- true", "sudo -n -u root -- sh -s");
        assertThat(String.join("", sudo.inputs)).doesNotContain(PASSWORD);
    }

    @Test
    void aRefusedPasswordIsAnAuthenticationErrorThatDoesNotQuoteIt() {
        FakeSudo sudo = new FakeSudo(true, "the-real-one");
        assertThatThrownBy(() -> new Become("root", "web1", PASSWORD).run(sudo, List.of("sh", "-s"), SCRIPT))
                .isInstanceOfSatisfying(
                        TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION))
                .hasMessageContaining("sudo refused the become password for root on host web1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }
}
