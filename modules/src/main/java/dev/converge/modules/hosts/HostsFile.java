package dev.converge.modules.hosts;

import dev.converge.modules.support.LineBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits {@code /etc/hosts} (hosts(5)): {@code address canonical_name [aliases...] [# comment]}.
 *
 * <p>The managed key is each <em>name</em>: after {@link #present}, the names resolve to the
 * address through exactly one line (the first line of that address, rewritten to hold exactly
 * those names, keeping its separator and inline comment); the names are removed from every other
 * line, and a line left without names is dropped. Untouched lines keep their alignment byte for
 * byte. A new line goes after the last line of the same address family, else at the end.
 */
public final class HostsFile {
    private static final Pattern TOKEN = Pattern.compile("\\S+");

    private HostsFile() {}

    /** One parsed line: its tokens (address first) with positions in the text before any {@code #}. */
    private record Entry(String body, String rest, List<int[]> tokens) {
        static Entry parse(String text) {
            int hash = text.indexOf('#');
            String body = hash < 0 ? text : text.substring(0, hash);
            int bodyEnd = body.stripTrailing().length();
            List<int[]> tokens = new ArrayList<>();
            Matcher m = TOKEN.matcher(body);
            while (m.find()) {
                tokens.add(new int[] {m.start(), m.end()});
            }
            return new Entry(body.substring(0, bodyEnd), text.substring(bodyEnd), tokens);
        }

        String token(int i) {
            return body.substring(tokens.get(i)[0], tokens.get(i)[1]);
        }

        boolean isFor(String address) {
            return !tokens.isEmpty() && token(0).equalsIgnoreCase(address);
        }

        List<String> names() {
            List<String> names = new ArrayList<>();
            for (int i = 1; i < tokens.size(); i++) {
                names.add(token(i));
            }
            return names;
        }

        /** The line without the given names (case-insensitive), or null when no name would be left. */
        String without(List<String> drop) {
            StringBuilder out = new StringBuilder(body.substring(0, tokens.get(0)[1]));
            int kept = 0;
            for (int i = 1; i < tokens.size(); i++) {
                if (!containsIgnoreCase(drop, token(i))) {
                    int sepFrom = kept == 0 ? tokens.get(0)[1] : tokens.get(i - 1)[1];
                    int sepTo = kept == 0 ? tokens.get(1)[0] : tokens.get(i)[0];
                    out.append(body, sepFrom, sepTo).append(token(i));
                    kept++;
                }
            }
            return kept == 0 ? null : out + rest;
        }

        /** The line holding exactly {@code names}, with this line's separators and comment. */
        String with(List<String> names) {
            String first = tokens.size() > 1 ? body.substring(tokens.get(0)[1], tokens.get(1)[0]) : "\t";
            String next = tokens.size() > 2 ? body.substring(tokens.get(1)[1], tokens.get(2)[0]) : " ";
            return body.substring(0, tokens.get(0)[1]) + first + String.join(next, names) + rest;
        }
    }

    /** Makes {@code names} resolve to {@code address} through one line (see class comment). */
    public static String present(String content, String address, List<String> names) {
        LineBuffer lines = LineBuffer.parse(content);
        boolean done = false;
        int sameFamily = -1;
        String separator = null;
        for (int i = 0; i < lines.size(); i++) {
            Entry e = Entry.parse(lines.get(i));
            if (e.tokens().isEmpty()) {
                continue;
            }
            if (separator == null && e.tokens().size() > 1) {
                separator = e.body()
                                .substring(e.tokens().get(0)[1], e.tokens().get(1)[0])
                                .contains("\t")
                        ? "\t"
                        : " ";
            }
            if (e.token(0).contains(":") == address.contains(":")) {
                sameFamily = i;
            }
            if (e.isFor(address) && !done) {
                done = true;
                if (!e.names().equals(names)) {
                    lines.set(i, e.with(names));
                }
                continue;
            }
            if (e.names().stream().anyMatch(n -> containsIgnoreCase(names, n))) {
                String kept = e.without(names);
                if (kept == null) {
                    lines.remove(i--);
                    sameFamily = Math.min(sameFamily, i);
                } else {
                    lines.set(i, kept);
                }
            }
        }
        if (!done) {
            String line = address + (separator == null ? "\t" : separator) + String.join(" ", names);
            lines.insert(sameFamily < 0 ? lines.size() : sameFamily + 1, line);
        }
        return lines.render();
    }

    /**
     * Removes {@code names} from the lines of {@code address} (dropping lines left empty), or every
     * line of the address when {@code names} is empty.
     */
    public static String absent(String content, String address, List<String> names) {
        LineBuffer lines = LineBuffer.parse(content);
        for (int i = lines.size() - 1; i >= 0; i--) {
            Entry e = Entry.parse(lines.get(i));
            if (!e.isFor(address)) {
                continue;
            }
            String kept = names.isEmpty() ? null : e.without(names);
            if (kept == null) {
                lines.remove(i);
            } else if (!kept.equals(lines.get(i))) {
                lines.set(i, kept);
            }
        }
        return lines.render();
    }

    private static boolean containsIgnoreCase(List<String> names, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(lower));
    }
}
