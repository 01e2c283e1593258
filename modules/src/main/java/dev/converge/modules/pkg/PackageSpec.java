package dev.converge.modules.pkg;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code name:}: a package name, an optional architecture qualifier ({@code :amd64},
 * apt only) and an optional pinned version ({@code =VERSION}).
 */
record PackageSpec(String name, String version) {
    private static final Pattern SPEC =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9+._-]*(?::[a-z0-9_-]+)?)(?:=([A-Za-z0-9.+~:_-]+))?");

    static Optional<PackageSpec> parse(String text) {
        Matcher m = text == null ? null : SPEC.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PackageSpec(m.group(1), m.group(2) == null ? "" : m.group(2)));
    }

    /** The name without an architecture qualifier: what dpkg-query prints as the package. */
    String bareName() {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    boolean pinned() {
        return !version.isEmpty();
    }

    /** Whether an installed version satisfies the pin: equal, or (rpm) the pin is its version without the release. */
    boolean satisfiedBy(String installed) {
        return !pinned()
                || installed.equals(version)
                || installed.startsWith(version + "-")
                || installed.equals("0:" + version);
    }
}
