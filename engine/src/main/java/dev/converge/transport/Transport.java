package dev.converge.transport;

import java.time.Duration;
import java.util.List;

/**
 * One open connection to one host (the JGit transport seam). Implementations: {@link LocalTransport}
 * and the SSH transport. Every call is one round trip; the engine counts them.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs a program with arguments on the host, feeding {@code stdin} and collecting both
     * outputs. A non-zero exit is data in the result, not an exception.
     *
     * @throws TransportException when the host cannot be reached, the connection drops or the
     *     command outlives {@code timeout}
     */
    ExecResult exec(List<String> argv, byte[] stdin, Duration timeout) throws TransportException;

    /** Closes the connection; never throws. */
    @Override
    void close();
}
