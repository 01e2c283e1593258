package dev.converge.modules.keyvalue;

import dev.converge.modules.support.LineBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits shell-variable files ({@code /etc/default/*}, {@code /etc/sysconfig/*}) read both by
 * {@code sh} and by systemd's {@code EnvironmentFile=}.
 *
 * <p>The <em>last</em> assignment wins for both readers, so the last active {@code KEY=...} is
 * edited in place (keeping an {@code export } prefix and a trailing comment); with none, the last
 * commented form ({@code #KEY=...}) is replaced in place (no duplicate under the comment);
 * otherwise {@code KEY="value"} is appended. Values are written in double quotes with {@code \ " $ `}
 * escaped, which both readers understand. An existing value that already means the same thing
 * (whatever its quoting) is left alone.
 */
public final class ShellVars {
    private static final Pattern ACTIVE = Pattern.compile("^(\\s*(?:export\\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern COMMENTED =
            Pattern.compile("^\\s*#\\s*((?:export\\s+)?)([A-Za-z_][A-Za-z0-9_]*)=(.*)$");

    private ShellVars() {}

    /** Applies {@code set} (in map order), then removes every active assignment of the keys in {@code unset}. */
    public static String apply(String content, Map<String, String> set, Collection<String> unset) {
        LineBuffer lines = LineBuffer.parse(content);
        set.forEach((key, value) -> set(lines, key, value));
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = ACTIVE.matcher(lines.get(i));
            if (m.matches() && unset.contains(m.group(2))) {
                lines.remove(i);
            }
        }
        return lines.render();
    }

    /** The value the shell would see for {@code key} (last active assignment), unquoted. */
    public static Optional<String> effective(String content, String key) {
        LineBuffer lines = LineBuffer.parse(content);
        int at = last(lines, ACTIVE, key);
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = ACTIVE.matcher(lines.get(at));
        m.matches();
        Word word = Word.read(m.group(3));
        return Optional.of(word == null ? m.group(3) : word.value);
    }

    /** {@code value} in double quotes, with the characters special inside them escaped. */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '"' || c == '$' || c == '`') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    private static void set(LineBuffer lines, String key, String value) {
        int active = last(lines, ACTIVE, key);
        if (active >= 0) {
            Matcher m = ACTIVE.matcher(lines.get(active));
            m.matches();
            Word word = Word.read(m.group(3));
            if (word != null && word.value.equals(value)) {
                return;
            }
            String suffix = word == null ? "" : m.group(3).substring(word.end);
            lines.set(active, m.group(1) + key + "=" + quote(value) + suffix);
            return;
        }
        int commented = last(lines, COMMENTED, key);
        if (commented >= 0) {
            Matcher m = COMMENTED.matcher(lines.get(commented));
            m.matches();
            lines.set(commented, m.group(1) + key + "=" + quote(value));
            return;
        }
        lines.append(key + "=" + quote(value));
    }

    private static int last(LineBuffer lines, Pattern pattern, String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.matches() && m.group(2).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** One shell word at the start of a string: its unquoted value and where it ends. */
    private record Word(String value, int end) {
        /** Null when a quote is not closed on the line. */
        static Word read(String s) {
            StringBuilder value = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c) || c == ';') {
                    break;
                } else if (c == '\'') {
                    int close = s.indexOf('\'', i + 1);
                    if (close < 0) {
                        return null;
                    }
                    value.append(s, i + 1, close);
                    i = close + 1;
                } else if (c == '"') {
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        if (s.charAt(i) == '\\' && i + 1 < s.length() && "\\\"$`".indexOf(s.charAt(i + 1)) >= 0) {
                            i++;
                        }
                        value.append(s.charAt(i++));
                    }
                    if (i >= s.length()) {
                        return null;
                    }
                    i++;
                } else if (c == '\\' && i + 1 < s.length()) {
                    value.append(s.charAt(i + 1));
                    i += 2;
                } else {
                    value.append(c);
                    i++;
                }
            }
            return new Word(value.toString(), i);
        }
    }
}
