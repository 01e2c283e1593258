package dev.converge.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule of what is secret by its name or its shape, shared by the engine's masking and
 * the modules' report fields (a module shows a field through {@link #shown}).
 *
 * <ul>
 *   <li>A key is secret-looking when it names a password ({@code password}, {@code passwd},
 *       {@code *_pass}, {@code pass_*}), a {@code secret}, a {@code token}, a {@code credential},
 *       a {@code private} item, a key ({@code key}, {@code *_key}, {@code *-key}), or a setting
 *       that usually embeds credentials ({@code connection}, {@code transport_url}); but not a key
 *       that says where a secret is kept ({@code *_file}, {@code *_path}, {@code *_dir}).</li>
 *   <li>A secret-looking key's value is hidden unless it is a boolean ({@code inject_password =
 *       False}) or empty; when it is a URL, only the password inside it is hidden, so
 *       {@code rabbit://openstack:********@ctl} still says where it points.</li>
 *   <li>Whatever the key, the password of a URL ({@code scheme://user:PASS@host}) is hidden.</li>
 * </ul>
 */
public final class SecretPolicy {
    /** What a hidden value looks like. */
    public static final String MASK = "********";

    private static final Pattern SECRET_KEY = Pattern.compile(
            "password|passwd|passphrase|(^|[_.\\-])pass($|[_.\\-])|secret|token|credential|private|(^|[_.\\-])key$|connection|transport_url");
    /** {@code scheme://user:PASSWORD@}: group 1 is everything before the password, group 2 the password. */
    /**
     * The user:password of a URL, after {@code scheme://} or, in a list of hosts
     * ({@code rabbit://u:p@h1,u:p@h2}), after a comma: group 1 is kept, the password up to the
     * next {@code @} is hidden.
     */
    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("((?:[A-Za-z][A-Za-z0-9+.\\-]*://|,)[^\\s:/@,]*:)[^\\s@/]+?(?=@)");
    /** Keys secret only for the credentials of the URL they hold: {@code connection = sqlite:///x} or {@code ansible_connection = local} hide nothing. */
    private static final Pattern URL_KEY = Pattern.compile("connection|transport_url");

    private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "on", "off", "none", "null");

    private SecretPolicy() {}

    /** Keys that say where a secret is kept, not what it is: {@code ansible_ssh_private_key_file}, {@code token_path}. */
    private static final Pattern LOCATION_KEY = Pattern.compile("[_.\\-](file|files|path|dir)$");

    /** Whether values of this key are secrets (passwords, tokens, keys, URLs that embed credentials). */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY.matcher(k).find() && !LOCATION_KEY.matcher(k).find();
    }

    /**
     * Whether the whole of {@code value} is hidden when it is the value of {@code key}: the key is
     * secret-looking, the value is not {@link #isHarmless harmless}, not a URL (whose password alone
     * is hidden), and the key is not one that is secret only for the URL it holds
     * ({@code connection}, {@code transport_url}).
     */
    public static boolean hidesWholeValue(String key, String value) {
        return isSecretKey(key)
                && !URL_KEY.matcher(key.toLowerCase(Locale.ROOT)).find()
                && !isHarmless(value)
                && !isUrl(value);
    }

    /** Whether {@code value} under a secret-looking key holds nothing secret: empty, a boolean, or already masked. */
    public static boolean isHarmless(String value) {
        String v = value == null ? "" : value.strip();
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() || BOOLEANS.contains(v.toLowerCase(Locale.ROOT)) || v.equals(MASK);
    }

    /** {@code text} with the password of every {@code scheme://user:PASS@host} in it masked. */
    public static String maskUrlCredentials(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        return URL_CREDENTIALS.matcher(text).replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
    }

    /** The passwords inside the URLs of {@code text} ({@code scheme://user:PASS@host}), as written. */
    public static List<String> urlPasswords(String text) {
        if (text == null || !text.contains("://")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Matcher m = URL_CREDENTIALS.matcher(text);
        while (m.find()) {
            out.add(m.group().substring(m.group(1).length()));
        }
        return out;
    }

    /** Whether the value is a URL ({@code scheme://...}). */
    public static boolean isUrl(String value) {
        return value != null && value.strip().matches("[A-Za-z][A-Za-z0-9+.\\-]*://\\S*");
    }

    /**
     * The value to show for a setting named {@code key}: a secret-looking key's value is masked
     * (only its password when it is a URL; not at all when it is a boolean); any URL's password is
     * masked; empty stays empty.
     */
    public static String shown(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        if (hidesWholeValue(key, value)) {
            return MASK;
        }
        return maskUrlCredentials(value);
    }
}
