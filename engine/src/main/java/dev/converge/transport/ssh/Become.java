package dev.converge.transport.ssh;

import dev.converge.transport.ExecResult;
import dev.converge.transport.ShellQuote;
import dev.converge.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Privilege escalation with sudo. Without a become password: {@code sudo -n} (never prompts), and
 * sudo's "a password is required" is a clear AUTHENTICATION error. With one (-K,
 * {@code ansible_become_password}): the first command of the connection probes {@code sudo -n true};
 * when sudo needs no password the password is never sent; when it does, every command runs as
 * {@code sudo -S -k -p '' -u USER -- ARGV} with the password as the first line of its standard
 * input (sudo reads it byte by byte, so the script that follows is the command's own input). {@code -k}
 * makes sudo read it every time, so it is never left unread for the shell; a refused password makes
 * sudo read the next lines as further attempts and run nothing. The password is never in an argument,
 * a script or a message.
 */
final class Become {
    private static final String PASSWORD_REQUIRED = "a password is required";

    /** Runs one remote command string with its standard input (the SSH channel; a fake in tests). */
    @FunctionalInterface
    interface Exec {
        ExecResult run(String command, byte[] stdin) throws TransportException;
    }

    private final String user;
    private final String host;
    private final String password;
    private volatile Boolean passwordNeeded;

    /** @param password null: sudo must not ask (sudo -n) */
    Become(String user, String host, String password) {
        this.user = user;
        this.host = host;
        this.password = password;
    }

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

    /** Runs {@code argv} as the become user through {@code exec}. */
    ExecResult run(Exec exec, List<String> argv, byte[] stdin) throws TransportException {
        if (password == null || !passwordNeeded(exec)) {
            ExecResult result = exec.run(command(argv, true, user), stdin);
            checkPasswordNotRequired(result, user, host);
            return result;
        }
        List<String> sudo = new ArrayList<>(List.of("sudo", "-S", "-k", "-p", "", "-u", user, "--"));
        sudo.addAll(argv);
        byte[] line = (password + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[line.length + stdin.length];
        System.arraycopy(line, 0, input, 0, line.length);
        System.arraycopy(stdin, 0, input, line.length, stdin.length);
        ExecResult result = exec.run(ShellQuote.join(sudo), input);
        String err = new String(result.stderr(), StandardCharsets.UTF_8);
        if (result.exitCode() != 0 && (err.contains("incorrect password") || err.contains("Sorry, try again"))) {
            throw new TransportException(
                    TransportException.Kind.AUTHENTICATION,
                    "sudo refused the become password for " + user + " on host " + host
                            + " (nothing was run); check -K's password or ansible_become_password");
        }
        return result;
    }

    /** Whether sudo asks this connection's user for a password: probed once with {@code sudo -n true}. */
    private boolean passwordNeeded(Exec exec) throws TransportException {
        Boolean known = passwordNeeded;
        if (known == null) {
            ExecResult probe = exec.run(command(List.of("true"), true, user), new byte[0]);
            known = probe.exitCode() != 0
                    && new String(probe.stderr(), StandardCharsets.UTF_8).contains(PASSWORD_REQUIRED);
            passwordNeeded = known;
        }
        return known;
    }

    /**
     * @throws TransportException (AUTHENTICATION) when sudo refused for want of a password
     */
    static void checkPasswordNotRequired(ExecResult result, String user, String host) throws TransportException {
        if (result.exitCode() != 0 && new String(result.stderr(), StandardCharsets.UTF_8).contains(PASSWORD_REQUIRED)) {
            throw new TransportException(
                    TransportException.Kind.AUTHENTICATION,
                    "become needs passwordless sudo for user " + user + " on host " + host
                            + "; configure NOPASSWD, give the password with -K (--ask-become-pass) or ansible_become_password, or connect as that user");
        }
    }
}
