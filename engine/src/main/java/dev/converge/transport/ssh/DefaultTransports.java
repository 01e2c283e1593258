package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.LocalTransport;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.Transports;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The transports of one run: {@code local} hosts get a {@link LocalTransport}, every other host an
 * SSH connection. All SSH hosts share one MINA client, started on first use and stopped by
 * {@link #close()}.
 */
public final class DefaultTransports implements Transports, AutoCloseable {
    private final Function<String, String> environment;
    private final Path home;
    private SshConnector ssh;
    private boolean closed;

    /** Reads the key passphrase from the process environment; keys and known_hosts from {@code ~/.ssh}. */
    public DefaultTransports() {
        this(System::getenv, Path.of(System.getProperty("user.home")));
    }

    /**
     * @param environment where {@code CONVERGE_SSH_PASSPHRASE} is read from
     * @param home the home directory whose {@code .ssh} holds the default keys and known_hosts
     */
    public DefaultTransports(Function<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    @Override
    public Transport open(ConnectionSpec spec) throws TransportException {
        if (spec.isLocal()) {
            return new LocalTransport();
        }
        return connector().open(spec);
    }

    /** Starts the shared SSH client (class loading, crypto providers) before the first host is known. */
    @Override
    public void prepare() {
        try {
            connector();
        } catch (RuntimeException e) {
            // the first open() meets the same problem and reports it
        }
    }

    private synchronized SshConnector connector() {
        if (closed) {
            throw new IllegalStateException("transports are closed");
        }
        if (ssh == null) {
            ssh = new SshConnector(environment, home);
        }
        return ssh;
    }

    /** Stops the shared SSH client (closing any connection still open). Never throws. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ssh != null) {
            ssh.close();
            ssh = null;
        }
    }
}
