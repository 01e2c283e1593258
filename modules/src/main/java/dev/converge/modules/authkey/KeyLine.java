package dev.converge.modules.authkey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of an authorized_keys file (sshd(8) AUTHORIZED_KEYS FILE FORMAT): optional options,
 * the key type, the base64 blob, an optional comment. Options may hold quoted strings with spaces
 * ({@code command="a b"}), so the type is found as the first known key type outside quotes.
 */
record KeyLine(String options, String type, String blob, String comment) {
    static final Set<String> TYPES = Set.of(
            "ssh-ed25519",
            "ssh-rsa",
            "ssh-dss",
            "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521",
            "sk-ssh-ed25519@openssh.com",
            "sk-ecdsa-sha2-nistp256@openssh.com",
            "ssh-ed25519-cert-v01@openssh.com",
            "ssh-rsa-cert-v01@openssh.com");

    static Optional<KeyLine> parse(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return Optional.empty();
        }
        List<String> words = words(s);
        for (int i = 0; i + 1 < words.size(); i++) {
            if (TYPES.contains(words.get(i))) {
                String options = String.join(" ", words.subList(0, i));
                String comment = i + 2 < words.size() ? String.join(" ", words.subList(i + 2, words.size())) : "";
                return Optional.of(new KeyLine(options, words.get(i), words.get(i + 1), comment));
            }
        }
        return Optional.empty();
    }

    /** Blank-separated words, a double-quoted part (with \\" inside) staying in its word. */
    private static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                w.append(c).append(s.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                w.append(c);
            } else if (!quoted && (c == ' ' || c == '\t')) {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    boolean sameKey(KeyLine other) {
        return type.equals(other.type) && blob.equals(other.blob);
    }

    String render() {
        return (options.isEmpty() ? "" : options + " ") + type + " " + blob + (comment.isEmpty() ? "" : " " + comment);
    }
}
