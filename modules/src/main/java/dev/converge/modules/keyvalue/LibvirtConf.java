package dev.converge.modules.keyvalue;

import dev.converge.modules.support.LineBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits libvirt's "virconf" files ({@code libvirtd.conf}, {@code virtproxyd.conf},
 * {@code qemu.conf}) without losing anything else.
 *
 * <p>libvirt's parser takes the <em>first</em> occurrence of a key, so: an active line is edited in
 * place (the first one; keeping its spacing and trailing {@code # comment}); when there is none, the
 * first commented form ({@code #listen_tcp = 1}) is uncommented in place, keeping the doc comment
 * above it; otherwise {@code key = value} is appended. {@code unset} removes every active line of
 * the key (a later duplicate would become effective). Multi-line lists and {@code """} strings are
 * handled as one statement.
 */
public final class LibvirtConf {
    private static final Pattern ACTIVE = Pattern.compile("^(\\s*)([A-Za-z][A-Za-z0-9_]*)(\\s*=\\s*)(.*)$");
    private static final Pattern COMMENTED = Pattern.compile("^\\s*#\\s*([A-Za-z][A-Za-z0-9_]*\\s*=\\s*)(.*)$");

    private LibvirtConf() {}

    /** Applies {@code set} (in map order) then removes the keys in {@code unset}. */
    public static String apply(String content, Map<String, LibvirtValue> set, Collection<String> unset) {
        LineBuffer lines = LineBuffer.parse(content);
        set.forEach((key, value) -> set(lines, key, value));
        for (String key : unset) {
            Statement s;
            while ((s = find(lines, key)) != null) {
                for (int i = 0; i < s.lineCount; i++) {
                    lines.remove(s.line);
                }
            }
        }
        return lines.render();
    }

    /** The value libvirt would read for {@code key} (its first active occurrence). */
    public static Optional<LibvirtValue> effective(String content, String key) {
        LineBuffer lines = LineBuffer.parse(content);
        Statement s = find(lines, key);
        return s == null ? Optional.empty() : Optional.ofNullable(LibvirtValue.parse(s.valueText));
    }

    private static void set(LineBuffer lines, String key, LibvirtValue value) {
        Statement active = find(lines, key);
        if (active != null) {
            if (!value.equals(LibvirtValue.parse(active.valueText))) {
                for (int i = 1; i < active.lineCount; i++) {
                    lines.remove(active.line + 1);
                }
                lines.set(active.line, active.prefix + value.render() + active.suffix);
            }
            return;
        }
        int commented = commentedForm(lines, key);
        if (commented >= 0) {
            Matcher m = COMMENTED.matcher(lines.get(commented));
            m.matches();
            int end = valueEnd(m.group(2));
            String suffix = end < 0 ? "" : m.group(2).substring(end);
            lines.set(commented, m.group(1) + value.render() + suffix);
            return;
        }
        lines.append(key + " = " + value.render());
    }

    /**
     * The line of the commented default of {@code key}: stock files write it {@code #key = value}
     * with nothing between {@code #} and the key, while indented mentions in the prose
     * ({@code #   audit_level == 0 -> ...}, {@code #       user = "qemu"   # A user named...}) are
     * examples, so they are only used when there is no such line.
     */
    private static int commentedForm(LineBuffer lines, String key) {
        int loose = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = COMMENTED.matcher(lines.get(i));
            if (m.matches() && keyOf(m.group(1)).equals(key) && !m.group(2).startsWith("=")) {
                if (lines.get(i).startsWith("#" + key)) {
                    return i;
                }
                loose = loose < 0 ? i : loose;
            }
        }
        return loose;
    }

    private static String keyOf(String keyAndEquals) {
        return keyAndEquals.substring(0, keyAndEquals.indexOf('=')).strip();
    }

    /** One active statement: where it starts, how many lines it spans, and its parts. */
    private record Statement(int line, int lineCount, String prefix, String valueText, String suffix) {}

    private static Statement find(LineBuffer lines, String key) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ACTIVE.matcher(lines.get(i));
            if (!m.matches() || !m.group(2).equals(key)) {
                continue;
            }
            String prefix = m.group(1) + m.group(2) + m.group(3);
            StringBuilder value = new StringBuilder(m.group(4));
            int count = 1;
            int end = valueEnd(value.toString());
            while (end < 0 && i + count < lines.size()) {
                value.append('\n').append(lines.get(i + count));
                count++;
                end = valueEnd(value.toString());
            }
            if (end < 0) {
                end = value.length();
            }
            // a value spanning lines: its suffix is what follows it on its last line
            return new Statement(i, count, prefix, value.substring(0, end), value.substring(end));
        }
        return null;
    }

    /** Index just after the value at the start of {@code s}, or -1 when it continues on the next line. */
    static int valueEnd(String s) {
        if (s.startsWith("\"\"\"")) {
            int close = s.indexOf("\"\"\"", 3);
            return close < 0 ? -1 : close + 3;
        }
        if (s.startsWith("\"") || s.startsWith("'")) {
            int close = s.indexOf(s.charAt(0), 1);
            return close < 0 ? s.length() : close + 1;
        }
        if (s.startsWith("[")) {
            char quote = 0;
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == ']') {
                    return i + 1;
                } else if (c == '#') {
                    int nl = s.indexOf('\n', i);
                    if (nl < 0) {
                        return -1;
                    }
                    i = nl;
                }
            }
            return -1;
        }
        int i = 0;
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '#' && s.charAt(i) != ';') {
            i++;
        }
        return i;
    }
}
