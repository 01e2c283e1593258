package dev.converge.transport.ssh;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * Applies each connection's own settings to the sessions of one shared MINA client: the keys it
 * offers, its known_hosts policy, keepalive, and host key algorithms ordered so that the key types
 * recorded in known_hosts for that host are offered first.
 */
final class SessionSetup implements SessionListener, ServerKeyVerifier, KeyIdentityProvider {
    /** Missed keepalive replies after which the connection is treated as dropped. */
    static final int KEEPALIVE_MAX_MISSED = 3;

    @Override
    public void sessionCreated(Session session) {
        ConnectionAttempt attempt = ConnectionAttempt.of(session);
        if (attempt == null) {
            return;
        }
        Duration keepAlive = attempt.spec().keepAlive();
        if (keepAlive != null && !keepAlive.isZero() && !keepAlive.isNegative()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(session, keepAlive);
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(session, KEEPALIVE_MAX_MISSED);
        }
        SshdSocketAddress hop = hop((ClientSession) session, null);
        if (hop != null) {
            Set<String> recorded = attempt.hostKeys().recordedKeyTypes(hop.getHostName(), hop.getPort());
            if (!recorded.isEmpty()) {
                List<NamedFactory<Signature>> current = session.getSignatureFactories() != null
                        ? session.getSignatureFactories()
                        : session.getFactoryManager().getSignatureFactories();
                session.setSignatureFactories(preferring(current, recorded));
            }
        }
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        ConnectionAttempt attempt = ConnectionAttempt.of(session);
        if (attempt == null) {
            return false;
        }
        SshdSocketAddress hop = hop(session, remoteAddress);
        if (hop == null) {
            attempt.refuseHostKey("cannot tell which host " + remoteAddress + " is; nothing was run");
            return false;
        }
        KnownHostsPolicy.Verdict verdict = attempt.hostKeys().check(hop.getHostName(), hop.getPort(), serverKey);
        if (!verdict.accepted()) {
            attempt.refuseHostKey(verdict.refusal());
        }
        return verdict.accepted();
    }

    @Override
    public Iterable<KeyPair> loadKeys(SessionContext session) {
        ConnectionAttempt attempt = ConnectionAttempt.of(session);
        return attempt == null ? List.of() : attempt.keys();
    }

    private static SshdSocketAddress hop(ClientSession session, SocketAddress fallback) {
        SshdSocketAddress hop = session.getConnectionContext() == null
                ? null
                : session.getConnectionContext().getAttribute(HopContext.HOP);
        if (hop != null) {
            return hop;
        }
        if (fallback instanceof InetSocketAddress inet) {
            return new SshdSocketAddress(inet.getHostString(), inet.getPort());
        }
        return fallback instanceof SshdSocketAddress sshd ? sshd : null;
    }

    /** The same algorithms, those that sign with a recorded key type first (stable order). */
    static List<NamedFactory<Signature>> preferring(List<NamedFactory<Signature>> all, Set<String> recordedTypes) {
        List<NamedFactory<Signature>> first = new ArrayList<>();
        List<NamedFactory<Signature>> rest = new ArrayList<>();
        for (NamedFactory<Signature> factory : all) {
            (matches(factory.getName(), recordedTypes) ? first : rest).add(factory);
        }
        first.addAll(rest);
        return first;
    }

    private static boolean matches(String algorithm, Set<String> recordedTypes) {
        if (recordedTypes.contains(algorithm)) {
            return true;
        }
        return recordedTypes.contains("ssh-rsa")
                && (algorithm.equals("rsa-sha2-512") || algorithm.equals("rsa-sha2-256"));
    }
}
