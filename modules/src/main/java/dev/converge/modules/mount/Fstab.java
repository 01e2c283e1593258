package dev.converge.modules.mount;

import dev.converge.modules.support.LineBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits {@code /etc/fstab} (fstab(5)). An entry is identified by its mount point (second field,
 * with {@code \040}-style escapes decoded and a trailing {@code /} ignored); only that line is
 * rewritten, field by field, keeping the whitespace between fields. Every other line (the root
 * {@code UUID=} entry!) stays byte for byte: a broken fstab can make a host unbootable.
 */
public final class Fstab {
    private static final Pattern FIELD = Pattern.compile("\\S+");

    private Fstab() {}

    /** One fstab record; {@code dump} and {@code passno} default to 0 when absent. */
    public record Entry(String src, String path, String fstype, String opts, int dump, int passno) {
        List<String> fields() {
            return List.of(encode(src), encode(path), fstype, opts, Integer.toString(dump), Integer.toString(passno));
        }

        /** The line as written for a new entry. */
        String render(String separator) {
            return String.join(separator, fields());
        }
    }

    /** The first entry for {@code mountPoint}. */
    public static Optional<Entry> find(String content, String mountPoint) {
        LineBuffer lines = LineBuffer.parse(content);
        for (int i = 0; i < lines.size(); i++) {
            Optional<Entry> e = parse(lines.get(i));
            if (e.isPresent() && same(e.get().path(), mountPoint)) {
                return e;
            }
        }
        return Optional.empty();
    }

    /** Makes the first entry of the mount point equal {@code entry}; later entries for it are removed. */
    public static String present(String content, Entry entry) {
        LineBuffer lines = LineBuffer.parse(content);
        boolean done = false;
        String separator = null;
        for (int i = 0; i < lines.size(); i++) {
            Optional<Entry> e = parse(lines.get(i));
            if (e.isEmpty()) {
                continue;
            }
            if (separator == null) {
                separator = lines.get(i).contains("\t") ? "\t" : " ";
            }
            if (!same(e.get().path(), entry.path())) {
                continue;
            }
            if (done) {
                lines.remove(i--);
            } else {
                done = true;
                if (!e.get().equals(entry) || !e.get().path().equals(entry.path())) {
                    lines.set(i, rewrite(lines.get(i), entry.fields()));
                }
            }
        }
        if (!done) {
            lines.append(entry.render(separator == null ? " " : separator));
        }
        return lines.render();
    }

    /** Removes every entry of the mount point. */
    public static String absent(String content, String mountPoint) {
        LineBuffer lines = LineBuffer.parse(content);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Optional<Entry> e = parse(lines.get(i));
            if (e.isPresent() && same(e.get().path(), mountPoint)) {
                lines.remove(i);
            }
        }
        return lines.render();
    }

    private static String rewrite(String line, List<String> fields) {
        StringBuilder out = new StringBuilder();
        Matcher m = FIELD.matcher(line);
        int prevEnd = 0;
        int n = 0;
        while (n < fields.size() && m.find()) {
            out.append(line, prevEnd, m.start()).append(fields.get(n++));
            prevEnd = m.end();
        }
        String rest = line.substring(prevEnd);
        while (n < fields.size()) {
            out.append(' ').append(fields.get(n++));
        }
        return out.append(rest).toString();
    }

    static Optional<Entry> parse(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
            return Optional.empty();
        }
        List<String> f = new ArrayList<>(List.of(t.split("\\s+")));
        if (f.size() < 2) {
            return Optional.empty();
        }
        while (f.size() < 6) {
            f.add(f.size() < 4 ? "" : "0");
        }
        return Optional.of(
                new Entry(decode(f.get(0)), decode(f.get(1)), f.get(2), f.get(3), number(f.get(4)), number(f.get(5))));
    }

    private static int number(String s) {
        return s.matches("\\d{1,6}") ? Integer.parseInt(s) : -1;
    }

    private static boolean same(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** Blanks and backslashes as octal escapes ({@code \040}, {@code \011}, {@code \134}). */
    static String encode(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String decode(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\'
                    && i + 3 < field.length()
                    && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
