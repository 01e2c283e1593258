package dev.converge.modules.exports;

import dev.converge.modules.support.LineBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits NFS export tables (exports(5)): {@code path [-defaults] client(opt,opt) client...}.
 *
 * <p>Entries are keyed by export path, clients by their host spec. A client's options are
 * replaced in place (no change when the same set is already there, whatever its order); new
 * clients are appended to the entry, never with a space before {@code (} (which would export
 * to the world). Backslash-continued entries are one entry, {@code #} starts a comment anywhere,
 * paths with blanks or odd characters are written with octal escapes ({@code \040}). Other
 * entries, clients and comments are left byte for byte.
 */
public final class ExportsFile {
    private ExportsFile() {}

    /** One whitespace-separated word of an entry, with its place in the file. */
    private record Token(int line, int start, int end, String text) {
        String host() {
            int paren = text.indexOf('(');
            return paren < 0 ? text : text.substring(0, paren);
        }

        List<String> options() {
            int paren = text.indexOf('(');
            if (paren < 0 || !text.endsWith(")")) {
                return List.of();
            }
            String inner = text.substring(paren + 1, text.length() - 1);
            return inner.isEmpty() ? List.of() : List.of(inner.split(","));
        }
    }

    /** One logical entry: physical lines [first, last] and its tokens (path first). */
    private record Entry(int first, int last, List<Token> tokens) {
        String path() {
            return decode(tokens.get(0).text());
        }

        List<Token> clients() {
            List<Token> clients = new ArrayList<>();
            for (int i = 1; i < tokens.size(); i++) {
                if (!(i == 1 && tokens.get(i).text().startsWith("-"))) {
                    clients.add(tokens.get(i));
                }
            }
            return clients;
        }
    }

    /** Ensures each client exports {@code path} with exactly its options (other clients kept). */
    public static String present(String content, String path, Map<String, List<String>> clients) {
        String out = content;
        for (Map.Entry<String, List<String>> client : clients.entrySet()) {
            out = presentOne(out, path, client.getKey(), client.getValue());
        }
        return out;
    }

    private static String presentOne(String content, String path, String host, List<String> options) {
        LineBuffer lines = LineBuffer.parse(content);
        String wanted = render(host, options);
        Optional<Entry> entry =
                entries(lines).stream().filter(e -> samePath(e.path(), path)).findFirst();
        if (entry.isEmpty()) {
            lines.append(encode(path) + " " + wanted);
            return lines.render();
        }
        for (Token t : entry.get().clients()) {
            if (t.host().equals(host)) {
                if (new HashSet<>(t.options()).equals(new HashSet<>(options))
                        && t.options().size() == options.size()) {
                    return content;
                }
                String text = lines.get(t.line());
                lines.set(t.line(), text.substring(0, t.start()) + wanted + text.substring(t.end()));
                return lines.render();
            }
        }
        Token last = entry.get().tokens().get(entry.get().tokens().size() - 1);
        String text = lines.get(last.line());
        lines.set(last.line(), text.substring(0, last.end()) + " " + wanted + text.substring(last.end()));
        return lines.render();
    }

    /** Removes the clients from the entry of {@code path} (the whole entry when none is left or none given). */
    public static String absent(String content, String path, List<String> hosts) {
        LineBuffer lines = LineBuffer.parse(content);
        List<Entry> entries = entries(lines);
        for (int e = entries.size() - 1; e >= 0; e--) {
            Entry entry = entries.get(e);
            if (!samePath(entry.path(), path)) {
                continue;
            }
            List<Token> doomed = entry.clients().stream()
                    .filter(t -> hosts.contains(t.host()))
                    .toList();
            if (hosts.isEmpty() || doomed.size() == entry.clients().size()) {
                for (int i = entry.last(); i >= entry.first(); i--) {
                    lines.remove(i);
                }
                continue;
            }
            for (int i = doomed.size() - 1; i >= 0; i--) {
                Token t = doomed.get(i);
                String text = lines.get(t.line());
                int from = t.start();
                while (from > 0 && Character.isWhitespace(text.charAt(from - 1))) {
                    from--;
                }
                lines.set(t.line(), text.substring(0, from) + text.substring(t.end()));
            }
        }
        return lines.render();
    }

    /** The path of another entry already marked as the NFSv4 root ({@code fsid=0} or {@code fsid=root}). */
    public static Optional<String> otherFsidRoot(String content, String path) {
        for (Entry e : entries(LineBuffer.parse(content))) {
            if (!samePath(e.path(), path)
                    && e.tokens().stream().anyMatch(t -> t.text().matches(".*[(,-]fsid=(0|root)[,)]?.*"))) {
                return Optional.of(e.path());
            }
        }
        return Optional.empty();
    }

    /** The options of {@code host} on the entry of {@code path}, if it is exported to it. */
    public static Optional<List<String>> options(String content, String path, String host) {
        return entries(LineBuffer.parse(content)).stream()
                .filter(e -> samePath(e.path(), path))
                .flatMap(e -> e.clients().stream())
                .filter(t -> t.host().equals(host))
                .findFirst()
                .map(Token::options);
    }

    static String render(String host, List<String> options) {
        return options.isEmpty() ? host : host + "(" + String.join(",", options) + ")";
    }

    private static boolean samePath(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** A path as exports(5) reads it: blanks, {@code #}, quotes and backslashes as octal escapes. */
    static String encode(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c <= ' ' || c == '#' || c == '"' || c == '\\') {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String decode(String token) {
        String t = token.length() >= 2 && token.startsWith("\"") && token.endsWith("\"")
                ? token.substring(1, token.length() - 1)
                : token;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 3 < t.length() && t.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(t.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<Entry> entries(LineBuffer lines) {
        List<Entry> entries = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int first = -1;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int codeEnd = codeEnd(text);
            String code = text.substring(0, codeEnd).stripTrailing();
            boolean continued = code.endsWith("\\");
            if (continued) {
                code = code.substring(0, code.length() - 1);
            }
            List<Token> here = tokens(i, code);
            if (first < 0 && !here.isEmpty()) {
                first = i;
            }
            tokens.addAll(here);
            if (!continued && first >= 0) {
                entries.add(new Entry(first, i, List.copyOf(tokens)));
                tokens.clear();
                first = -1;
            }
        }
        if (first >= 0) {
            entries.add(new Entry(first, lines.size() - 1, List.copyOf(tokens)));
        }
        return entries;
    }

    /** Where the comment of a line starts ({@code #} outside double quotes), or its length. */
    private static int codeEnd(String text) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return i;
            }
        }
        return text.length();
    }

    private static List<Token> tokens(int line, String code) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < code.length()) {
            if (Character.isWhitespace(code.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean quoted = false;
            while (i < code.length() && (quoted || !Character.isWhitespace(code.charAt(i)))) {
                if (code.charAt(i) == '"') {
                    quoted = !quoted;
                }
                i++;
            }
            tokens.add(new Token(line, start, i, code.substring(start, i)));
        }
        return tokens;
    }
}
