package dev.converge.spi;

/**
 * Thrown by {@link Module#plan} when the host's state makes the desired state impossible (e.g. a
 * directory where a file should be). The engine reports the resource as failed with this message;
 * it is not a bug.
 */
public final class PlanFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanFailure(String message) {
        super(message);
    }
}
