package dev.converge.transport.ssh;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/** An in-process MINA SSH server on 127.0.0.1 (free port), public key auth only, running {@code /bin/sh -c}. */
final class MinaTestServer implements AutoCloseable {
    private final SshServer server;
    private final List<KeyPair> hostKeys;
    private final AtomicInteger commandsStarted = new AtomicInteger();
    private final Map<String, String> environment = new HashMap<>();

    MinaTestServer(List<KeyPair> hostKeys, PublicKey... authorized) throws IOException {
        this.hostKeys = List.copyOf(hostKeys);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(this.hostKeys));
        List<PublicKey> allowed = List.of(authorized);
        server.setPublickeyAuthenticator(
                (user, key, session) -> allowed.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory((channel, command) -> new ShellCommand(command, environment, commandsStarted));
        server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        server.start();
    }

    static MinaTestServer withHostKey(KeyPair hostKey, PublicKey... authorized) throws IOException {
        return new MinaTestServer(List.of(hostKey), authorized);
    }

    int port() {
        return server.getPort();
    }

    PublicKey hostKey() {
        return hostKeys.get(0).getPublic();
    }

    /** Environment variables set for every command (e.g. a PATH with a fake sudo first). */
    Map<String, String> environment() {
        return environment;
    }

    /** How many commands the server has started: proof that nothing ran. */
    int commandsStarted() {
        return commandsStarted.get();
    }

    /** Stops at once, dropping every connection. */
    void kill() throws IOException {
        server.stop(true);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
