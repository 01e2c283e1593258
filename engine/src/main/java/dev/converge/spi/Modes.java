package dev.converge.spi;

/** Permission modes as four octal digits. */
public final class Modes {
    private Modes() {}

    /** True for 3 or 4 octal digits ({@code 644}, {@code 0644}, {@code 4755}), or 5 with a leading 0. */
    public static boolean valid(String mode) {
        return mode != null && mode.matches("[0-7]{3,4}|0[0-7]{4}");
    }

    /** {@code 644} → {@code 0644}, {@code 04755} → {@code 4755}; empty stays empty. */
    public static String normalize(String mode) {
        if (mode == null || mode.isEmpty()) {
            return "";
        }
        String digits = mode.length() == 5 ? mode.substring(1) : mode;
        return digits.length() == 3 ? "0" + digits : digits;
    }
}
