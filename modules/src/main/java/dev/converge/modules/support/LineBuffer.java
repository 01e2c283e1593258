package dev.converge.modules.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A lossless, editable list of the lines of a text file.
 *
 * <p>Each line keeps its own terminator ({@code \n}, {@code \r\n}, or nothing for a last line
 * without one), so rendering an unedited buffer gives back the input byte for byte. New lines use
 * the file's first terminator style (LF when none). Inserting after a last line that has no
 * terminator terminates that line first and leaves the new last line unterminated, so the file
 * keeps its "no final newline" state.
 */
public final class LineBuffer {

    private final List<String> texts = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();
    private final String newline;

    private LineBuffer(String newline) {
        this.newline = newline;
    }

    /** Splits content into lines, each remembering its terminator. */
    public static LineBuffer parse(String content) {
        int crlf = content.indexOf("\r\n");
        int lf = content.indexOf('\n');
        LineBuffer buffer = new LineBuffer(crlf >= 0 && crlf + 1 == lf ? "\r\n" : "\n");
        int start = 0;
        while (start < content.length()) {
            int end = content.indexOf('\n', start);
            if (end < 0) {
                buffer.texts.add(content.substring(start));
                buffer.endings.add("");
                break;
            }
            int textEnd = end > start && content.charAt(end - 1) == '\r' ? end - 1 : end;
            buffer.texts.add(content.substring(start, textEnd));
            buffer.endings.add(content.substring(textEnd, end + 1));
            start = end + 1;
        }
        return buffer;
    }

    public int size() {
        return texts.size();
    }

    /** The text of line {@code index}, without its terminator. */
    public String get(int index) {
        return texts.get(index);
    }

    /** All line texts, without terminators (a copy). */
    public List<String> texts() {
        return List.copyOf(texts);
    }

    /** Replaces the text of a line, keeping its terminator. */
    public void set(int index, String text) {
        texts.set(index, text);
    }

    /** Removes a line; when it was an unterminated last line, the new last line loses its terminator. */
    public void remove(int index) {
        boolean lastUnterminated =
                index == texts.size() - 1 && endings.get(index).isEmpty();
        texts.remove(index);
        endings.remove(index);
        if (lastUnterminated && !texts.isEmpty()) {
            endings.set(texts.size() - 1, "");
        }
    }

    /** Inserts a line before {@code index} ({@code size()} appends). */
    public void insert(int index, String text) {
        if (index == texts.size() && !texts.isEmpty() && endings.get(index - 1).isEmpty()) {
            endings.set(index - 1, newline);
            texts.add(text);
            endings.add("");
            return;
        }
        texts.add(index, text);
        endings.add(index, newline);
    }

    /** Appends a line at the end of the file. */
    public void append(String text) {
        insert(texts.size(), text);
    }

    /** The file content: every line with its terminator. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            out.append(texts.get(i)).append(endings.get(i));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
