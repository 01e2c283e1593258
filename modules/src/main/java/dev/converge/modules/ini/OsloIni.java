package dev.converge.modules.ini;

import dev.converge.modules.support.LineBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits INI files the way oslo.config reads them ({@code nova.conf}), without losing anything else.
 *
 * <ul>
 *   <li>Section names: {@code DEFAULT} is matched exactly, others case-insensitively (oslo lower-cases
 *       group names), so {@code [default]} is <em>not</em> {@code [DEFAULT]}. A section may appear
 *       several times; its options are merged.</li>
 *   <li>Only whole lines starting with {@code #} or {@code ;} are comments: a {@code #} after a value
 *       is part of the value.</li>
 *   <li>Lines starting with whitespace continue the previous value; they belong to its option.</li>
 *   <li>Repeated keys are kept as a unit: setting a key to N values leaves exactly N lines at the
 *       place of its last occurrence (the effective one for single-valued options).</li>
 *   <li>A missing option replaces its commented default ({@code #key = ...}) in place, else goes at
 *       the end of its section (before trailing blank lines); a missing section is appended.</li>
 * </ul>
 */
public final class OsloIni {
    private static final Pattern SECTION = Pattern.compile("^\\[([^\\]]+)\\]\\s*$");
    private static final Pattern ASSIGN = Pattern.compile("^([^\\s#;\\[][^=:]*?)(\\s*[=:]\\s*)(.*)$");

    private OsloIni() {}

    /** One assignment: its first line, how many lines it spans, its separator and value. */
    record Option(int line, int span, String key, String separator, String value) {}

    /** oslo.config's group name normalisation: {@code DEFAULT} stays, others are lower-cased; null (before any section) stays. */
    static String normalize(String section) {
        return section == null || section.equals("DEFAULT") ? section : section.toLowerCase(Locale.ROOT);
    }

    /** Line {@code i} as the parser sees it: a UTF-8 byte order mark at the start of the file is not part of it. */
    private static String text(LineBuffer lines, int i) {
        String line = lines.get(i);
        return i == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** The values of {@code key} in {@code section}, in file order (multi-line values joined by newline). */
    public static List<String> values(String content, String section, String key) {
        return options(LineBuffer.parse(content), section, key).stream()
                .map(Option::value)
                .toList();
    }

    /** Sets {@code key} to exactly {@code values} (one line each) in {@code section}. */
    public static String set(String content, String section, String key, List<String> values) {
        LineBuffer lines = LineBuffer.parse(content);
        List<Option> found = options(lines, section, key);
        if (found.stream().map(Option::value).toList().equals(values)) {
            return content;
        }
        List<String> rendered = new ArrayList<>();
        for (String value : values) {
            rendered.add(key + " = " + value);
        }
        if (!found.isEmpty()) {
            Option last = found.get(found.size() - 1);
            if (values.size() == 1) {
                // a value that was on a continuation line ("key =" then "    value"): "key = value", not "key =value"
                String sep = last.value().startsWith("\n")
                                && !last.separator().isEmpty()
                                && Character.isWhitespace(last.separator().charAt(0))
                        ? last.separator().stripTrailing() + " "
                        : last.separator();
                rendered.set(0, last.key() + sep + values.get(0));
            }
            for (int i = found.size() - 1; i >= 0; i--) {
                Option o = found.get(i);
                for (int n = 0; n < o.span(); n++) {
                    lines.remove(o.line());
                }
            }
            insertAll(lines, last.line() - spanBefore(found, last), rendered);
            return lines.render();
        }
        List<int[]> ranges = sections(lines, section);
        Pattern commented = Pattern.compile("^[#;]\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        int loose = -1;
        for (int[] range : ranges) {
            for (int i = range[0]; i < range[1]; i++) {
                if (commented.matcher(text(lines, i)).matches()) {
                    // "#key = default" is the sample's form; "# key = ..." may be prose, used only as a fallback
                    if (text(lines, i).startsWith("#" + key) || text(lines, i).startsWith(";" + key)) {
                        loose = i;
                        break;
                    }
                    loose = loose < 0 ? i : loose;
                }
            }
        }
        if (loose >= 0) {
            lines.remove(loose);
            insertAll(lines, loose, rendered);
            return lines.render();
        }
        if (!ranges.isEmpty()) {
            int[] range = ranges.get(ranges.size() - 1);
            int at = range[1];
            while (at > range[0] && lines.get(at - 1).isBlank()) {
                at--;
            }
            insertAll(lines, at, rendered);
            return lines.render();
        }
        if (lines.size() > 0 && !lines.get(lines.size() - 1).isBlank()) {
            lines.append("");
        }
        lines.append("[" + section + "]"); // (never for section null: its range always exists)
        rendered.forEach(lines::append);
        return lines.render();
    }

    /** Removes every assignment of the keys (with their continuation lines) from {@code section}. */
    public static String remove(String content, String section, Collection<String> keys) {
        return removeWhere(content, section, keys, null);
    }

    /** Removes the assignments of {@code key} whose value is one of {@code values}. */
    public static String removeValues(String content, String section, String key, Collection<String> values) {
        return removeWhere(content, section, List.of(key), values);
    }

    private static String removeWhere(
            String content, String section, Collection<String> keys, Collection<String> values) {
        LineBuffer lines = LineBuffer.parse(content);
        List<Option> doomed = new ArrayList<>();
        for (String key : keys) {
            options(lines, section, key).stream()
                    .filter(o -> values == null || values.contains(o.value()))
                    .forEach(doomed::add);
        }
        doomed.sort((a, b) -> Integer.compare(b.line(), a.line()));
        for (Option o : doomed) {
            for (int n = 0; n < o.span(); n++) {
                lines.remove(o.line());
            }
        }
        return lines.render();
    }

    /** Lines removed above {@code last} when all of {@code found} are removed. */
    private static int spanBefore(List<Option> found, Option last) {
        return found.stream()
                .filter(o -> o.line() < last.line())
                .mapToInt(Option::span)
                .sum();
    }

    private static void insertAll(LineBuffer lines, int at, List<String> rendered) {
        for (int i = 0; i < rendered.size(); i++) {
            lines.insert(at + i, rendered.get(i));
        }
    }

    /**
     * [start, end) line ranges of the bodies of every header of {@code section}; for {@code null},
     * the lines before the first header (Ansible's {@code section: null}).
     */
    static List<int[]> sections(LineBuffer lines, String section) {
        List<int[]> ranges = new ArrayList<>();
        String wanted = normalize(section);
        int start = section == null ? 0 : -1;
        for (int i = 0; i <= lines.size(); i++) {
            Matcher m = i < lines.size() ? SECTION.matcher(text(lines, i)) : null;
            if (m == null || m.matches()) {
                if (start >= 0) {
                    ranges.add(new int[] {start, i});
                }
                start = m != null
                                && wanted != null
                                && normalize(m.group(1).strip()).equals(wanted)
                        ? i + 1
                        : -1;
            }
        }
        return ranges;
    }

    private static List<Option> options(LineBuffer lines, String section, String key) {
        List<Option> found = new ArrayList<>();
        for (int[] range : sections(lines, section)) {
            for (int i = range[0]; i < range[1]; i++) {
                Matcher m = ASSIGN.matcher(text(lines, i));
                if (!m.matches() || !m.group(1).strip().equals(key)) {
                    continue;
                }
                StringBuilder value = new StringBuilder(m.group(3).strip());
                int span = 1;
                while (i + span < range[1] && isContinuation(lines.get(i + span))) {
                    value.append('\n').append(lines.get(i + span).strip());
                    span++;
                }
                String key0 = i == 0 && lines.get(0).startsWith("\uFEFF") ? "\uFEFF" + m.group(1) : m.group(1);
                found.add(new Option(i, span, key0, m.group(2), value.toString()));
            }
        }
        return found;
    }

    private static boolean isContinuation(String line) {
        return !line.isBlank() && Character.isWhitespace(line.charAt(0));
    }
}
