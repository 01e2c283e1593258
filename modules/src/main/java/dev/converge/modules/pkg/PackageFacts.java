package dev.converge.modules.pkg;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.PlanFailure;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What {@code package} reads, in the host's one gather: the {@link #cache} fact (the same command
 * for every package resource of a host, so it is read once and a refresh predicted by one resource
 * is seen by the next) and, per resource, the {@link #state} of its packages. Both are read-only:
 * dpkg-query and apt-cache policy (or rpm and repoquery -C, or apk list) read local files only.
 * The manager is the host fact {@code pkg_manager} (one definition: the gather's {@code cf_host}):
 * each fact has one variant per manager, and the gather runs only the host's one
 * ({@link Fact.CommandRun#onlyWhere}); no probe detects the manager again.
 */
final class PackageFacts {
    /** Touched by converge after each successful {@code apt-get update} (Ansible reads the same stamp). */
    static final String APT_STAMP = "/var/lib/apt/periodic/update-success-stamp";

    /** Prints {@code manager WORD} ({@code $1}), {@code now SECONDS} and {@code stamp SECONDS|none} (the time of {@code $2}: the index's last refresh). */
    static final String CACHE_SCRIPT = """
            echo "manager $1"
            echo "now $(date +%s)"
            if [ -e "$2" ]; then echo "stamp $(date -r "$2" +%s)"; else echo "stamp none"; fi
            """;

    /** The index's age on a host whose {@code pkg_manager} is {@code manager}. */
    static Fact.CommandRun cache(PackageManager manager) {
        String stamp = switch (manager) {
            case APT -> APT_STAMP;
            case DNF -> "/var/cache/dnf/last_makecache";
            case YUM -> "/var/cache/yum";
            case APK -> "/var/cache/apk";
        };
        return new Fact.CommandRun(List.of("sh", "-c", CACHE_SCRIPT, "converge-package-cache", manager.word(), stamp))
                .onlyWhere("pkg_manager", manager.word());
    }

    /**
     * Prints one {@code pkg NAME WANT STATUS VERSION} line (tab-separated) per known package and one
     * {@code cand NAME VERSION} line per package the index offers; the manager is {@code $1}, the names {@code $2...}.
     */
    static final String STATE_SCRIPT = """
            t=$(printf '\\t')
            m=$1; shift
            case $m in
            apt)
              dpkg-query -W -f='pkg\\t${Package}\\t${db:Status-Want}\\t${db:Status-Status}\\t${Version}\\n' -- "$@" 2>/dev/null
              apt-cache policy -- "$@" 2>/dev/null | awk '/^[^ ].*:$/ { n = substr($0, 1, length($0) - 1) }
                /^  Candidate:/ && $2 != "(none)" { printf "cand\\t%s\\t%s\\n", n, $2 }' ;;
            dnf|yum)
              rpm -q --qf 'pkg\\t%{NAME}\\tinstall\\tinstalled\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n' -- "$@" 2>/dev/null | grep "^pkg$t"
              if [ "$m" = dnf ]; then q="dnf -q -C repoquery"; else q=repoquery; fi
              $q --latest-limit 1 --qf 'cand\\t%{name}\\t%{evr}' -- "$@" 2>/dev/null | grep "^cand$t" ;;
            apk)
              apk list -I -- "$@" 2>/dev/null | while read -r l; do printf 'apk-installed\\t%s\\n' "$l"; done
              apk list -- "$@" 2>/dev/null | while read -r l; do printf 'apk-available\\t%s\\n' "$l"; done ;;
            esac
            exit 0
            """;

    private PackageFacts() {}

    /** The state of the packages of {@code specs} on a host whose {@code pkg_manager} is {@code manager}. */
    static Fact.CommandRun state(PackageManager manager, List<PackageSpec> specs) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", STATE_SCRIPT, "converge-package", manager.word()));
        specs.stream().map(PackageSpec::name).distinct().forEach(argv::add);
        return new Fact.CommandRun(argv).onlyWhere("pkg_manager", manager.word());
    }

    /** Every variant of both facts: the gather runs the host's manager's. */
    static Set<Fact> all(List<PackageSpec> specs) {
        Set<Fact> facts = new HashSet<>();
        for (PackageManager m : PackageManager.values()) {
            facts.add(cache(m));
            facts.add(state(m, specs));
        }
        return facts;
    }

    /**
     * The package index: which manager, and how old (empty: never refreshed by a known tool).
     *
     * @param refreshedInRun an earlier resource of this run refreshes it (a prediction: the gathered
     *     candidates predate the refresh, so a package missing from them may well be there after it)
     */
    record Cache(String manager, long now, OptionalLong stamp, boolean refreshedInRun) {
        static Cache parse(CommandOutput out) {
            if (out.exitCode() != 0) {
                throw new PlanFailure("could not read the package manager of this host (exit " + out.exitCode() + ": "
                        + out.stderr().strip() + ")");
            }
            Map<String, String> words = new LinkedHashMap<>();
            out.stdout().lines().forEach(l -> {
                int sp = l.indexOf(' ');
                if (sp > 0) {
                    words.put(l.substring(0, sp), l.substring(sp + 1).strip());
                }
            });
            String stamp = words.getOrDefault("stamp", "none");
            try {
                return new Cache(
                        words.getOrDefault("manager", "none"),
                        Long.parseLong(words.getOrDefault("now", "0")),
                        stamp.equals("none") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(stamp)),
                        words.containsKey("refreshed-in-run"));
            } catch (NumberFormatException e) {
                throw new PlanFailure("unexpected output of the package cache probe: "
                        + out.stdout().strip());
            }
        }

        /** Whether the index is older than {@code validSeconds} (or was never refreshed). */
        boolean staleAfter(int validSeconds) {
            return stamp.isEmpty() || now - stamp.getAsLong() >= validSeconds;
        }

        /** What this probe prints once the index was just refreshed (with a word only the prediction has). */
        CommandOutput refreshed() {
            return new CommandOutput(
                    0, "manager " + manager + "\nnow " + now + "\nstamp " + now + "\nrefreshed-in-run yes\n", "");
        }
    }

    /** A package as the host has it: installed (with version), held, and what the index offers. */
    record Installed(String name, boolean installed, boolean held, String version, String candidate) {}

    /** The state of each named package (absent ones included), in the order of {@code names}. */
    static Map<String, Installed> parseState(CommandOutput out, List<String> names) {
        Map<String, String[]> pkgs = new LinkedHashMap<>();
        Map<String, String> cands = new LinkedHashMap<>();
        List<String> apkInstalled = new ArrayList<>();
        List<String> apkAvailable = new ArrayList<>();
        for (String line : out.stdout().split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "pkg" -> {
                    if (f.length >= 5) {
                        pkgs.put(f[1], f);
                    }
                }
                case "cand" -> {
                    if (f.length >= 3 && !f[2].isEmpty()) {
                        cands.put(f[1], f[2]);
                    }
                }
                case "apk-installed" -> apkInstalled.add(f[1]);
                case "apk-available" -> apkAvailable.add(f[1]);
                default -> {}
            }
        }
        Map<String, Installed> result = new LinkedHashMap<>();
        for (String name : names) {
            String bare = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            String[] p = pkgs.get(bare);
            String apkVersion = apkVersion(apkInstalled, bare);
            String candidate = cands.getOrDefault(bare, apkVersion(apkAvailable, bare));
            if (p != null) {
                boolean installed = p[3].equals("installed");
                result.put(name, new Installed(bare, installed, p[2].equals("hold"), installed ? p[4] : "", candidate));
            } else if (!apkVersion.isEmpty()) {
                result.put(name, new Installed(bare, true, false, apkVersion, candidate));
            } else {
                result.put(name, new Installed(bare, false, false, "", candidate));
            }
        }
        return result;
    }

    /** From {@code apk list} lines ({@code NAME-VERSION-rN ARCH {ORIGIN} (LICENSE) [...]}), the version of {@code name}. */
    private static String apkVersion(List<String> lines, String name) {
        String found = "";
        for (String line : lines) {
            String first = line.split(" ", 2)[0];
            if (first.startsWith(name + "-")
                    && first.length() > name.length() + 1
                    && Character.isDigit(first.charAt(name.length() + 1))) {
                found = first.substring(name.length() + 1);
            }
        }
        return found;
    }

    /** What the state probe prints for the given packages (the inverse of {@link #parseState}), for predictions. */
    static CommandOutput print(Iterable<Installed> packages) {
        StringBuilder out = new StringBuilder();
        for (Installed p : packages) {
            if (p.installed()) {
                out.append("pkg\t")
                        .append(p.name())
                        .append('\t')
                        .append(p.held() ? "hold" : "install")
                        .append("\tinstalled\t")
                        .append(p.version())
                        .append('\n');
            }
            if (!p.candidate().isEmpty()) {
                out.append("cand\t")
                        .append(p.name())
                        .append('\t')
                        .append(p.candidate())
                        .append('\n');
            }
        }
        return new CommandOutput(0, out.toString(), "");
    }
}
