package dev.converge.transport.ssh;

import dev.converge.transport.Transport;
import dev.converge.transport.TransportContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract over SSH, against an in-process MINA server on loopback. */
class MinaSshContractTest extends TransportContractTest {
    private MinaTestServer server;
    private DefaultTransports transports;
    private Transport transport;

    @BeforeAll
    void connect() throws Exception {
        Path home = Files.createTempDirectory("converge-ssh-home");
        KeyPair user = TestKeys.ed25519();
        server = MinaTestServer.withHostKey(TestKeys.ed25519(), user.getPublic());
        Path key = TestKeys.write(user, home.resolve("id"));
        Path knownHosts = Files.writeString(
                home.resolve("known_hosts"), TestKeys.knownHostsLine(server.port(), server.hostKey()) + "\n");
        transports = new DefaultTransports(name -> null, home);
        transport = transports.open(Specs.ssh(server.port(), key, knownHosts));
    }

    @AfterAll
    void disconnect() throws Exception {
        transport.close();
        transports.close();
        server.close();
    }

    @Override
    protected Transport transport() {
        return transport;
    }
}
