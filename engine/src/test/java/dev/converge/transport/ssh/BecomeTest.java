package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code become}: the sudo wrapping, and sudo's "a password is required" turned into AUTHENTICATION. */
class BecomeTest {
    @TempDir
    Path home;

    private final KeyPair user = TestKeys.ed25519();
    private MinaTestServer server;
    private DefaultTransports transports;
    private Path key;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        transports = new DefaultTransports(name -> null, home);
        key = TestKeys.write(user, home.resolve("id"));
        knownHosts = Files.writeString(
                home.resolve("known_hosts"), TestKeys.knownHostsLine(server.port(), server.hostKey()) + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        transports.close();
        server.close();
    }

    /** Puts a fake {@code sudo} first on the server's PATH. */
    private void fakeSudo(String script) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        server.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    }

    private Transport become() throws TransportException {
        return transports.open(Specs.ssh(server.port(), key, knownHosts, HostKeyChecking.STRICT, List.of(), true));
    }

    @Test
    void argvIsWrappedInNonInteractiveSudo() {
        assertThat(Become.wrap(List.of("id", "-u"), "postgres"))
                .containsExactly("sudo", "-n", "-u", "postgres", "--", "id", "-u");
        assertThat(Become.command(List.of("echo", "a b"), true, "root")).isEqualTo("sudo -n -u root -- echo 'a b'");
        assertThat(Become.command(List.of("echo", "a b"), false, "root")).isEqualTo("echo 'a b'");
    }

    @Test
    void sudoReceivesTheArgumentsLiterally() throws Exception {
        fakeSudo("printf '%s\\n' \"$@\"");
        try (Transport t = become()) {
            ExecResult result = t.exec(List.of("echo", "$(hostile)"), new byte[0], Duration.ofSeconds(10));
            assertThat(result.stdoutText()).isEqualTo("-n\n-u\nroot\n--\necho\n$(hostile)\n");
        }
    }

    @Test
    void passwordRequiredIsAnAuthenticationErrorNamingUserAndHost() throws Exception {
        fakeSudo("echo 'sudo: a password is required' >&2; exit 1");
        try (Transport t = become()) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10)));
            assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
            assertThat(e.getMessage())
                    .contains("passwordless sudo for user root on host")
                    .contains("127.0.0.1:" + server.port())
                    .contains("NOPASSWD");
        }
    }

    @Test
    void detectionOnlyFiresOnFailureWithSudosMessage() {
        ExecResult ok = new ExecResult(0, new byte[0], "a password is required".getBytes(StandardCharsets.UTF_8));
        ExecResult otherFailure = new ExecResult(1, new byte[0], "no such file".getBytes(StandardCharsets.UTF_8));
        assertThatCode(() -> Become.checkPasswordNotRequired(ok, "root", "h")).doesNotThrowAnyException();
        assertThatCode(() -> Become.checkPasswordNotRequired(otherFailure, "root", "h"))
                .doesNotThrowAnyException();
    }

    @Test
    void realSudoAsRootRunsTheCommand() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "no sudo installed");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for passwordless sudo");
        try (Transport t = become()) {
            ExecResult result = t.exec(List.of("id", "-un"), new byte[0], Duration.ofSeconds(10));
            assertThat(result.stdoutText()).as(result.stderrText()).isEqualTo("root\n");
        }
    }
}
