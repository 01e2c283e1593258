package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.TransportException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Opens authenticated SSH sessions on one shared MINA {@link SshClient}: strict host keys by default,
 * public key authentication only, no {@code ~/.ssh/config}, ProxyJump through MINA's own support.
 */
public final class SshConnector implements AutoCloseable {
    /** Used when a spec gives no connect timeout. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** The ssh-agent socket variable; when set, the agent's keys are offered first (as OpenSSH does). */
    static final String AGENT_ENV = "SSH_AUTH_SOCK";

    private final SshClient client;
    private final PrivateKeys privateKeys;
    private final Path home;
    private final Path agentSocket;

    /**
     * @param environment where the key passphrase is read from (normally {@code System::getenv})
     * @param home the user's home directory (for default keys and known_hosts)
     */
    public SshConnector(Function<String, String> environment, Path home) {
        this.home = home;
        this.privateKeys = new PrivateKeys(environment, home);
        SessionSetup setup = new SessionSetup();
        client = ClientBuilder.builder()
                .factory(ConvergeSshClient::new)
                .serverKeyVerifier(setup)
                .hostConfigEntryResolver(HostConfigEntryResolver.EMPTY)
                .build();
        client.setKeyIdentityProvider(setup);
        client.addSessionListener(setup);
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        String agent = environment.apply(AGENT_ENV);
        agentSocket = agent == null || agent.isBlank() ? null : Path.of(agent);
        if (agentSocket != null) {
            client.setAgentFactory(SocketAgent.factory(agentSocket));
        }
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, DEFAULT_CONNECT_TIMEOUT);
        client.start();
    }

    /**
     * Connects, checks the host key and authenticates.
     *
     * @throws TransportException UNREACHABLE, HOST_KEY or AUTHENTICATION
     */
    public SshTransport open(ConnectionSpec spec) throws TransportException {
        String target = spec.user() + "@" + spec.address() + ":" + spec.port();
        List<Path> keyFiles = privateKeys.candidates(spec.privateKeys());
        List<KeyPair> keys = privateKeys.load(keyFiles, target);
        List<String> offered = describe(keyFiles, keys);
        if (agentSocket != null) {
            offered.add("ssh-agent at " + agentSocket);
        }
        ConnectionAttempt attempt = new ConnectionAttempt(spec, keys, offered, hostKeys(spec));
        Duration timeout = spec.connectTimeout() == null ? DEFAULT_CONNECT_TIMEOUT : spec.connectTimeout();
        Duration connectBudget = timeout.multipliedBy(1 + spec.proxyJump().size());

        HostConfigEntry entry = new HostConfigEntry(spec.address(), spec.address(), spec.port(), spec.user());
        if (!spec.proxyJump().isEmpty()) {
            entry.setProxyJump(ProxyJumps.normalize(spec.proxyJump(), spec.user()));
        }
        ClientSession session;
        ConnectFuture connecting = null;
        try {
            connecting = client.connect(entry, new HopContext(attempt, null), null);
            session = connecting.verify(connectBudget).getSession();
        } catch (IOException | RuntimeException e) {
            if (connecting != null) {
                connecting.cancel();
            }
            throw ConnectErrors.connecting(attempt, e, connectBudget);
        }
        awaitHandshake(session, attempt, timeout);
        try {
            session.auth().verify(timeout);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw ConnectErrors.authenticating(attempt, e, timeout);
        }
        return new SshTransport(session, spec);
    }

    /** TCP is up; waits for the key exchange (and host key check) so a silent peer counts as unreachable. */
    private static void awaitHandshake(ClientSession session, ConnectionAttempt attempt, Duration timeout)
            throws TransportException {
        Set<ClientSessionEvent> events = session.waitFor(
                EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.AUTHED, ClientSessionEvent.CLOSED),
                timeout);
        if (events.contains(ClientSessionEvent.WAIT_AUTH) || events.contains(ClientSessionEvent.AUTHED)) {
            return;
        }
        session.close(true);
        String what = events.contains(ClientSessionEvent.CLOSED)
                ? "the server closed the connection during the handshake"
                : "no SSH handshake within " + timeout.toMillis() + " ms";
        throw ConnectErrors.connecting(attempt, new IOException(what), timeout);
    }

    private KnownHostsPolicy hostKeys(ConnectionSpec spec) {
        Path file = spec.knownHostsFile().orElse(home.resolve(".ssh").resolve("known_hosts"));
        return new KnownHostsPolicy(file, spec.hostKeyChecking());
    }

    /** {@code path (type SHA256:...)} per file when each file held one key, else files then fingerprints. */
    private static List<String> describe(List<Path> files, List<KeyPair> keys) {
        List<String> described = new ArrayList<>();
        boolean paired = files.size() == keys.size();
        for (int i = 0; i < files.size(); i++) {
            described.add(files.get(i)
                    + (paired ? " (" + KnownHostsPolicy.describe(keys.get(i).getPublic()) + ")" : ""));
        }
        if (!paired) {
            keys.forEach(k -> described.add(KnownHostsPolicy.describe(k.getPublic())));
        }
        return described;
    }

    /** Stops the shared client and every session still open on it. */
    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // closing must not throw; the sessions are gone either way
        }
    }
}
