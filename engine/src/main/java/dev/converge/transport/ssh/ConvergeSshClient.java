package dev.converge.transport.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * MINA's client with one addition: every hop (the target and each ProxyJump host) gets a
 * {@link HopContext} naming the host it really is, before its key exchange starts. MINA's own
 * ProxyJump support does the forwarding; without this, a jumped-to host would be checked
 * against known_hosts as the forwarded {@code 127.0.0.1:port}.
 */
final class ConvergeSshClient extends SshClient {

    @Override
    protected ConnectFuture doConnect(
            String username,
            SocketAddress targetAddress,
            AttributeRepository context,
            SocketAddress localAddress,
            KeyIdentityProvider identities,
            HostConfigEntry hostConfig)
            throws IOException {
        AttributeRepository hopContext = context;
        if (context instanceof HopContext hops && hostConfig != null) {
            hopContext = hops.forHop(hostConfig.getHostName(), hostConfig.getPort());
        }
        return super.doConnect(username, targetAddress, hopContext, localAddress, identities, hostConfig);
    }
}
