package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.session.SessionContext;

/**
 * Everything one {@code open} needs while MINA connects: the spec, the loaded keys, the host key
 * policy, and the first host key refusal (read back to explain a failed connect). Jump hosts share
 * the attempt of the host they lead to.
 */
final class ConnectionAttempt {
    static final AttributeKey<ConnectionAttempt> KEY = new AttributeKey<>();

    private final ConnectionSpec spec;
    private final List<KeyPair> keys;
    private final List<String> keysTried;
    private final KnownHostsPolicy hostKeys;
    private final AtomicReference<String> hostKeyRefusal = new AtomicReference<>();

    ConnectionAttempt(ConnectionSpec spec, List<KeyPair> keys, List<String> keysTried, KnownHostsPolicy hostKeys) {
        this.spec = spec;
        this.keys = List.copyOf(keys);
        this.keysTried = List.copyOf(keysTried);
        this.hostKeys = hostKeys;
    }

    /** The attempt a MINA session belongs to, or null for a session we did not open. */
    static ConnectionAttempt of(SessionContext session) {
        if (session instanceof ClientSession client) {
            AttributeRepository context = client.getConnectionContext();
            return context == null ? null : context.getAttribute(KEY);
        }
        return null;
    }

    ConnectionSpec spec() {
        return spec;
    }

    List<KeyPair> keys() {
        return keys;
    }

    /** Human descriptions of the keys offered ({@code path (type SHA256:...)}). */
    List<String> keysTried() {
        return keysTried;
    }

    KnownHostsPolicy hostKeys() {
        return hostKeys;
    }

    void refuseHostKey(String message) {
        hostKeyRefusal.compareAndSet(null, message);
    }

    /** The first host key refusal, or null. */
    String hostKeyRefusal() {
        return hostKeyRefusal.get();
    }

    String target() {
        return spec.user() + "@" + spec.address() + ":" + spec.port();
    }
}
