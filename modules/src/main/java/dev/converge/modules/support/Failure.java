package dev.converge.modules.support;

import dev.converge.spi.Change;
import dev.converge.spi.PlanFailure;

/**
 * A resource that cannot be brought to its state (a file that must exist and does not, a probe
 * that failed): the plan fails with the reason ({@link PlanFailure}), so {@code --check} and the
 * real run report it as a failed resource and skip what depends on it.
 */
public final class Failure {
    private Failure() {}

    /** Fails the plan with {@code message}; declared to return a Change so callers can {@code return} it. */
    public static Change change(String message) {
        throw new PlanFailure(message);
    }
}
