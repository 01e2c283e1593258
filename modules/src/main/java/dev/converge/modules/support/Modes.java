package dev.converge.modules.support;

import java.util.regex.Pattern;

/** Octal permission modes as the SPI spells them: four digits, e.g. {@code 0644}. */
public final class Modes {
    private static final Pattern OCTAL = Pattern.compile("[0-7]{3,4}|0[0-7]{4}");

    private Modes() {}

    /** Whether {@code mode} is an octal mode of 3 or 4 digits (or 5 with a leading 0). */
    public static boolean valid(String mode) {
        return mode != null && OCTAL.matcher(mode).matches();
    }

    /** {@code 644} becomes {@code 0644}; four digits stay as they are. */
    public static String normalize(String mode) {
        String digits = mode.length() == 5 ? mode.substring(1) : mode;
        return digits.length() == 3 ? "0" + digits : digits;
    }
}
