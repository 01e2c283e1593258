package dev.converge.transport;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The one place where an argument list becomes a POSIX shell string. Every argument is single-quoted
 * (a quote inside becomes {@code '\''}), so nothing in a value is ever interpreted by a shell.
 */
public final class ShellQuote {
    private ShellQuote() {}

    /** Quotes one argument. NUL cannot be passed through a shell and is refused. */
    public static String quote(String argument) {
        if (argument.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an argument cannot contain a NUL byte");
        }
        if (!argument.isEmpty() && argument.chars().allMatch(ShellQuote::isPlain)) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    /** Quotes every argument and joins them with spaces. */
    public static String join(List<String> argv) {
        return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-_./=:,+@%".indexOf(c) >= 0;
    }
}
