package dev.converge.transport.ssh;

import dev.converge.transport.ExecResult;
import dev.converge.transport.ShellQuote;
import dev.converge.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Privilege escalation with {@code sudo -n} (never prompts): wraps the argument list and turns
 * sudo's "a password is required" into a clear AUTHENTICATION error.
 */
final class Become {
    private static final String PASSWORD_REQUIRED = "a password is required";

    private Become() {}

    /** The argument list run through {@code sudo -n -u user --}. */
    static List<String> wrap(List<String> argv, String user) {
        List<String> wrapped = new ArrayList<>(List.of("sudo", "-n", "-u", user, "--"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** The remote command string: the quoted argument list, wrapped in sudo when asked. */
    static String command(List<String> argv, boolean become, String user) {
        return ShellQuote.join(become ? wrap(argv, user) : argv);
    }

    /**
     * @throws TransportException (AUTHENTICATION) when sudo refused for want of a password
     */
    static void checkPasswordNotRequired(ExecResult result, String user, String host) throws TransportException {
        if (result.exitCode() != 0 && new String(result.stderr(), StandardCharsets.UTF_8).contains(PASSWORD_REQUIRED)) {
            throw new TransportException(TransportException.Kind.AUTHENTICATION,
                    "become needs passwordless sudo for user " + user + " on host " + host
                            + "; configure NOPASSWD or connect as that user");
        }
    }
}
