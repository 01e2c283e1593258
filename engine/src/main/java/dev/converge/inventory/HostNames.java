package dev.converge.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host names as Ansible's inventory plugins read them: an optional {@code :port}, and ranges
 * ({@code web[1:3]}, {@code www[01:50:2]}, {@code db-[a:f]}) expanded in order.
 */
public final class HostNames {
    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String IPV6_PART = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    // possessive quantifiers: the same language as Ansible's regexes, without a stack frame per character
    private static final String LABEL = "(?:[\\w]|" + ALNUM_RANGE + ")(?:[\\w_-]++|" + ALNUM_RANGE + ")*+(?<![_-])";
    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$");
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]++|\\[[^\\]]*+\\])*+):([0-9]+)$");
    private static final Pattern IPV4 =
            Pattern.compile("^(?:" + IPV4_PART + "\\.){3}" + IPV4_PART + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV6 = Pattern.compile(
            ("^(?:"
                            + "(?:P:){7}P|(?:P:){1,6}:|(?:P:)(?::P){1,6}|(?:P:){2}(?::P){1,5}|(?:P:){3}(?::P){1,4}|(?:P:){4}(?::P){1,3}"
                            + "|(?:P:){5}(?::P){1,2}|(?:P:){6}(?::P)|:(?::P){1,6}|P?::|(?:0:){6}(?:P\\.){3}P|::(?:ffff:)?(?:P\\.){3}P"
                            + "|(?:0:){5}ffff:(?:P\\.){3}P)$")
                    .replace("P", IPV6_PART),
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HOSTNAME = Pattern.compile(
            "^" + LABEL + "(?:\\." + LABEL + ")*$", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private HostNames() {}

    /** The hosts a host entry names, and the port it gives them (null when none). */
    public record Expanded(List<String> names, Integer port) {}

    /** Thrown for a range Ansible rejects; the message says why. */
    public static final class BadRange extends IllegalArgumentException {
        BadRange(String message) {
            super(message);
        }
    }

    /** Ansible's {@code parse_address}: host and port, or empty when not a host identifier. */
    public static Optional<Expanded> parseAddress(String address, boolean allowRanges) {
        Integer port = null;
        String host = address;
        for (Pattern p : List.of(BRACKETED_HOSTPORT, HOSTPORT)) {
            Matcher m = p.matcher(host);
            if (m.matches()) {
                host = m.group(1);
                try {
                    port = Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        if (!(IPV4.matcher(host).matches()
                || IPV6.matcher(host).matches()
                || HOSTNAME.matcher(host).matches())) {
            return Optional.empty();
        }
        if (!allowRanges && host.contains("[")) {
            return Optional.empty();
        }
        return Optional.of(new Expanded(List.of(host), port));
    }

    /** Ansible's {@code _expand_hostpattern}: a host entry's names, ranges expanded, and its port. */
    public static Expanded expand(String entry) {
        Optional<Expanded> parsed = parseAddress(entry, true);
        String pattern = parsed.map(e -> e.names().get(0)).orElse(entry);
        Integer port = parsed.map(Expanded::port).orElse(null);
        return new Expanded(pattern.contains("[") ? expandRange(pattern) : List.of(pattern), port);
    }

    /** Ansible's {@code expand_hostname_range}. */
    static List<String> expandRange(String line) {
        int open = line.indexOf('[');
        String rest = line.substring(open + 1);
        int close = rest.indexOf(']');
        if (close < 0) {
            throw new BadRange("a host range needs a closing ']': " + line);
        }
        String head = line.substring(0, open);
        String range = rest.substring(0, close);
        String tail = rest.substring(close + 1);
        if (tail.indexOf('|') >= 0 || head.indexOf('|') >= 0) {
            throw new BadRange("a host name cannot contain '|': " + line);
        }
        String[] bounds = range.split(":", -1);
        if (bounds.length != 2 && bounds.length != 3) {
            throw new BadRange("host range must be begin:end or begin:end:step");
        }
        String beg = bounds[0].isEmpty() ? "0" : bounds[0];
        String end = bounds[1];
        if (end.isEmpty()) {
            throw new BadRange("host range must specify end value");
        }
        int step = bounds.length == 3 ? parseInt(bounds[2]) : 1;
        int width = 0;
        if (beg.charAt(0) == '0' && beg.length() > 1) {
            if (beg.length() != end.length()) {
                throw new BadRange("host range must specify equal-length begin and end formats");
            }
            width = beg.length();
        }
        List<String> seq = new ArrayList<>();
        int ib = LETTERS.indexOf(beg);
        int ie = LETTERS.indexOf(end);
        if (beg.length() == 1 && end.length() == 1 && ib >= 0 && ie >= 0) {
            if (ib > ie) {
                throw new BadRange("host range must have begin <= end");
            }
            if (step <= 0) {
                throw new BadRange("a host range step must be positive");
            }
            for (int i = ib; i <= ie; i += step) {
                seq.add(String.valueOf(LETTERS.charAt(i)));
            }
        } else {
            long b = parseInt(beg);
            long e = parseInt(end);
            if (step <= 0) {
                throw new BadRange("a host range step must be positive");
            }
            for (long i = b; i <= e; i += step) {
                String s = Long.toString(i);
                seq.add(width > s.length() ? "0".repeat(width - s.length()) + s : s);
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : seq) {
            String name = head + s + tail;
            if (name.contains("[")) {
                out.addAll(expandRange(name));
            } else {
                out.add(name);
            }
        }
        return out;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new BadRange("'" + s + "' in a host range is not a number");
        }
    }
}
