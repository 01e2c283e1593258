package dev.converge.modules.support;

import dev.converge.spi.Modes;
import dev.converge.spi.ParamProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Collects the {@link ParamProblem}s of one resource; validation never throws. */
public final class Checks {
    private final List<ParamProblem> problems = new ArrayList<>();

    /** Adds a problem. */
    public Checks problem(String parameter, String reason, String hint) {
        problems.add(new ParamProblem(parameter, reason, hint));
        return this;
    }

    /** The parameter must be present and not blank. */
    public boolean required(String parameter, Object value) {
        if (value == null || value instanceof String s && s.isBlank()) {
            problem(parameter, "missing required parameter '" + parameter + "'", "set " + parameter + ": ...");
            return false;
        }
        return true;
    }

    /** An absolute remote path without NUL or newline (when present). */
    public void absolutePath(String parameter, String path) {
        if (path == null) {
            return;
        }
        if (!path.startsWith("/")) {
            problem(parameter, "'" + path + "' is not an absolute path", "write the full path, e.g. /etc/...");
        } else if (path.indexOf('\0') >= 0 || path.indexOf('\n') >= 0) {
            problem(parameter, "path contains a NUL or newline character", "remove the control character");
        }
    }

    /** The value (when present) is one of {@code allowed}. */
    public void oneOf(String parameter, String value, Set<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            problem(
                    parameter,
                    "'" + value + "' is not a valid " + parameter,
                    "use one of: " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    /** An octal mode (when present). */
    public void mode(String parameter, String mode) {
        if (mode != null && !mode.isEmpty() && !Modes.valid(mode)) {
            problem(parameter, "'" + mode + "' is not an octal mode", "quote it in YAML, e.g. mode: \"0644\"");
        }
    }

    /** A Java regular expression that compiles (when present). */
    public Pattern regex(String parameter, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problem(
                    parameter,
                    "invalid regular expression: " + e.getDescription(),
                    "check the pattern near index " + e.getIndex() + " (Java regex syntax)");
            return null;
        }
    }

    /** A single line of text: no newline or NUL. */
    public void singleLine(String parameter, String value) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\0') >= 0)) {
            problem(parameter, "value spans several lines", "give one line; use a template for whole files");
        }
    }

    /** Whether the text holds a newline, a carriage return or a NUL: it would start a new line in a file. */
    public static boolean hasLineBreak(String text) {
        return text != null && (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0);
    }

    /** The text with control characters written as escapes ({@code \n}, {@code \r}, {@code \0}, {@code \x1b}), for messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\0' -> out.append("\\0");
                case '\t' -> out.append("\\t");
                default ->
                    out.append(Character.isISOControl(c) ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }

    public List<ParamProblem> problems() {
        return List.copyOf(problems);
    }
}
