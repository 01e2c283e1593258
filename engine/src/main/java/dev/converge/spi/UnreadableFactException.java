package dev.converge.spi;

/**
 * A fact could not be read on the host (a file that is unreadable, or vanished while it was read).
 * Thrown by {@link FactView}: the resources that need the fact fail with the reason; the host and
 * its other resources go on. A module does not catch it.
 */
public final class UnreadableFactException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnreadableFactException(String reason) {
        super(reason);
    }
}
