package dev.converge.transport;

/** A host could not be reached or a command could not complete; the kind decides the report. */
public final class TransportException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the transport failed. */
    public enum Kind {
        /** No connection could be made (refused, no route, connect timeout). */
        UNREACHABLE,
        /** The host key is unknown or differs from the recorded one. */
        HOST_KEY,
        /** The server refused our credentials, or a needed password was not available. */
        AUTHENTICATION,
        /** A command outlived its timeout and was stopped. */
        TIMEOUT,
        /** The connection dropped while a command was running. */
        DISCONNECTED
    }

    private final Kind kind;

    public TransportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
