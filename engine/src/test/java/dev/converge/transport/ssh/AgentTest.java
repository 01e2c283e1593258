package dev.converge.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys from a real OpenSSH {@code ssh-agent} on a unix socket (skipped without ssh-agent/ssh-add). */
class AgentTest {
    @TempDir
    Path home;

    private final KeyPair user = TestKeys.ed25519();
    private MinaTestServer server;
    private Process agent;
    private Path socket;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/ssh-agent")) && Files.isExecutable(Path.of("/usr/bin/ssh-add")),
                "no ssh-agent");
        server = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        knownHosts = Files.writeString(
                home.resolve("known_hosts"), TestKeys.knownHostsLine(server.port(), server.hostKey()) + "\n");
        socket = home.resolve("agent.sock");
        agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("agent.log").toFile())
                .start();
        for (int i = 0; i < 200 && !Files.exists(socket); i++) {
            Thread.sleep(10);
        }
        Path key = TestKeys.write(user, home.resolve("agent_key"));
        ProcessBuilder add = new ProcessBuilder("/usr/bin/ssh-add", key.toString()).redirectErrorStream(true);
        add.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process adding = add.start();
        assertThat(adding.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(adding.exitValue())
                .as(new String(adding.getInputStream().readAllBytes()))
                .isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void agentKeysAuthenticate() throws Exception {
        try (DefaultTransports transports =
                        new DefaultTransports(Map.of("SSH_AUTH_SOCK", socket.toString())::get, home);
                Transport t = transports.open(Specs.ssh(server.port(), null, knownHosts))) {
            assertThat(t.exec(List.of("echo", "agent"), new byte[0], Duration.ofSeconds(10))
                            .stdoutText())
                    .isEqualTo("agent\n");
        }
    }

    @Test
    void deadAgentSocketOffersNothing() throws Exception {
        try (DefaultTransports transports = new DefaultTransports(
                Map.of("SSH_AUTH_SOCK", home.resolve("nope.sock").toString())::get, home)) {
            TransportException e = catchThrowableOfType(
                    TransportException.class, () -> transports.open(Specs.ssh(server.port(), null, knownHosts)));
            assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
            assertThat(e.getMessage()).contains("ssh-agent at");
        }
    }
}
