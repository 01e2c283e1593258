package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * One authenticated SSH connection to one host, kept for the whole run; every {@link #exec} is one
 * exec channel on it (one server session, one round trip).
 *
 * <p>The command string is {@code ShellQuote.join(argv)}, wrapped in {@code sudo -n -u user --} when
 * the spec asks to become another user. Stdin is written to the channel and then closed (EOF);
 * stdout and stderr are collected separately and byte for byte. A command killed by a signal
 * reports exit code {@code 128 + n}; a channel that closes with neither exit status nor signal
 * means the connection dropped ({@link Kind#DISCONNECTED}). A command that outlives its timeout
 * is sent TERM, its channel closed, and {@link Kind#TIMEOUT} thrown.
 */
public final class SshTransport implements Transport {
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    private static final Duration STOP_GRACE = Duration.ofMillis(500);
    private static final String DEFAULT_BECOME_USER = "root";
    private final Become become;

    private final ClientSession session;
    private final ConnectionSpec spec;

    SshTransport(ClientSession session, ConnectionSpec spec) {
        this.session = session;
        this.spec = spec;
        this.become = new Become(
                spec.becomeUser() == null ? DEFAULT_BECOME_USER : spec.becomeUser(), host(), spec.becomePassword());
    }

    @Override
    public ExecResult exec(List<String> argv, byte[] stdin, Duration timeout) throws TransportException {
        if (!spec.become()) {
            return run(Become.command(argv, false, null), stdin, timeout);
        }
        return become.run((command, input) -> run(command, input, timeout), argv, stdin);
    }

    private ExecResult run(String command, byte[] stdin, Duration timeout) throws TransportException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ChannelExec channel = open(command, out, err, timeout);
        try {
            feed(channel, stdin);
            Set<ClientChannelEvent> events =
                    channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), remaining(deadline));
            if (!events.contains(ClientChannelEvent.CLOSED)) {
                stop(channel);
                throw new TransportException(
                        Kind.TIMEOUT,
                        "command on " + host() + " did not finish within " + timeout.toMillis()
                                + " ms; its channel was closed");
            }
            return new ExecResult(exitCode(channel), out.toByteArray(), err.toByteArray());
        } finally {
            channel.close(true);
        }
    }

    private ChannelExec open(String command, OutputStream out, OutputStream err, Duration timeout)
            throws TransportException {
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command);
        } catch (IOException | RuntimeException e) {
            throw dropped("cannot open a channel", e);
        }
        channel.setOut(out);
        channel.setErr(err);
        try {
            channel.open().verify(timeout);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            if (!session.isOpen()) {
                throw dropped("the connection closed while opening a channel", e);
            }
            if (ConnectErrors.describe(e).contains("timeout")) {
                throw new TransportException(
                        Kind.TIMEOUT,
                        "could not open a channel on " + host() + " within " + timeout.toMillis() + " ms",
                        e);
            }
            throw dropped("the server refused a channel (" + ConnectErrors.describe(e) + ")", e);
        }
    }

    /** Writes stdin on its own thread, so a command that writes before it reads cannot deadlock us. */
    private static void feed(ChannelExec channel, byte[] stdin) {
        Thread writer = new Thread(
                () -> {
                    try (OutputStream in = channel.getInvertedIn()) {
                        in.write(stdin);
                        in.flush();
                    } catch (IOException | RuntimeException e) {
                        // the command exited (or the channel closed) without reading all of its input;
                        // its exit status tells the story
                    }
                },
                "converge-ssh-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Asks the server to send the command TERM (an RFC 4254 "signal" request; OpenSSH honours it),
     * waits briefly, then closes the channel. Only the command's own process gets the signal; a
     * server that ignores the request leaves the command running until it next writes or ends.
     */
    private void stop(ChannelExec channel) {
        try {
            Buffer request = session.createBuffer(SshConstants.SSH_MSG_CHANNEL_REQUEST);
            request.putUInt(channel.getRecipient());
            request.putString("signal");
            request.putBoolean(false);
            request.putString("TERM");
            channel.writePacket(request);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), STOP_GRACE);
        } catch (IOException | RuntimeException e) {
            // the channel is closed below either way
        }
        channel.close(true);
    }

    private int exitCode(ChannelExec channel) throws TransportException {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            return ExitStatus.ofSignal(signal);
        }
        throw dropped("the command ended without an exit status", null);
    }

    private TransportException dropped(String what, Throwable cause) {
        String state = session.isOpen() ? "" : " (the connection is closed)";
        return new TransportException(
                Kind.DISCONNECTED, "connection to " + host() + " dropped: " + what + state, cause);
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
    }

    private String host() {
        return spec.user() + "@" + spec.address() + ":" + spec.port();
    }

    /** Closes the connection gracefully (bounded), then forcibly. Never throws. */
    @Override
    public void close() {
        try {
            if (!session.close(false).await(CLOSE_GRACE)) {
                session.close(true);
            }
        } catch (IOException | RuntimeException e) {
            session.close(true);
        }
    }
}
