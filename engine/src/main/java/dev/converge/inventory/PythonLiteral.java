package dev.converge.inventory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python's {@code ast.literal_eval} for the values of an INI inventory, as Ansible's INI plugin uses it:
 * numbers, strings (quoted, prefixed, concatenated), {@code True}/{@code False}/{@code None}, lists,
 * tuples (as lists) and dicts. Anything else (a bare word, {@code 0755}, a complex number, a set, an
 * ellipsis) is not a literal converge can represent, and the text stays text.
 */
public final class PythonLiteral {
    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    /** The value Ansible's INI plugin gives {@code raw}: the literal's value (None is null), or the text itself. */
    public static Object value(String raw) {
        String stripped = raw.replaceFirst("^[ \t]+", "");
        PythonLiteral p = new PythonLiteral(stripped);
        try {
            Object v = p.expression();
            p.skipSpace();
            return p.pos == p.text.length() ? v : raw;
        } catch (NotLiteral e) {
            return raw;
        }
    }

    private static final class NotLiteral extends RuntimeException {
        NotLiteral() {
            super(null, null, false, false);
        }
    }

    private static final Object NONE = new Object();

    private Object expression() {
        Object v = unary();
        skipSpace();
        if (pos < text.length() && (peek() == '+' || peek() == '-')) {
            throw new NotLiteral(); // only complex sums are literals, and JSON has no complex numbers
        }
        return v == NONE ? null : v;
    }

    private Object unary() {
        skipSpace();
        if (pos < text.length() && (peek() == '-' || peek() == '+')) {
            char sign = text.charAt(pos++);
            Object v = unary();
            if (v instanceof Long l) {
                return sign == '-' ? Long.valueOf(-l) : l;
            }
            if (v instanceof BigInteger b) {
                return normalize(sign == '-' ? b.negate() : b);
            }
            if (v instanceof Double d) {
                return sign == '-' ? -d : d;
            }
            throw new NotLiteral();
        }
        return atom();
    }

    private int depth;

    private Object atom() {
        if (++depth > 200) {
            throw new NotLiteral(); // Python's parser refuses deeper nesting too ("too many nested parentheses")
        }
        try {
            return atomAt();
        } finally {
            depth--;
        }
    }

    private Object atomAt() {
        skipSpace();
        if (pos >= text.length()) {
            throw new NotLiteral();
        }
        char c = peek();
        if (c == '[') {
            pos++;
            return items(']');
        }
        if (c == '(') {
            pos++;
            skipSpace();
            if (peek() == ')') {
                pos++;
                return new ArrayList<>();
            }
            Object first = expression();
            skipSpace();
            if (peek() == ')') {
                pos++;
                return first; // a parenthesised value, not a tuple
            }
            expect(',');
            List<Object> rest = items(')');
            rest.add(0, first);
            return rest;
        }
        if (c == '{') {
            pos++;
            return dict();
        }
        if (c == '"' || c == '\'' || isPrefixedString()) {
            return strings();
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
                pos++;
            }
            return switch (text.substring(start, pos)) {
                case "True" -> Boolean.TRUE;
                case "False" -> Boolean.FALSE;
                case "None" -> NONE;
                default -> throw new NotLiteral();
            };
        }
        throw new NotLiteral();
    }

    private List<Object> items(char close) {
        List<Object> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) {
                pos++;
                return out;
            }
            out.add(expression());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != close) {
                throw new NotLiteral();
            }
        }
    }

    private Map<String, Object> dict() {
        Map<String, Object> out = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return out;
        }
        while (true) {
            Object key = expression();
            skipSpace();
            if (peek() != ':') {
                throw new NotLiteral(); // a set: not representable
            }
            pos++;
            Object value = expression();
            out.put(
                    key == null ? "null" : key instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(key),
                    value);
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            }
            if (peek() == '}') {
                pos++;
                return out;
            }
        }
    }

    private boolean isPrefixedString() {
        int i = pos;
        while (i < text.length() && i - pos < 2 && "rRbBuU".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i > pos && i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'');
    }

    private Object strings() {
        StringBuilder out = new StringBuilder();
        Boolean bytes = null;
        while (true) {
            skipSpace();
            if (pos >= text.length() || !(peek() == '"' || peek() == '\'' || isPrefixedString())) {
                break;
            }
            boolean raw = false;
            boolean isBytes = false;
            while (peek() != '"' && peek() != '\'') {
                char p = Character.toLowerCase(text.charAt(pos++));
                raw |= p == 'r';
                isBytes |= p == 'b';
            }
            if (bytes != null && bytes != isBytes) {
                throw new NotLiteral(); // str and bytes cannot be concatenated
            }
            bytes = isBytes;
            out.append(string(raw, isBytes));
        }
        return out.toString();
    }

    private String string(boolean raw, boolean bytes) {
        char quote = text.charAt(pos);
        boolean triple = text.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw new NotLiteral();
            }
            char c = text.charAt(pos);
            if (triple ? text.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
                pos += triple ? 3 : 1;
                break;
            }
            if (!triple && c == '\n') {
                throw new NotLiteral();
            }
            if (c == '\\' && pos + 1 < text.length()) {
                if (raw) {
                    out.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                    continue;
                }
                pos++;
                escape(out, bytes);
                continue;
            }
            if (bytes && c > 127) {
                throw new NotLiteral();
            }
            out.append(c);
            pos++;
        }
        if (bytes) {
            // Ansible turns bytes into text as UTF-8
            return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
        return out.toString();
    }

    private void escape(StringBuilder out, boolean bytes) {
        char e = text.charAt(pos++);
        switch (e) {
            case '\n' -> {}
            case '\\', '\'', '"' -> out.append(e);
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000b');
            case 'x' -> out.append((char) hex(2));
            case 'u', 'U' -> {
                if (bytes) {
                    out.append('\\').append(e);
                } else {
                    out.appendCodePoint(hex(e == 'u' ? 4 : 8));
                }
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0;
                            i < 2 && pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '7';
                            i++) {
                        v = v * 8 + (text.charAt(pos++) - '0');
                    }
                    out.append((char) v);
                } else {
                    out.append('\\').append(e); // Python keeps an unknown escape as written
                }
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw new NotLiteral();
        }
        try {
            int v = Integer.parseInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException ex) {
            throw new NotLiteral();
        }
    }

    private static final Pattern NUMBER = Pattern.compile(
            "0[xX][0-9a-fA-F_]++|0[oO][0-7_]++|0[bB][01_]++|[0-9_]*+\\.?[0-9_]*+(?:[eE][-+]?[0-9_]++)?[jJ]?");
    /** Python's rule for digit separators: one underscore at a time, between digits (or after a 0x-style prefix). */
    private static final Pattern BAD_UNDERSCORE = Pattern.compile("__|_$|^_|_\\.|\\._|_[eEjJ]|[eE][-+]?_");

    private Object number() {
        Matcher m = NUMBER.matcher(text);
        m.region(pos, text.length());
        if (!m.lookingAt() || m.end() == pos) {
            throw new NotLiteral();
        }
        String n = m.group();
        pos = m.end();
        if (BAD_UNDERSCORE.matcher(n.replaceFirst("^0[xXoObB]_", "0x0")).find()) {
            throw new NotLiteral();
        }
        if (pos < text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
            throw new NotLiteral();
        }
        String digits = n.replace("_", "");
        String lower = digits.toLowerCase();
        if (lower.endsWith("j")) {
            throw new NotLiteral(); // complex
        }
        if (lower.startsWith("0x")) {
            return normalize(new BigInteger(digits.substring(2), 16));
        }
        if (lower.startsWith("0o")) {
            return normalize(new BigInteger(digits.substring(2), 8));
        }
        if (lower.startsWith("0b")) {
            return normalize(new BigInteger(digits.substring(2), 2));
        }
        if (lower.contains(".") || lower.contains("e")) {
            if (digits.equals(".")) {
                throw new NotLiteral();
            }
            return Double.parseDouble(digits);
        }
        if (digits.length() > 1 && digits.startsWith("0") && !digits.matches("0+")) {
            throw new NotLiteral(); // 0755: Python 3 has no leading-zero integers
        }
        return normalize(new BigInteger(digits));
    }

    private static Object normalize(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private void expect(char c) {
        skipSpace();
        if (pos >= text.length() || peek() != c) {
            throw new NotLiteral();
        }
        pos++;
    }

    private char peek() {
        if (pos >= text.length()) {
            throw new NotLiteral();
        }
        return text.charAt(pos);
    }

    private void skipSpace() {
        while (pos < text.length()
                && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t' || text.charAt(pos) == '\n')) {
            pos++;
        }
    }
}
