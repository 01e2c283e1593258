package dev.converge.modules.migration.nova;

/** The Compute or Identity API refused, failed or could not be reached. */
public final class NovaException extends Exception {
    private static final long serialVersionUID = 1L;

    public NovaException(String message) {
        super(message);
    }
}
