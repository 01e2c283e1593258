package dev.converge.modules.pkg;

import dev.converge.spi.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The package managers {@code package} drives, with the argument lists of their mutations (never a
 * shell string): apt/dpkg (Debian, Ubuntu), dnf and yum/rpm (Fedora, RHEL 8+, RHEL 7), apk (Alpine). A host's
 * is its host fact {@code pkg_manager} ({@link #of} its word).
 */
enum PackageManager {
    APT("apt"),
    DNF("dnf"),
    YUM("yum"),
    APK("apk");

    /** apt never asks (no debconf prompt, kept config files) and waits for another apt instead of failing. */
    private static final List<String> APT_GET = List.of(
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "-q",
            "-y",
            "-o",
            "DPkg::Lock::Timeout=600",
            "-o",
            "Dpkg::Options::=--force-confdef",
            "-o",
            "Dpkg::Options::=--force-confold");

    private final String word;

    PackageManager(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Optional<PackageManager> of(String word) {
        for (PackageManager m : values()) {
            if (m.word.equals(word)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** A package spec as this manager spells a pin: apt/apk {@code name=version}, dnf/yum {@code name-version}. */
    String spec(PackageSpec p) {
        if (p.version().isEmpty()) {
            return p.name();
        }
        return this == DNF || this == YUM ? p.name() + "-" + p.version() : p.name() + "=" + p.version();
    }

    /** The install command; consecutive resources share one (the engine merges their names). */
    Operation.MergeableCommand install(List<String> specs) {
        return with(
                switch (this) {
                    case APT -> concat(APT_GET, "install");
                    case DNF, YUM -> List.of(word, "-y", "install");
                    case APK -> List.of("apk", "add", "--no-progress");
                },
                specs);
    }

    Operation.MergeableCommand upgrade(List<String> specs) {
        return with(
                switch (this) {
                    case APT -> concat(APT_GET, "install", "--only-upgrade");
                    case DNF, YUM -> List.of(word, "-y", "upgrade");
                    case APK -> List.of("apk", "add", "--no-progress", "--upgrade");
                },
                specs);
    }

    Operation.MergeableCommand remove(List<String> names) {
        return with(
                switch (this) {
                    case APT -> concat(APT_GET, "remove");
                    case DNF, YUM -> List.of(word, "-y", "remove");
                    case APK -> List.of("apk", "del", "--no-progress");
                },
                names);
    }

    /** Refreshes the index and records when (apt keeps no reliable time stamp of its own). */
    List<String> updateCache() {
        return switch (this) {
            case APT ->
                List.of(
                        "sh",
                        "-c",
                        "\"$@\" update && mkdir -p /var/lib/apt/periodic && touch " + PackageFacts.APT_STAMP,
                        "converge-package",
                        "env",
                        "DEBIAN_FRONTEND=noninteractive",
                        "apt-get",
                        "-q",
                        "-o",
                        "DPkg::Lock::Timeout=600");
            case DNF, YUM -> List.of(word, "-q", "makecache");
            case APK -> List.of("apk", "update", "--no-progress");
        };
    }

    private static List<String> concat(List<String> head, String... more) {
        List<String> out = new ArrayList<>(head);
        out.addAll(List.of(more));
        return out;
    }

    private Operation.MergeableCommand with(List<String> head, List<String> args) {
        List<String> out = new ArrayList<>(head);
        if (this != APK) {
            out.add("--"); // apk takes no "--"; validation already refuses names starting with "-"
        }
        return new Operation.MergeableCommand(out, args);
    }
}
