package dev.converge.transport.ssh;

import dev.converge.transport.Transport;
import dev.converge.transport.TransportContractTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract over SSH, against a real OpenSSH sshd on loopback (skipped without sshd or root). */
class OpenSshContractTest extends TransportContractTest {
    private RealSshd sshd;
    private DefaultTransports transports;
    private Transport transport;

    @BeforeAll
    void connect() throws Exception {
        Path home = Files.createTempDirectory("converge-sshd");
        KeyPair user = TestKeys.ed25519();
        sshd = RealSshd.start(home, List.of(TestKeys.ed25519()), user.getPublic());
        Path key = TestKeys.write(user, home.resolve("id"));
        Path knownHosts = Files.writeString(
                home.resolve("known_hosts"),
                TestKeys.knownHostsLine(sshd.port(), sshd.hostKeys().get(0)) + "\n");
        transports = new DefaultTransports(name -> null, home);
        transport = transports.open(Specs.ssh(sshd.port(), key, knownHosts));
    }

    @AfterAll
    void disconnect() throws Exception {
        if (transport != null) {
            transport.close();
        }
        if (transports != null) {
            transports.close();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    /**
     * OpenSSH 9.2 refuses "signal" requests in sessions of root ("session signalling requires
     * privilege separation"), and these tests log in as root; a timed-out command keeps running
     * until it writes to its closed output or ends.
     */
    @Override
    protected boolean stopsTimedOutCommands() {
        return false;
    }

    @Override
    protected Transport transport() {
        return transport;
    }
}
