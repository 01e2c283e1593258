package dev.converge.spi;

/** Permission modes as four octal digits. */
public final class Modes {
    private Modes() {}

    /** True for 3 or 4 octal digits ({@code 644}, {@code 0644}, {@code 4755}). */
    public static boolean valid(String mode) {
        return mode != null && mode.matches("[0-7]{3,4}");
    }

    /** {@code 644} → {@code 0644}; empty stays empty. */
    public static String normalize(String mode) {
        if (mode == null || mode.isEmpty()) {
            return "";
        }
        return mode.length() == 3 ? "0" + mode : mode;
    }
}
