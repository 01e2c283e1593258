package dev.converge.secret;

import dev.converge.spi.SecretPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The content rules of {@link Secrets#maskContent}, line by line over a file or a unified diff. */
final class ContentMask {
    /** An optional diff prefix, an optional quote, a key, the separator: group 1 is kept, group 3 is the value. */
    private static final Pattern KEY_LINE =
            Pattern.compile("^([ +\\-]?\\s*(?:export\\s+)?[\"']?([A-Za-z0-9_.\\-\\[\\]]+)[\"']?\\s*[=:]\\s*)(\\S.*)$");

    private static final Pattern PEM_BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z0-9 ]*-----");
    private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]*-----");

    private ContentMask() {}

    static String mask(String text, Secrets secrets) {
        List<String> lines = split(text);
        boolean diff = !lines.isEmpty()
                && (lines.get(0).startsWith("--- ") || lines.get(0).startsWith("@@"));
        boolean wholeDiff = diff && changesAWholeSecretLine(lines, secrets);
        StringBuilder out = new StringBuilder(text.length());
        boolean inHunk = false;
        boolean inPem = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String masked;
            if (diff && !inHunk && (line.startsWith("--- ") || line.startsWith("+++ "))) {
                masked = secrets.mask(line);
            } else if (diff && line.startsWith("@@")) {
                inHunk = true;
                masked = line;
            } else if (line.startsWith("\\ No newline")) {
                masked = line;
            } else {
                String prefix = diff && !line.isEmpty() ? line.substring(0, 1) : "";
                String content = line.substring(prefix.length());
                if (wholeDiff) {
                    masked = prefix + (content.isBlank() ? content : Secrets.MASK);
                } else if (inPem) {
                    inPem = !PEM_END.matcher(content).find();
                    masked = inPem ? prefix + Secrets.MASK : secrets.mask(line);
                } else {
                    inPem = PEM_BEGIN.matcher(content).find()
                            && !PEM_END.matcher(content).find();
                    masked = secrets.isWholeSecretLine(content)
                            ? prefix + Secrets.MASK
                            : maskKeyValue(secrets.mask(line));
                }
            }
            out.append(masked);
            if (i < lines.size() - 1 || text.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static boolean changesAWholeSecretLine(List<String> lines, Secrets secrets) {
        boolean inHunk = false;
        for (String line : lines) {
            if (line.startsWith("@@")) {
                inHunk = true;
            } else if (inHunk
                    && (line.startsWith("+") || line.startsWith("-"))
                    && secrets.isWholeSecretLine(line.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static String maskKeyValue(String line) {
        Matcher m = KEY_LINE.matcher(line);
        if (m.matches() && SecretPolicy.hidesWholeValue(m.group(2), stripQuotes(m.group(3)))) {
            return m.group(1) + Secrets.MASK;
        }
        return line;
    }

    private static String stripQuotes(String value) {
        String v = value.strip();
        return v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') ? v.substring(1, v.length() - 1) : v;
    }

    private static List<String> split(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        List<String> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                out.add(body.substring(start));
                return out;
            }
            out.add(body.substring(start, end));
            start = end + 1;
        }
    }
}
