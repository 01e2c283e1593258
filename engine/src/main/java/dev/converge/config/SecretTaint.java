package dev.converge.config;

import dev.converge.spi.SecretPolicy;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Taint tracking for templates: a string rendered from an expression that read a secret is a
 * secret too, whatever built-ins transformed it on the way ({@code ?url}, {@code ?upper_case},
 * {@code ?replace}, string concatenation, macros).
 *
 * <p>How: Freemarker reads every variable through {@link TaintingWrapper}; reading a secret (a
 * variable whose name is declared in {@code secrets:} or secret-looking, or a value known to be
 * secret, such as one decrypted from a vault) raises the current thread's flag.
 * {@link TaintWriter}, the writer of every rendering, sees each {@code ${...}} as it is written:
 * when the flag is up, the text written is recorded as a derived secret and the flag is lowered. A lone {@code ${expr}} (a typed value) records its result when the flag is up. So
 * {@code mysql://nova:${db_pass?url('UTF-8')}@db/nova} records the encoded password alone, and the
 * masking hides it wherever it appears. Variables assigned inside a template ({@code <#assign>})
 * from a secret are recorded too, at the end of the rendering.
 */
public final class SecretTaint {
    /** [0]: a secret was read since the last interpolation; [1]: since the rendering started. */
    private static final ThreadLocal<boolean[]> FLAG = ThreadLocal.withInitial(() -> new boolean[2]);

    private final Predicate<String> secretName;
    private final Set<String> knownValues;
    private final Set<String> derived = ConcurrentHashMap.newKeySet();

    /**
     * @param declared variable names marked secret by the playbook
     * @param knownValues values secret by origin (vault), whatever their name
     */
    public SecretTaint(Collection<String> declared, Collection<String> knownValues) {
        Set<String> names = Set.copyOf(declared);
        this.secretName = name -> names.contains(name) || SecretPolicy.hidesWholeValue(name, "x");
        this.knownValues = Set.copyOf(knownValues);
    }

    /** No secrets known: nothing is ever tainted. */
    public static SecretTaint none() {
        return new SecretTaint(List.of(), List.of());
    }

    /** Records {@code text} (a secret file's content) as secret: every output masks it. */
    public void recordSecret(String text) {
        if (text != null && !text.isBlank()) {
            derived.add(text);
        }
    }

    /** Every string rendered so far from a secret. */
    public Set<String> derived() {
        return Set.copyOf(derived);
    }

    boolean isSecretName(String name) {
        return secretName.test(name);
    }

    boolean isKnownValue(Object value) {
        return value instanceof String s && knownValues.contains(s);
    }

    private static final ThreadLocal<SecretTaint> ACTIVE = new ThreadLocal<>();

    /** Makes {@code taint} this thread's policy and sink for the renderings until {@link #deactivate}; starts with no secret read. */
    static void activate(SecretTaint taint) {
        ACTIVE.set(taint);
        reset();
    }

    static void deactivate() {
        ACTIVE.remove();
    }

    /** This thread's active taint, or null outside a rendering. */
    static SecretTaint active() {
        return ACTIVE.get();
    }

    /** A secret was read on this thread. */
    static void raise() {
        boolean[] flag = FLAG.get();
        flag[0] = true;
        flag[1] = true;
    }

    /** Starts a rendering: no secret read yet. */
    static void reset() {
        boolean[] flag = FLAG.get();
        flag[0] = false;
        flag[1] = false;
    }

    /** Whether any secret was read since the rendering started. */
    static boolean readAny() {
        return FLAG.get()[1];
    }

    /** Whether a secret was read since the last {@link #reset} or {@link #take}, and lowers the flag. */
    static boolean take() {
        boolean[] flag = FLAG.get();
        boolean was = flag[0];
        flag[0] = false;
        return was;
    }

    /** Records a rendered value (a string, or the strings inside a list or map) as a derived secret. */
    void record(Object value) {
        if (value instanceof String s) {
            if (!SecretPolicy.isHarmless(s)) {
                derived.add(s);
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(this::record);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(this::record);
        } else if (value instanceof Number n) {
            derived.add(String.valueOf(n));
        }
    }
}
