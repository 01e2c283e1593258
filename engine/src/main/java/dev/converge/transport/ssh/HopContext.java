package dev.converge.transport.ssh;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * The connection context of one SSH hop: the attempt it belongs to and the host it really is. A
 * hop reached through a ProxyJump is connected to a forwarded loopback port, so the host known_hosts
 * must check is carried here instead of being read from the socket.
 */
final class HopContext implements AttributeRepository {
    static final AttributeKey<SshdSocketAddress> HOP = new AttributeKey<>();

    private final ConnectionAttempt attempt;
    private final SshdSocketAddress hop;

    HopContext(ConnectionAttempt attempt, SshdSocketAddress hop) {
        this.attempt = attempt;
        this.hop = hop;
    }

    /** The same attempt, for another hop. */
    HopContext forHop(String host, int port) {
        return new HopContext(attempt, new SshdSocketAddress(host, port));
    }

    @Override
    public int getAttributesCount() {
        return attributeKeys().size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getAttribute(AttributeKey<T> key) {
        if (key == ConnectionAttempt.KEY) {
            return (T) attempt;
        }
        if (key == HOP) {
            return (T) hop;
        }
        return null;
    }

    @Override
    public Collection<AttributeKey<?>> attributeKeys() {
        List<AttributeKey<?>> keys = new ArrayList<>(List.of(ConnectionAttempt.KEY));
        if (hop != null) {
            keys.add(HOP);
        }
        return keys;
    }
}
