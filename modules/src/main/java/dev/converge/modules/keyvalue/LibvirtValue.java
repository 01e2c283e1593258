package dev.converge.modules.keyvalue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A typed value of libvirt's "virconf" format: an integer, a string or a list of strings. */
public sealed interface LibvirtValue {

    /** The value as libvirt's parser expects it. */
    String render();

    /** A whole number, written bare. Booleans are written as 0/1 integers, as libvirt reads them. */
    record Int(long value) implements LibvirtValue {
        @Override
        public String render() {
            return Long.toString(value);
        }
    }

    /**
     * A string, always quoted: {@code "..."}, or {@code '...'} when it holds a double quote
     * (virconf strings have no escape sequences), or {@code """..."""} when it holds both.
     */
    record Str(String value) implements LibvirtValue {
        @Override
        public String render() {
            return quote(value);
        }
    }

    /** A list of strings, written {@code [ "a", "b" ]}. */
    record StrList(List<String> values) implements LibvirtValue {
        public StrList {
            values = List.copyOf(values);
        }

        @Override
        public String render() {
            if (values.isEmpty()) {
                return "[]";
            }
            return "[ "
                    + String.join(", ", values.stream().map(LibvirtValue::quote).toList()) + " ]";
        }
    }

    /** Whether a string can be written at all (no newline, and not every quote style used). */
    static boolean writable(String s) {
        return s.indexOf('\n') < 0
                && s.indexOf('\r') < 0
                && (s.indexOf('"') < 0 || s.indexOf('\'') < 0 || !s.contains("\"\"\"") && !s.endsWith("\""));
    }

    private static String quote(String s) {
        if (s.indexOf('"') < 0) {
            return "\"" + s + "\"";
        }
        if (s.indexOf('\'') < 0) {
            return "'" + s + "'";
        }
        return "\"\"\"" + s + "\"\"\"";
    }

    Pattern INT = Pattern.compile("[+-]?[0-9]+");
    Pattern STRING_ITEM = Pattern.compile("\"\"\"(.*?)\"\"\"|\"([^\"]*)\"|'([^']*)'", Pattern.DOTALL);

    /** Parses a value's text as written in a file; null when it is not a valid virconf value. */
    static LibvirtValue parse(String text) {
        String t = text.strip();
        if (INT.matcher(t).matches()) {
            try {
                return new Int(Long.parseLong(t.startsWith("+") ? t.substring(1) : t));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            List<String> items = new ArrayList<>();
            Matcher m = STRING_ITEM.matcher(t);
            while (m.find()) {
                items.add(group(m));
            }
            return new StrList(items);
        }
        Matcher m = STRING_ITEM.matcher(t);
        if (m.matches()) {
            return new Str(group(m));
        }
        return null;
    }

    private static String group(Matcher m) {
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }
}
