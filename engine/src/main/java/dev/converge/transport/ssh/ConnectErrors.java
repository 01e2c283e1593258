package dev.converge.transport.ssh;

import dev.converge.transport.TransportException;
import dev.converge.transport.TransportException.Kind;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/** Translates what MINA throws while connecting or authenticating into a {@link TransportException}. */
final class ConnectErrors {
    private ConnectErrors() {}

    /** A failure while the TCP connection and key exchange were being set up. */
    static TransportException connecting(ConnectionAttempt attempt, Throwable failure, Duration timeout) {
        TransportException hostKey = hostKey(attempt, failure);
        if (hostKey != null) {
            return hostKey;
        }
        String via = attempt.spec().proxyJump().isEmpty()
                ? ""
                : " via " + String.join(",", attempt.spec().proxyJump());
        Throwable network = networkCause(failure);
        if (network != null) {
            return new TransportException(
                    Kind.UNREACHABLE, "cannot reach " + attempt.target() + via + ": " + describe(network), failure);
        }
        if (isTimeout(failure)) {
            return new TransportException(
                    Kind.UNREACHABLE,
                    "no SSH connection to " + attempt.target() + via + " within " + timeout.toMillis() + " ms",
                    failure);
        }
        return new TransportException(
                Kind.UNREACHABLE,
                "SSH connection to " + attempt.target() + via + " failed: " + describe(failure),
                failure);
    }

    /** A failure during user authentication. */
    static TransportException authenticating(ConnectionAttempt attempt, Throwable failure, Duration timeout) {
        TransportException hostKey = hostKey(attempt, failure);
        if (hostKey != null) {
            return hostKey;
        }
        if (isTimeout(failure)) {
            return new TransportException(
                    Kind.AUTHENTICATION,
                    "authentication to " + attempt.target() + " did not finish within " + timeout.toMillis() + " ms",
                    failure);
        }
        String keys = attempt.keysTried().isEmpty()
                ? "no keys (none given, no ~/.ssh/id_ed25519, id_ecdsa or id_rsa, no SSH_AUTH_SOCK)"
                : "keys " + String.join(", ", attempt.keysTried());
        return new TransportException(
                Kind.AUTHENTICATION,
                "authentication failed for " + attempt.target() + ": the server accepted none of " + keys + " ("
                        + describe(failure) + ")",
                failure);
    }

    private static TransportException hostKey(ConnectionAttempt attempt, Throwable failure) {
        String refusal = attempt.hostKeyRefusal();
        return refusal == null ? null : new TransportException(Kind.HOST_KEY, refusal, failure);
    }

    private static Throwable networkCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException
                    || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException
                    || t instanceof SocketTimeoutException) {
                return t;
            }
        }
        return null;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("timeout")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
