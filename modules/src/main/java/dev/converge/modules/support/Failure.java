package dev.converge.modules.support;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import java.util.List;

/**
 * A plan cannot throw, so a resource that cannot be brought to its state (a file that must exist
 * and does not, a probe that failed) plans a command that fails loudly on apply with the reason,
 * and carries the same reason as a warning so {@code --check} shows it too.
 */
public final class Failure {
    private Failure() {}

    /** The argv of a command that prints {@code message} on stderr and exits 1. */
    public static List<String> argv(String message) {
        return List.of("sh", "-c", "printf '%s\\n' \"$1\" >&2; exit 1", "converge", message);
    }

    /** A change whose only operation fails with {@code message}. */
    public static Change change(String message) {
        return new Change(List.of(new Operation.RunCommand(argv(message))), List.of(), List.of(message), true);
    }
}
