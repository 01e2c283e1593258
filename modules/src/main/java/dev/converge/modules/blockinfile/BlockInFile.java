package dev.converge.modules.blockinfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible {@code blockinfile} semantics (ansible-core 2.14) on text, as a pure function; the goldens
 * of {@code BlockInFileAnsibleTest} were made by real Ansible.
 *
 * <ul>
 *   <li>Lines are split as Python's {@code bytes.splitlines(True)} does (LF, CRLF or CR; each keeps
 *       its terminator). A marker line is found only when it equals the marker followed by LF
 *       exactly; the <em>last</em> BEGIN and the <em>last</em> END line count.</li>
 *   <li>When both are found, the lines from one to the other (inclusive, whichever comes first) are
 *       replaced by the new block, in place: {@code insert_after}/{@code insert_before} do not move
 *       an existing block.</li>
 *   <li>Otherwise the block goes after the last line matching {@code insert_after}, before the last
 *       line matching {@code insert_before}, at BOF for {@code insert_before: BOF}, and at EOF by
 *       default and when the regex matches no line. A regex with the MULTILINE flag ({@code (?m)})
 *       is searched in the whole text instead.</li>
 *   <li>The line before the block gets a newline when it has none (also when the block is empty:
 *       Ansible adds the final newline of a file even with {@code state: absent}).</li>
 *   <li>The block gets a final LF when it has none; an empty block, or {@code state: absent},
 *       writes no block (removes an existing one).</li>
 * </ul>
 */
public final class BlockInFile {
    private BlockInFile() {}

    /** Where a new block goes. */
    public sealed interface Anchor {
        /** After the last line matching the pattern; EOF when none matches. */
        record After(Pattern pattern) implements Anchor {}

        /** Before the last line matching the pattern; EOF when none matches (as Ansible 2.14). */
        record Before(Pattern pattern) implements Anchor {}

        /** At the beginning of the file. */
        record Bof() implements Anchor {}

        /** At the end of the file. */
        record Eof() implements Anchor {}

        /**
         * Reads Ansible's {@code insertafter} ({@code EOF} or a regex) and {@code insertbefore}
         * ({@code BOF} or a regex); both null means EOF. {@code insertafter: BOF} is a regex, as in Ansible.
         */
        static Anchor of(String insertAfter, String insertBefore) {
            if (insertAfter != null && !insertAfter.equals("EOF")) {
                return new After(Pattern.compile(insertAfter));
            }
            if (insertBefore != null) {
                return insertBefore.equals("BOF") ? new Bof() : new Before(Pattern.compile(insertBefore));
            }
            return new Eof();
        }
    }

    /**
     * The wanted block.
     *
     * @param begin the whole BEGIN marker line, without newline
     * @param end the whole END marker line, without newline
     * @param block the block's text; empty for no block
     */
    public record Block(String begin, String end, String block, Anchor anchor) {
        /** Ansible's marker with {@code {mark}} replaced by {@code mark}. */
        public static String marker(String marker, String mark) {
            return marker.replace("{mark}", mark);
        }
    }

    /**
     * The text of {@code content} with {@code wanted} in place (see class comment), as Ansible
     * leaves it once repeated runs stop changing it. One Ansible run removes only the last of several
     * blocks with the same markers, so a second run would change the file again; converge must
     * converge in one apply, so it removes them all (BlockInFileAnsibleTest: the goldens of the
     * second run). Every other case is one Ansible run.
     */
    public static String apply(String content, Block wanted) {
        String out = once(content, wanted);
        for (int round = 0; round <= content.length(); round++) {
            String again = once(out, wanted);
            if (again.equals(out)) {
                return out;
            }
            out = again;
        }
        return out;
    }

    /** One Ansible run. */
    static String once(String content, Block wanted) {
        List<String> lines = splitLines(content);
        String begin = wanted.begin() + "\n";
        String end = wanted.end() + "\n";
        List<String> blockLines = new ArrayList<>();
        if (!wanted.block().isEmpty()) {
            String block = wanted.block().endsWith("\n") ? wanted.block() : wanted.block() + "\n";
            blockLines.add(begin);
            blockLines.addAll(splitLines(block));
            blockLines.add(end);
        }
        int n0 = -1;
        int n1 = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals(begin)) {
                n0 = i;
            }
            if (lines.get(i).equals(end)) {
                n1 = i;
            }
        }
        int at;
        if (n0 < 0 || n1 < 0) {
            at = insertionPoint(content, lines, wanted.anchor());
        } else {
            at = Math.min(n0, n1);
            lines.subList(at, Math.max(n0, n1) + 1).clear();
        }
        if (at > 0 && !lines.get(at - 1).endsWith("\n")) {
            lines.set(at - 1, lines.get(at - 1) + "\n");
        }
        lines.addAll(at, blockLines);
        return String.join("", lines);
    }

    /** The text of the block between the last BEGIN and END markers, when both are there. */
    public static Optional<String> current(String content, String beginMarker, String endMarker) {
        List<String> lines = splitLines(content);
        int n0 = lines.lastIndexOf(beginMarker + "\n");
        int n1 = lines.lastIndexOf(endMarker + "\n");
        if (n0 < 0 || n1 < 0) {
            return Optional.empty();
        }
        return Optional.of(String.join("", lines.subList(Math.min(n0, n1) + 1, Math.max(n0, n1))));
    }

    private static int insertionPoint(String content, List<String> lines, Anchor anchor) {
        if (anchor instanceof Anchor.Bof) {
            return 0;
        }
        if (anchor instanceof Anchor.Eof) {
            return lines.size();
        }
        boolean after = anchor instanceof Anchor.After;
        Pattern pattern = after ? ((Anchor.After) anchor).pattern() : ((Anchor.Before) anchor).pattern();
        int found = -1;
        if ((pattern.flags() & Pattern.MULTILINE) != 0) {
            Matcher m = pattern.matcher(content);
            if (m.find()) {
                found = newlines(content, after ? m.end() : m.start());
            }
        } else {
            for (int i = 0; i < lines.size(); i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    found = i;
                }
            }
        }
        if (found < 0) {
            return lines.size();
        }
        return after ? found + 1 : found;
    }

    private static int newlines(String text, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }

    /** Python's {@code splitlines(keepends=True)} on bytes: LF, CRLF and CR end a line. */
    static List<String> splitLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int next = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                lines.add(text.substring(start, next));
                start = next;
                i = next;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
