package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host key policy against an in-process server: strict, accept-new, off, hashed entries, key types. */
class HostKeyTest {
    @TempDir
    Path home;

    private final KeyPair user = TestKeys.ed25519();
    private final KeyPair hostKey = TestKeys.ed25519();
    private MinaTestServer server;
    private DefaultTransports transports;
    private Path key;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = MinaTestServer.withHostKey(hostKey, user.getPublic());
        transports = new DefaultTransports(name -> null, home);
        key = TestKeys.write(user, home.resolve("id"));
        knownHosts = home.resolve("known_hosts");
    }

    @AfterEach
    void stop() throws Exception {
        transports.close();
        server.close();
    }

    private TransportException refused(HostKeyChecking checking) {
        Throwable thrown = Assertions.catchThrowable(() -> transports
                .open(Specs.ssh(server.port(), key, knownHosts, checking))
                .close());
        assertThat(thrown).isInstanceOf(TransportException.class);
        return (TransportException) thrown;
    }

    private String echo(HostKeyChecking checking) throws Exception {
        try (Transport transport = transports.open(Specs.ssh(server.port(), key, knownHosts, checking))) {
            return transport
                    .exec(List.of("echo", "ok"), new byte[0], Duration.ofSeconds(10))
                    .stdoutText();
        }
    }

    @Test
    void unknownHostIsRefusedWithItsFingerprintAndHowToAcceptIt() {
        TransportException e = refused(HostKeyChecking.STRICT);
        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(e.getMessage())
                .contains(TestKeys.fingerprint(hostKey.getPublic()))
                .contains("SHA256:")
                .contains("ssh-keyscan -H -p " + server.port() + " 127.0.0.1")
                .contains("accept-new");
        assertThat(server.commandsStarted()).isZero();
    }

    @Test
    void missingKnownHostsFileIsLikeAnUnknownHost() {
        knownHosts = home.resolve("does/not/exist");
        assertThat(refused(HostKeyChecking.STRICT).kind()).isEqualTo(Kind.HOST_KEY);
    }

    @Test
    void changedKeyIsRefusedLoudlyAndNothingRuns() throws Exception {
        KeyPair old = TestKeys.ed25519();
        Files.writeString(knownHosts, TestKeys.knownHostsLine(server.port(), old.getPublic()) + "\n");
        for (HostKeyChecking checking : List.of(HostKeyChecking.STRICT, HostKeyChecking.ACCEPT_NEW)) {
            TransportException e = refused(checking);
            assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
            assertThat(e.getMessage())
                    .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                    .contains(TestKeys.fingerprint(old.getPublic()))
                    .contains(TestKeys.fingerprint(hostKey.getPublic()))
                    .contains("ssh-keygen -R");
        }
        assertThat(server.commandsStarted()).isZero();
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void keyOfAnotherTypeThanRecordedCountsAsChanged() throws Exception {
        Files.writeString(
                knownHosts,
                TestKeys.knownHostsLine(server.port(), TestKeys.ecdsa().getPublic()) + "\n");
        TransportException e = refused(HostKeyChecking.ACCEPT_NEW);
        assertThat(e.kind()).isEqualTo(Kind.HOST_KEY);
        assertThat(e.getMessage())
                .contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
                .contains("not recorded");
    }

    @Test
    void acceptNewRecordsTheKeyThenStrictAcceptsIt() throws Exception {
        assertThat(echo(HostKeyChecking.ACCEPT_NEW)).isEqualTo("ok\n");
        assertThat(Files.readAllLines(knownHosts))
                .containsExactly(TestKeys.knownHostsLine(server.port(), hostKey.getPublic()));
        assertThat(echo(HostKeyChecking.STRICT)).isEqualTo("ok\n");
        assertThat(echo(HostKeyChecking.ACCEPT_NEW)).isEqualTo("ok\n");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void acceptNewAppendsToAFileWithoutTrailingNewline() throws Exception {
        Files.writeString(
                knownHosts,
                "[127.0.0.1]:1 " + TestKeys.publicLine(TestKeys.ed25519().getPublic()));
        assertThat(echo(HostKeyChecking.ACCEPT_NEW)).isEqualTo("ok\n");
        assertThat(Files.readAllLines(knownHosts))
                .hasSize(2)
                .endsWith(TestKeys.knownHostsLine(server.port(), hostKey.getPublic()));
    }

    @Test
    void hashedEntryIsAccepted() throws Exception {
        Files.writeString(knownHosts, TestKeys.hashedKnownHostsLine(server.port(), hostKey.getPublic()) + "\n");
        assertThat(echo(HostKeyChecking.STRICT)).isEqualTo("ok\n");
    }

    @Test
    void hashedEntryForAnotherKeyIsAChange() throws Exception {
        Files.writeString(
                knownHosts,
                TestKeys.hashedKnownHostsLine(server.port(), TestKeys.ed25519().getPublic()) + "\n");
        assertThat(refused(HostKeyChecking.STRICT).getMessage()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
    }

    @Test
    void offAcceptsAnyKeyAndWritesNothing() throws Exception {
        Files.writeString(
                knownHosts,
                TestKeys.knownHostsLine(server.port(), TestKeys.ed25519().getPublic()) + "\n");
        assertThat(echo(HostKeyChecking.OFF)).isEqualTo("ok\n");
        assertThat(Files.readAllLines(knownHosts)).hasSize(1);
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        Files.writeString(
                knownHosts,
                "@revoked " + TestKeys.knownHostsLine(server.port(), hostKey.getPublic()) + "\n"
                        + TestKeys.knownHostsLine(server.port(), hostKey.getPublic()) + "\n");
        assertThat(refused(HostKeyChecking.STRICT).getMessage()).contains("@revoked");
    }

    @Test
    void recordedKeyTypeIsPreferredWhenTheHostHasSeveral() throws Exception {
        KeyPair ecdsa = TestKeys.ecdsa();
        try (MinaTestServer both = new MinaTestServer(List.of(ecdsa, hostKey), user.getPublic())) {
            Files.writeString(knownHosts, TestKeys.knownHostsLine(both.port(), hostKey.getPublic()) + "\n");
            try (Transport t = transports.open(Specs.ssh(both.port(), key, knownHosts))) {
                assertThat(t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10))
                                .exitCode())
                        .isZero();
            }
            Files.writeString(knownHosts, TestKeys.knownHostsLine(both.port(), ecdsa.getPublic()) + "\n");
            try (Transport t = transports.open(Specs.ssh(both.port(), key, knownHosts))) {
                assertThat(t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10))
                                .exitCode())
                        .isZero();
            }
        }
    }
}
