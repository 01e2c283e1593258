package dev.converge.secret;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's secret values, and the one function that hides them: every string that reaches a
 * reporter, an exception message or a log goes through {@link #mask}.
 *
 * <p>Two rules: each literal secret value is replaced wherever it appears; and in file content
 * (diff lines, changed fields) the value of a {@code key = value} / {@code key: value} line whose
 * key names a secret ({@code *password*}, {@code *secret*}, {@code *token*}) is hidden too, so a
 * password that was already in a file (and so is not one of the run's values) does not leak.
 */
public final class Secrets {
    public static final String MASK = "********";
    /** Shorter values are not masked: "1" or "yes" would blank out unrelated text. */
    public static final int MIN_LENGTH = 4;
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token).*");
    private static final Pattern SECRET_LINE = Pattern.compile(
            "(?i)^([ +\\-]?\\s*[\"']?[A-Za-z0-9_.\\-]*(?:password|passwd|secret|token)[A-Za-z0-9_.\\-]*[\"']?\\s*[=:]\\s*)(\\S.*)$");
    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    /** The values to hide; short and blank ones are dropped, longest first so overlaps mask whole. */
    public static Secrets of(Collection<String> values) {
        List<String> kept = new ArrayList<>(values.stream().filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
                .distinct().toList());
        kept.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return new Secrets(List.copyOf(kept));
    }

    public static Secrets none() {
        return NONE;
    }

    /** Whether a variable or parameter key names a secret ({@code *password*}, {@code *secret*}, {@code *token*}). */
    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).matches();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    /** {@code text} with every secret value replaced by {@value #MASK}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return out;
    }

    /**
     * File content (a unified diff, a config line): {@link #mask} plus the values of lines whose
     * key names a secret.
     */
    public String maskContent(String text) {
        String masked = mask(text);
        if (masked == null || masked.isEmpty()) {
            return masked;
        }
        StringBuilder out = new StringBuilder(masked.length());
        int start = 0;
        while (start < masked.length()) {
            int end = masked.indexOf('\n', start);
            String line = end < 0 ? masked.substring(start) : masked.substring(start, end);
            out.append(maskLine(line));
            if (end < 0) {
                break;
            }
            out.append('\n');
            start = end + 1;
        }
        return out.toString();
    }

    private static String maskLine(String line) {
        if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("@@")) {
            return line;
        }
        Matcher m = SECRET_LINE.matcher(line);
        if (m.matches() && !m.group(2).equals(MASK)) {
            return m.group(1) + MASK;
        }
        return line;
    }

    /** A field change's value: fully hidden when the field's name names a secret. */
    public String maskField(String name, String value) {
        return isSecretKey(name) && value != null && !value.isEmpty() ? MASK : maskContent(value);
    }
}
