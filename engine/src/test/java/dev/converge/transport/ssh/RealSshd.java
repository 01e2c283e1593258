package dev.converge.transport.ssh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd}, started by a test on a free loopback port with its own host keys and
 * authorized_keys in a temporary directory. Needs {@code /usr/sbin/sshd} and root.
 */
final class RealSshd implements AutoCloseable {
    static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Process process;
    private final int port;
    private final List<PublicKey> hostKeys = new ArrayList<>();
    private final Path log;

    private RealSshd(Path dir, List<KeyPair> hostKeyPairs, PublicKey authorized)
            throws IOException, InterruptedException {
        Files.createDirectories(Path.of("/run/sshd"));
        StringBuilder config = new StringBuilder();
        int i = 0;
        for (KeyPair hostKey : hostKeyPairs) {
            Path file = TestKeys.write(hostKey, dir.resolve("host_key_" + i++));
            config.append("HostKey ").append(file).append('\n');
            hostKeys.add(hostKey.getPublic());
        }
        Path authorizedKeys = Files.writeString(dir.resolve("authorized_keys"), TestKeys.publicLine(authorized) + "\n");
        config.append("AuthorizedKeysFile ")
                .append(authorizedKeys)
                .append('\n')
                .append("StrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\n")
                .append("KbdInteractiveAuthentication no\nAllowTcpForwarding yes\nPidFile none\nPrintMotd no\n")
                .append("Subsystem sftp internal-sftp\n");
        Path configFile = Files.writeString(dir.resolve("sshd_config"), config.toString());
        port = freePort();
        log = dir.resolve("sshd.log");
        process = new ProcessBuilder(
                        SSHD.toString(),
                        "-D",
                        "-e",
                        "-f",
                        configFile.toString(),
                        "-p",
                        Integer.toString(port),
                        "-o",
                        "ListenAddress=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        awaitListening();
    }

    /** Starts sshd, or skips the calling test class when there is no sshd or we are not root. */
    static RealSshd start(Path dir, List<KeyPair> hostKeys, PublicKey authorized) throws Exception {
        assumeTrue(Files.isExecutable(SSHD), "no " + SSHD + " (install openssh-server)");
        assumeTrue("root".equals(System.getProperty("user.name")), "real sshd tests run as root");
        return new RealSshd(dir, hostKeys, authorized);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IOException("sshd did not listen on 127.0.0.1:" + port + ": " + Files.readString(log));
    }

    int port() {
        return port;
    }

    List<PublicKey> hostKeys() {
        return hostKeys;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
