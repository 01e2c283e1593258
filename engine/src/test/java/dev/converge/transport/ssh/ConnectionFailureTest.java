package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import dev.converge.transport.LocalTransport;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, unreachable hosts and dropped connections, against an in-process server. */
class ConnectionFailureTest {
    private static final byte[] NONE = new byte[0];

    @TempDir
    Path home;

    private final KeyPair user = TestKeys.ed25519();
    private MinaTestServer server;
    private DefaultTransports transports;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        server = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        transports = new DefaultTransports(name -> null, home);
        knownHosts = Files.writeString(
                home.resolve("known_hosts"), TestKeys.knownHostsLine(server.port(), server.hostKey()) + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        transports.close();
        server.close();
    }

    @Test
    void wrongKeyFailsAuthenticationNamingTargetAndKeys() throws Exception {
        Path wrong = TestKeys.write(TestKeys.ed25519(), home.resolve("wrong_key"));
        TransportException e = catchThrowableOfType(
                TransportException.class, () -> transports.open(Specs.ssh(server.port(), wrong, knownHosts)));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage())
                .contains(System.getProperty("user.name") + "@127.0.0.1:" + server.port())
                .contains(wrong.toString())
                .contains("SHA256:");
        assertThat(server.commandsStarted()).isZero();
    }

    @Test
    void noKeysAtAllFailsAuthentication() {
        TransportException e = catchThrowableOfType(
                TransportException.class, () -> transports.open(Specs.ssh(server.port(), null, knownHosts)));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("no keys");
    }

    @Test
    void defaultKeysComeFromHomeSsh() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        TestKeys.write(TestKeys.rsa(), home.resolve(".ssh/id_rsa"));
        TestKeys.write(user, home.resolve(".ssh/id_ecdsa"));
        try (Transport t = transports.open(Specs.ssh(server.port(), null, knownHosts))) {
            assertThat(t.exec(List.of("echo", "hi"), NONE, Duration.ofSeconds(10))
                            .stdoutText())
                    .isEqualTo("hi\n");
        }
    }

    @Test
    void rsaAndEcdsaKeysAuthenticate() throws Exception {
        for (KeyPair key : List.of(TestKeys.rsa(), TestKeys.ecdsa())) {
            try (MinaTestServer other = MinaTestServer.withHostKey(TestKeys.ecdsa(), key.getPublic())) {
                Path file = TestKeys.write(key, home.resolve("key-" + other.port()));
                Path hosts = Files.writeString(
                        home.resolve("kh-" + other.port()),
                        TestKeys.knownHostsLine(other.port(), other.hostKey()) + "\n");
                try (Transport t = transports.open(Specs.ssh(other.port(), file, hosts))) {
                    assertThat(t.exec(List.of("true"), NONE, Duration.ofSeconds(10))
                                    .exitCode())
                            .isZero();
                }
            }
        }
    }

    @Test
    void encryptedKeyUsesThePassphraseFromTheEnvironment() throws Exception {
        Path encrypted = TestKeys.write(user, home.resolve("encrypted"), "s3cret passphrase");
        try (DefaultTransports withPassphrase =
                        new DefaultTransports(Map.of("CONVERGE_SSH_PASSPHRASE", "s3cret passphrase")::get, home);
                Transport t = withPassphrase.open(Specs.ssh(server.port(), encrypted, knownHosts))) {
            assertThat(t.exec(List.of("true"), NONE, Duration.ofSeconds(10)).exitCode())
                    .isZero();
        }
        TransportException e = catchThrowableOfType(
                TransportException.class, () -> transports.open(Specs.ssh(server.port(), encrypted, knownHosts)));
        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage())
                .contains(encrypted.toString())
                .contains("CONVERGE_SSH_PASSPHRASE")
                .doesNotContain("s3cret");
    }

    @Test
    void closedPortIsUnreachableQuickly() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path key = TestKeys.write(user, home.resolve("id"));
        long start = System.nanoTime();
        TransportException e =
                catchThrowableOfType(TransportException.class, () -> transports.open(Specs.ssh(port, key, knownHosts)));
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void silentPeerIsUnreachableWithinTheConnectTimeout() throws Exception {
        Path key = TestKeys.write(user, home.resolve("id"));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConnectionSpec spec = Specs.ssh(silent.getLocalPort(), key, knownHosts);
            ConnectionSpec quick = new ConnectionSpec(
                    spec.name(),
                    spec.connection(),
                    spec.address(),
                    spec.port(),
                    spec.user(),
                    spec.privateKeys(),
                    spec.knownHosts(),
                    HostKeyChecking.STRICT,
                    List.of(),
                    false,
                    null,
                    Duration.ofMillis(700),
                    spec.commandTimeout(),
                    null);
            long start = System.nanoTime();
            TransportException e = catchThrowableOfType(TransportException.class, () -> transports.open(quick));
            assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void droppedConnectionMidCommandIsDisconnected() throws Exception {
        Path key = TestKeys.write(user, home.resolve("id"));
        Transport t = transports.open(Specs.ssh(server.port(), key, knownHosts));
        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                t.exec(List.of("sleep", "8"), NONE, Duration.ofSeconds(60));
                return null;
            } catch (TransportException e) {
                return e;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.commandsStarted() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.kill();
        Throwable failure = running.get(5, TimeUnit.SECONDS);
        assertThat(failure)
                .isInstanceOfSatisfying(
                        TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED));
        TransportException next = catchThrowableOfType(
                TransportException.class, () -> t.exec(List.of("true"), NONE, Duration.ofSeconds(5)));
        assertThat(next.kind()).isEqualTo(Kind.DISCONNECTED);
        t.close();
    }

    @Test
    void signalledCommandReportsOneHundredTwentyEightPlusSignal() throws Exception {
        Path key = TestKeys.write(user, home.resolve("id"));
        try (Transport t = transports.open(Specs.ssh(server.port(), key, knownHosts))) {
            assertThat(t.exec(List.of("sh", "-c", "kill -TERM $$"), NONE, Duration.ofSeconds(10))
                            .exitCode())
                    .isEqualTo(143);
        }
    }

    @Test
    void localConnectionGetsTheLocalTransport() throws Exception {
        try (Transport t = transports.open(Specs.local())) {
            assertThat(t).isInstanceOf(LocalTransport.class);
        }
    }

    @Test
    void exitSignalNamesMapToShellCodes() {
        assertThat(ExitStatus.ofSignal("KILL")).isEqualTo(137);
        assertThat(ExitStatus.ofSignal("SIGTERM")).isEqualTo(143);
        assertThat(ExitStatus.ofSignal("NOPE")).isEqualTo(ExitStatus.UNKNOWN_SIGNAL);
    }
}
