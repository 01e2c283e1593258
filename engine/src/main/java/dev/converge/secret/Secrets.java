package dev.converge.secret;

import dev.converge.spi.SecretPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The run's secret values, and the one function that hides them: every string that reaches a
 * reporter, an exception message or a log goes through {@link #mask} (free text) or
 * {@link #maskContent} (file content and diffs).
 *
 * <p>What is secret is decided by {@link SecretPolicy} (names and shapes) and by the values
 * collected for the run ({@link SecretCollector}: declared, secret-looking, vault, derived by
 * templates). The rules, in order:
 * <ol>
 *   <li>each secret value is replaced wherever it appears, and so is each line of a multi-line
 *       one (a private key), because a diff shows a value line by line;</li>
 *   <li>in content, the value of a {@code key = value} / {@code key: value} line whose key is
 *       secret-looking is hidden, and the password of any URL, so credentials that were already in
 *       a file (and so are not among the run's values) do not leak, on context lines too;</li>
 *   <li>in content, everything between {@code -----BEGIN ... PRIVATE KEY-----} and its
 *       {@code -----END} line is hidden;</li>
 *   <li>a diff in which a changed line is wholly a secret (a file whose content is a secret) is
 *       hidden whole: its {@code -} lines hold the secret it replaces.</li>
 * </ol>
 */
public final class Secrets {
    public static final String MASK = SecretPolicy.MASK;
    /** Shorter values are not masked: "1" or "yes" would blank out unrelated text. */
    public static final int MIN_LENGTH = 4;

    private static final Secrets NONE = new Secrets(List.of(), Set.of());

    private final List<String> values;
    private final Set<String> wholeLines;

    private Secrets(List<String> values, Set<String> wholeLines) {
        this.values = values;
        this.wholeLines = wholeLines;
    }

    /** The values to hide (and each of their lines); short and blank ones are dropped, longest first so overlaps mask whole. */
    public static Secrets of(Collection<String> values) {
        Set<String> kept = new LinkedHashSet<>();
        Set<String> lines = new LinkedHashSet<>();
        for (String v : values) {
            if (v == null) {
                continue;
            }
            if (v.strip().length() >= MIN_LENGTH) {
                kept.add(v);
                lines.add(v.strip());
            }
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                for (String line : v.split("\r?\n|\r")) {
                    if (line.strip().length() >= MIN_LENGTH) {
                        kept.add(line.strip());
                        lines.add(line.strip());
                    }
                }
            }
        }
        List<String> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        return new Secrets(List.copyOf(sorted), Set.copyOf(lines));
    }

    public static Secrets none() {
        return NONE;
    }

    /** Whether a variable or parameter key names a secret: {@link SecretPolicy#isSecretKey}. */
    public static boolean isSecretKey(String key) {
        return SecretPolicy.isSecretKey(key);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public int size() {
        return values.size();
    }

    /** Whether any secret value appears in {@code text}. */
    public boolean appearsIn(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (String value : values) {
            if (text.contains(value)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret value, and every URL password, replaced by {@value #MASK}. */
    public String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : values) {
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return SecretPolicy.maskUrlCredentials(out);
    }

    /** File content or a unified diff: {@link #mask} plus the content rules (see the class comment). */
    public String maskContent(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return ContentMask.mask(text, this);
    }

    /** Whether this line, without its diff prefix, is wholly one of the secret values (or one of their lines). */
    boolean isWholeSecretLine(String content) {
        String stripped = content.strip();
        return stripped.length() >= MIN_LENGTH && wholeLines.contains(stripped);
    }

    /** A field change's value: hidden when the field's name is secret-looking, else masked as content. */
    public String maskField(String name, String value) {
        String key = name == null ? "" : name.replaceFirst("^\\[[^]]*]\\s*", "");
        if (value == null || value.isEmpty()) {
            return value;
        }
        String shown = SecretPolicy.shown(key, value);
        return shown.equals(MASK) ? MASK : maskContent(shown);
    }
}
