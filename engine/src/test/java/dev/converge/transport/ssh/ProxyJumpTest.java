package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ProxyJump through in-process servers on loopback: one hop, two hops, and host keys checked per hop. */
class ProxyJumpTest {
    @TempDir
    Path home;

    private final KeyPair user = TestKeys.ed25519();
    private MinaTestServer jump1;
    private MinaTestServer jump2;
    private MinaTestServer target;
    private DefaultTransports transports;
    private Path key;

    @BeforeEach
    void start() throws Exception {
        jump1 = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        jump2 = MinaTestServer.withHostKey(TestKeys.ecdsa(), user.getPublic());
        target = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        transports = new DefaultTransports(name -> null, home);
        key = TestKeys.write(user, home.resolve("id"));
    }

    @AfterEach
    void stop() throws Exception {
        transports.close();
        target.close();
        jump2.close();
        jump1.close();
    }

    private Path knownHosts(MinaTestServer... servers) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (MinaTestServer server : servers) {
            lines.append(TestKeys.knownHostsLine(server.port(), server.hostKey()))
                    .append('\n');
        }
        return Files.writeString(home.resolve("known_hosts"), lines);
    }

    private String jump(MinaTestServer server) {
        return System.getProperty("user.name") + "@127.0.0.1:" + server.port();
    }

    @Test
    void oneHop() throws Exception {
        Path hosts = knownHosts(jump1, target);
        try (Transport t = transports.open(
                Specs.ssh(target.port(), key, hosts, HostKeyChecking.STRICT, List.of(jump(jump1)), false))) {
            assertThat(t.exec(List.of("echo", "via jump"), new byte[0], Duration.ofSeconds(10))
                            .stdoutText())
                    .isEqualTo("via jump\n");
        }
        assertThat(target.commandsStarted()).isEqualTo(1);
        assertThat(jump1.commandsStarted()).isZero();
    }

    @Test
    void twoHopsWithoutUserOrPortDefaults() throws Exception {
        Path hosts = knownHosts(jump1, jump2, target);
        try (Transport t = transports.open(Specs.ssh(
                target.port(),
                key,
                hosts,
                HostKeyChecking.STRICT,
                List.of(jump(jump1), "127.0.0.1:" + jump2.port()),
                false))) {
            assertThat(t.exec(List.of("cat"), "data".getBytes(), Duration.ofSeconds(10))
                            .stdoutText())
                    .isEqualTo("data");
        }
    }

    @Test
    void targetBehindAJumpIsCheckedAsItselfNotAsTheForwardedPort() throws Exception {
        Path hosts = knownHosts(jump1);
        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> transports.open(
                        Specs.ssh(target.port(), key, hosts, HostKeyChecking.STRICT, List.of(jump(jump1)), false)));
        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(e.getMessage())
                .contains("127.0.0.1:" + target.port())
                .contains(TestKeys.fingerprint(target.hostKey()));
        assertThat(target.commandsStarted()).isZero();
    }

    @Test
    void unknownJumpHostIsRefused() throws Exception {
        Path hosts = knownHosts(target);
        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> transports.open(
                        Specs.ssh(target.port(), key, hosts, HostKeyChecking.STRICT, List.of(jump(jump1)), false)));
        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(e.getMessage()).contains("127.0.0.1:" + jump1.port());
    }

    @Test
    void acceptNewRecordsEveryHopUnderItsOwnName() throws Exception {
        Path hosts = home.resolve("known_hosts");
        try (Transport t = transports.open(
                Specs.ssh(target.port(), key, hosts, HostKeyChecking.ACCEPT_NEW, List.of(jump(jump1)), false))) {
            assertThat(t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10))
                            .exitCode())
                    .isZero();
        }
        assertThat(Files.readAllLines(hosts))
                .containsExactlyInAnyOrder(
                        TestKeys.knownHostsLine(jump1.port(), jump1.hostKey()),
                        TestKeys.knownHostsLine(target.port(), target.hostKey()));
    }

    @Test
    void unreachableJumpIsUnreachable() throws Exception {
        Path hosts = knownHosts(jump1, target);
        int port = jump1.port();
        jump1.close();
        TransportException e = catchThrowableOfType(
                TransportException.class,
                () -> transports.open(Specs.ssh(
                        target.port(), key, hosts, HostKeyChecking.STRICT, List.of("127.0.0.1:" + port), false)));
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("via");
    }

    @Test
    void jumpSpecsAreNormalizedForMina() {
        assertThat(ProxyJumps.normalize(List.of("bastion", "ops@10.0.0.1:2222", "[::1]:22", "ssh://u@h"), "me"))
                .isEqualTo("ssh://me@bastion:22,ssh://ops@10.0.0.1:2222,ssh://me@[::1]:22,ssh://u@h:22");
    }
}
