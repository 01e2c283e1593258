package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Against a real OpenSSH sshd with an ECDSA and an ed25519 host key (skipped without sshd or root):
 * key type preference, host key refusal, authentication failure, ProxyJump both ways, real sudo.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealSshdTest {
    private static final byte[] NONE = new byte[0];
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final KeyPair user = TestKeys.ed25519();
    private final KeyPair ecdsaHostKey = TestKeys.ecdsa();
    private final KeyPair ed25519HostKey = TestKeys.ed25519();
    private Path home;
    private RealSshd sshd;
    private DefaultTransports transports;
    private Path key;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("converge-real-sshd");
        sshd = RealSshd.start(home, List.of(ecdsaHostKey, ed25519HostKey), user.getPublic());
        transports = new DefaultTransports(name -> null, home);
        key = TestKeys.write(user, home.resolve("id"));
    }

    @AfterAll
    void stop() throws Exception {
        if (transports != null) {
            transports.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    private Path knownHosts(String name, String... lines) throws Exception {
        return Files.write(home.resolve(name), List.of(lines));
    }

    private String run(Path hosts, List<String> jumps, boolean become, String... argv) throws Exception {
        try (Transport t = transports.open(Specs.ssh(sshd.port(), key, hosts, HostKeyChecking.STRICT, jumps, become))) {
            ExecResult result = t.exec(List.of(argv), NONE, TIMEOUT);
            assertThat(result.exitCode()).as(result.stderrText()).isZero();
            return result.stdoutText();
        }
    }

    @Test
    void ed25519OnlyKnownHostsWorksAgainstAHostThatAlsoHasEcdsa() throws Exception {
        Path hosts = knownHosts("kh-ed", TestKeys.knownHostsLine(sshd.port(), ed25519HostKey.getPublic()));
        assertThat(run(hosts, List.of(), false, "echo", "ed25519")).isEqualTo("ed25519\n");
    }

    @Test
    void ecdsaOnlyKnownHostsWorksToo() throws Exception {
        Path hosts = knownHosts("kh-ec", TestKeys.hashedKnownHostsLine(sshd.port(), ecdsaHostKey.getPublic()));
        assertThat(run(hosts, List.of(), false, "echo", "ecdsa")).isEqualTo("ecdsa\n");
    }

    @Test
    void changedKeyIsRefused() throws Exception {
        Path hosts = knownHosts(
                "kh-changed",
                TestKeys.knownHostsLine(sshd.port(), TestKeys.ed25519().getPublic()));
        TransportException e = catchThrowableOfType(
                TransportException.class, () -> transports.open(Specs.ssh(sshd.port(), key, hosts)));
        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(e.getMessage())
                .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains(TestKeys.fingerprint(ed25519HostKey.getPublic()));
    }

    @Test
    void wrongKeyIsRefused() throws Exception {
        Path hosts = knownHosts("kh-auth", TestKeys.knownHostsLine(sshd.port(), ed25519HostKey.getPublic()));
        Path wrong = TestKeys.write(TestKeys.ed25519(), home.resolve("wrong"));
        TransportException e = catchThrowableOfType(
                TransportException.class, () -> transports.open(Specs.ssh(sshd.port(), wrong, hosts)));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("root@127.0.0.1:" + sshd.port()).contains(wrong.toString());
    }

    @Test
    void realSudoWithBecome() throws Exception {
        Path hosts = knownHosts("kh-sudo", TestKeys.knownHostsLine(sshd.port(), ed25519HostKey.getPublic()));
        assertThat(run(hosts, List.of(), true, "id", "-un")).isEqualTo("root\n");
    }

    @Test
    void jumpThroughRealSshdToAnInProcessServer() throws Exception {
        try (MinaTestServer target = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic())) {
            Path hosts = knownHosts(
                    "kh-jump1",
                    TestKeys.knownHostsLine(sshd.port(), ed25519HostKey.getPublic()),
                    TestKeys.knownHostsLine(target.port(), target.hostKey()));
            try (Transport t = transports.open(Specs.ssh(
                    target.port(),
                    key,
                    hosts,
                    HostKeyChecking.STRICT,
                    List.of("root@127.0.0.1:" + sshd.port()),
                    false))) {
                assertThat(t.exec(List.of("echo", "hop"), NONE, TIMEOUT).stdoutText())
                        .isEqualTo("hop\n");
            }
            assertThat(target.commandsStarted()).isEqualTo(1);
        }
    }

    @Test
    void jumpThroughAnInProcessServerToRealSshd() throws Exception {
        try (MinaTestServer jump = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic())) {
            Path hosts = knownHosts(
                    "kh-jump2",
                    TestKeys.knownHostsLine(sshd.port(), ed25519HostKey.getPublic()),
                    TestKeys.knownHostsLine(jump.port(), jump.hostKey()));
            assertThat(run(hosts, List.of("127.0.0.1:" + jump.port()), false, "echo", "hop"))
                    .isEqualTo("hop\n");
            assertThat(jump.commandsStarted()).isZero();
        }
    }
}
