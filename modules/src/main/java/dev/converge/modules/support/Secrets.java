package dev.converge.modules.support;

import java.util.regex.Pattern;

/** Masks values of keys that look like they hold secrets, for report fields. */
public final class Secrets {
    /** What a masked value looks like in a report. */
    public static final String MASK = "********";

    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(pass|secret|token|credential|private|_key$|^key$|connection|transport_url).*");

    private Secrets() {}

    /** Whether values of this key are secrets (passwords, tokens, keys, URLs that embed credentials). */
    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** The value to show in a report for this key: masked when secret, empty stays empty. */
    public static String shown(String key, String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        return isSecretKey(key) ? MASK : value;
    }
}
