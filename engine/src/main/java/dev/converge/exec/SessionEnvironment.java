package dev.converge.exec;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a host session takes from the controller's environment, read once by the CLI (the engine
 * reads no environment variable itself).
 *
 * @param lockWaitSeconds {@code CONVERGE_LOCK_WAIT}: how long an apply waits for another run's host
 *     lock; when empty, and at most, half the command timeout
 * @param scriptCopies {@code CONVERGE_DEBUG_SCRIPTS=DIR}: a copy of every script sent to a host is
 *     written to {@code DIR/HOST-N.sh} (for debugging, and for the lab's fault-injection test, which
 *     replays them). The scripts hold file contents: never point it at a shared directory.
 * @param controller who we are, as recorded in a host lock we hold: controller host name, pid and user
 */
public record SessionEnvironment(OptionalLong lockWaitSeconds, Optional<Path> scriptCopies, String controller) {

    /** No lock-wait override, no script copies. */
    public static SessionEnvironment none() {
        return new SessionEnvironment(OptionalLong.empty(), Optional.empty(), controllerName(null));
    }

    public static SessionEnvironment from(Function<String, String> environment) {
        return new SessionEnvironment(
                lockWait(environment.apply("CONVERGE_LOCK_WAIT")),
                Optional.ofNullable(environment.apply("CONVERGE_DEBUG_SCRIPTS"))
                        .filter(d -> !d.isBlank())
                        .map(Path::of),
                controllerName(environment.apply("HOSTNAME")));
    }

    private static OptionalLong lockWait(String value) {
        try {
            return value == null || value.isBlank()
                    ? OptionalLong.empty()
                    : OptionalLong.of(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String controllerName(String hostnameVariable) {
        String name = LocalName.RESOLVED.orElse(hostnameVariable);
        return (name == null ? "unknown" : name) + "/pid "
                + ProcessHandle.current().pid() + "/" + System.getProperty("user.name");
    }

    /** This machine's name, looked up once per process (none() and from() both need it; the lookup costs milliseconds). */
    private static final class LocalName {
        static final Optional<String> RESOLVED = resolve();

        private static Optional<String> resolve() {
            try {
                return Optional.of(InetAddress.getLocalHost().getHostName());
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // $HOSTNAME, when the CLI read it
            }
        }
    }
}
