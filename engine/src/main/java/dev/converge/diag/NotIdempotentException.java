package dev.converge.diag;

/** A module planned a change again right after applying it: a bug in that module. Exit code 4. */
public final class NotIdempotentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotIdempotentException(String message) {
        super(message);
    }
}
