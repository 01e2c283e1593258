package dev.converge.modules.line;

import dev.converge.modules.support.LineBuffer;
import java.util.regex.Pattern;

/**
 * Ansible {@code lineinfile} semantics on text, as pure functions.
 *
 * <ul>
 *   <li>present: the <em>last</em> line matching {@code regexp} is replaced by {@code line}; when
 *       nothing matches and the exact line is already there, nothing changes; otherwise the line is
 *       inserted at the anchor (after/before the last line matching it, BOF, EOF), or appended.</li>
 *   <li>absent: every line matching {@code regexp} (or equal to {@code line}) is removed.</li>
 * </ul>
 * Untouched lines, their terminators and the final-newline state are kept byte for byte.
 */
public final class LineInFile {
    private LineInFile() {}

    /** Where a missing line goes. */
    public record Anchor(Where where, Pattern pattern) {
        /** The kind of anchor. */
        public enum Where {
            AFTER,
            BEFORE,
            BOF,
            EOF
        }

        public static final Anchor END = new Anchor(Where.EOF, null);

        /** Reads Ansible-style {@code insert_after}/{@code insert_before} values; null means end of file. */
        public static Anchor of(String insertAfter, String insertBefore) {
            if (insertBefore != null) {
                return insertBefore.equals("BOF")
                        ? new Anchor(Where.BOF, null)
                        : new Anchor(Where.BEFORE, Pattern.compile(insertBefore));
            }
            if (insertAfter != null && !insertAfter.equals("EOF")) {
                return insertAfter.equals("BOF")
                        ? new Anchor(Where.BOF, null)
                        : new Anchor(Where.AFTER, Pattern.compile(insertAfter));
            }
            return END;
        }
    }

    /** Ensures {@code line} is present (see class comment). {@code regexp} may be null. */
    public static String present(String content, String line, Pattern regexp, Anchor anchor) {
        LineBuffer lines = LineBuffer.parse(content);
        int match = -1;
        int exact = -1;
        int anchorAt = -1;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (regexp != null && regexp.matcher(text).find()) {
                match = i;
            }
            if (text.equals(line)) {
                exact = i;
            }
            if (anchor.pattern() != null && anchor.pattern().matcher(text).find()) {
                anchorAt = i;
            }
        }
        if (regexp == null) {
            match = exact;
        }
        if (match >= 0) {
            if (!lines.get(match).equals(line)) {
                lines.set(match, line);
            }
            return lines.render();
        }
        if (exact >= 0) {
            return content;
        }
        int at = switch (anchor.where()) {
            case BOF -> 0;
            case EOF -> lines.size();
            case AFTER -> anchorAt < 0 ? lines.size() : anchorAt + 1;
            case BEFORE -> anchorAt < 0 ? lines.size() : anchorAt;
        };
        lines.insert(at, line);
        return lines.render();
    }

    /** Removes every line matching {@code regexp}, or equal to {@code line} when regexp is null. */
    public static String absent(String content, String line, Pattern regexp) {
        LineBuffer lines = LineBuffer.parse(content);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String text = lines.get(i);
            boolean hit = regexp != null ? regexp.matcher(text).find() : text.equals(line);
            if (hit) {
                lines.remove(i);
            }
        }
        return lines.render();
    }
}
