package dev.converge.modules.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A rule specification in the exact normal form {@code iptables -S} prints, so that a rule read
 * back from the host compares equal to the one we would add: {@code -s} before {@code -d},
 * {@code -i}, {@code -p}; the implicit {@code -m tcp} before {@code --dport}; addresses as
 * {@code a.b.c.d/len} with host bits cleared ({@code /32} added to a bare address); port ranges
 * with a colon; the comment match last before {@code -j}.
 */
final class RuleSpec {
    private RuleSpec() {}

    /** The argument list after {@code -A CHAIN}, as iptables would print it. */
    static List<String> of(IptablesParams p) {
        List<String> spec = new ArrayList<>();
        if (p.source() != null) {
            spec.addAll(List.of("-s", cidr(p.source())));
        }
        if (p.destination() != null) {
            spec.addAll(List.of("-d", cidr(p.destination())));
        }
        if (p.inInterface() != null) {
            spec.addAll(List.of("-i", p.inInterface()));
        }
        if (p.protocol() != null) {
            String proto = p.protocol().toLowerCase(Locale.ROOT);
            spec.addAll(List.of("-p", proto));
            if (p.dport() != null) {
                spec.addAll(List.of("-m", proto, "--dport", port(p.dport())));
            }
        }
        if (p.comment() != null) {
            spec.addAll(List.of("-m", "comment", "--comment", p.comment()));
        }
        spec.addAll(List.of("-j", p.jump()));
        return spec;
    }

    /** The specs of the {@code -A CHAIN} lines of {@code iptables -S CHAIN} output, unquoted. */
    static List<List<String>> rules(String iptablesS, String chain) {
        List<List<String>> rules = new ArrayList<>();
        for (String line : iptablesS.split("\n")) {
            List<String> words = words(line.strip());
            if (words.size() > 2 && words.get(0).equals("-A") && words.get(1).equals(chain)) {
                rules.add(words.subList(2, words.size()));
            }
        }
        return rules;
    }

    /** A word as iptables prints it: in {@code "..."} with {@code \"} and {@code \\} escaped when it holds a space, quote or backslash (the inverse of {@link #words}). */
    static String quoted(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(c -> c == ' ' || c == '"' || c == '\\' || c == '\t')) {
            return word;
        }
        return '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Splits a line printed by iptables into words ({@code "..."} with {@code \"} and {@code \\} escapes). */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                if (word == null) {
                    word = new StringBuilder();
                }
                if (c == '"') {
                    quoted = true;
                } else {
                    word.append(c);
                }
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code 10.77.0.5/24} becomes {@code 10.77.0.0/24}; a bare address gets {@code /32}. */
    static String cidr(String value) {
        String[] parts = value.split("/", 2);
        int len = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        String[] octets = parts[0].split("\\.");
        long addr = 0;
        for (String o : octets) {
            addr = addr << 8 | Integer.parseInt(o);
        }
        long mask = len == 0 ? 0 : 0xFFFFFFFFL << (32 - len) & 0xFFFFFFFFL;
        addr &= mask;
        return (addr >> 24 & 255) + "." + (addr >> 16 & 255) + "." + (addr >> 8 & 255) + "." + (addr & 255) + "/" + len;
    }

    /** {@code 49152-49215} becomes {@code 49152:49215}. */
    static String port(String value) {
        return value.replace('-', ':');
    }
}
