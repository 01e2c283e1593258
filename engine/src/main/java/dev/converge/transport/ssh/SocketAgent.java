package dev.converge.transport.ssh;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A pure-Java ssh-agent client over the unix-domain socket named by {@code SSH_AUTH_SOCK} (Java 16+
 * sockets; MINA's own unix agent client needs the Tomcat APR native library). MINA's protocol code
 * ({@link AbstractAgentProxy}) builds and parses the messages; this class only moves them. Agent
 * forwarding is not offered. An agent that cannot be reached simply offers no keys.
 */
final class SocketAgent extends AbstractAgentProxy {
    private final Path socket;
    private SocketChannel channel;

    SocketAgent(Path socket) {
        super(null);
        this.socket = socket;
    }

    /** The factory to register on the client when {@code SSH_AUTH_SOCK} is set. */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of();
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) {
                return new SocketAgent(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) throws IOException {
                throw new IOException("agent forwarding is not supported");
            }
        };
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        try {
            return super.getIdentities();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        if (channel == null) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        }
        OutputStream out = Channels.newOutputStream(channel);
        out.write(buffer.array(), buffer.rpos(), buffer.available());
        out.flush();
        InputStream in = Channels.newInputStream(channel);
        DataInputStream data = new DataInputStream(in);
        int length = data.readInt();
        if (length < 0 || length > 256 * 1024) {
            throw new IOException("bad ssh-agent reply length " + length);
        }
        byte[] reply = new byte[length];
        data.readFully(reply);
        return new ByteArrayBuffer(reply);
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
