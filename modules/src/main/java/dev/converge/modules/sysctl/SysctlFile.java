package dev.converge.modules.sysctl;

import dev.converge.modules.support.LineBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits a sysctl.d(5) file: {@code key = value} lines, comments starting with {@code #} or
 * {@code ;}, keys written with dots or slashes, a leading {@code -} (ignore errors) kept. The last
 * assignment of a key wins (as {@code sysctl --system} applies them in order): it is the one
 * replaced, the earlier ones are removed; a missing key is appended.
 */
final class SysctlFile {
    private static final Pattern ASSIGN = Pattern.compile("^\\s*(-?)\\s*([^\\s=#;][^=]*?)\\s*=\\s*(.*?)\\s*$");

    private SysctlFile() {}

    /** The value the file gives {@code key} (empty when it sets none). */
    static String value(String content, String key) {
        String found = "";
        for (String line : LineBuffer.parse(content).texts()) {
            Matcher m = ASSIGN.matcher(line);
            if (m.matches() && normalize(m.group(2)).equals(key)) {
                found = m.group(3);
            }
        }
        return found;
    }

    /** The content with {@code key = value} as the key's one assignment. */
    static String set(String content, String key, String value) {
        LineBuffer lines = LineBuffer.parse(content);
        List<Integer> at = assignments(lines, key);
        String wanted = key + " = " + value;
        if (at.size() == 1 && value(content, key).equals(value)) {
            return content;
        }
        if (at.isEmpty()) {
            lines.append(wanted);
            return lines.render();
        }
        int last = at.get(at.size() - 1);
        Matcher m = ASSIGN.matcher(lines.get(last));
        lines.set(last, (m.matches() && !m.group(1).isEmpty() ? "-" : "") + wanted);
        for (int i = at.size() - 2; i >= 0; i--) {
            lines.remove(at.get(i));
        }
        return lines.render();
    }

    /** The content without any assignment of {@code key}. */
    static String remove(String content, String key) {
        LineBuffer lines = LineBuffer.parse(content);
        List<Integer> at = assignments(lines, key);
        for (int i = at.size() - 1; i >= 0; i--) {
            lines.remove(at.get(i));
        }
        return lines.render();
    }

    private static List<Integer> assignments(LineBuffer lines, String key) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = ASSIGN.matcher(lines.get(i));
            if (m.matches() && normalize(m.group(2)).equals(key)) {
                at.add(i);
            }
        }
        return at;
    }

    static String normalize(String key) {
        return key.strip().replace('/', '.');
    }

    /** Values compare field by field: {@code sysctl -n} separates fields with tabs. */
    static boolean sameValue(String a, String b) {
        return a.strip().split("\\s+").length > 0
                && String.join(" ", a.strip().split("\\s+"))
                        .equals(String.join(" ", b.strip().split("\\s+")));
    }
}
