package dev.converge.cli;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inventory used when no {@code -i} is given, found as Ansible finds it: {@code ANSIBLE_INVENTORY}
 * (comma-separated, relative to the current directory), else {@code [defaults] inventory} of the first
 * {@code ansible.cfg} among {@code $ANSIBLE_CONFIG}, {@code ./ansible.cfg}, {@code ~/.ansible.cfg},
 * {@code /etc/ansible/ansible.cfg} (relative to that file's directory); else converge's own default,
 * {@code inventory/hosts.yml} when it exists. Empty when there is none.
 */
final class DefaultInventory {
    private DefaultInventory() {}

    static List<String> find(Map<String, String> env, Path cwd, Path home) {
        return locate(env, cwd, home).sources();
    }

    /** The default sources and what named them ({@code ANSIBLE_INVENTORY}, an ansible.cfg, or converge's default). */
    record Found(List<String> sources, String origin, SourceLocation at) {
        /** A problem per named file or directory that does not exist, said with where it was named. */
        void checkExists(Problems problems) {
            for (String s : sources) {
                if (!s.contains(",") && !Files.exists(Path.of(s))) {
                    problems.add(
                            at,
                            "inventory '" + s + "' named by " + origin + " does not exist",
                            "create it (the lab's inventory/lab.yml is written by lab/up --libvirt), pass another with -i, or change "
                                    + origin);
                }
            }
        }
    }

    static Found locate(Map<String, String> env, Path cwd, Path home) {
        String fromEnv = env.get("ANSIBLE_INVENTORY");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Found(
                    paths(fromEnv, cwd), "ANSIBLE_INVENTORY", SourceLocation.of(Path.of("<ANSIBLE_INVENTORY>")));
        }
        for (Path cfg : configCandidates(env, cwd, home)) {
            if (Files.isRegularFile(cfg)) {
                Optional<String> value = inventoryOf(cfg);
                if (value.isPresent()) {
                    return new Found(
                            paths(value.get(), cfg.toAbsolutePath().getParent()),
                            display(cfg) + " ([defaults] inventory)",
                            new SourceLocation(Path.of(display(cfg)), lineOf(cfg), 1));
                }
                break;
            }
        }
        return new Found(fallback(cwd), "inventory/hosts.yml", SourceLocation.of(Path.of("inventory/hosts.yml")));
    }

    private static List<String> fallback(Path cwd) {
        Path own = cwd.resolve("inventory").resolve("hosts.yml");
        return Files.isRegularFile(own) ? List.of(cwd.relativize(own).toString()) : List.of();
    }

    private static List<Path> configCandidates(Map<String, String> env, Path cwd, Path home) {
        List<Path> out = new ArrayList<>();
        String explicit = env.get("ANSIBLE_CONFIG");
        if (explicit != null && !explicit.isBlank()) {
            Path p = cwd.resolve(explicit);
            out.add(Files.isDirectory(p) ? p.resolve("ansible.cfg") : p);
        }
        out.add(cwd.resolve("ansible.cfg"));
        out.add(home.resolve(".ansible.cfg"));
        out.add(Path.of("/etc/ansible/ansible.cfg"));
        return out;
    }

    /** {@code [defaults] inventory} of an ansible.cfg (INI: {@code key = value} or {@code key: value}, {@code #}/{@code ;} comments). */
    static Optional<String> inventoryOf(Path cfg) {
        List<String> lines;
        try {
            lines = Files.readAllLines(cfg, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        String section = "";
        String found = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int sep = indexOfSeparator(line);
            if (section.equals("defaults")
                    && sep > 0
                    && line.substring(0, sep).strip().equals("inventory")) {
                found = line.substring(sep + 1).replaceFirst("\\s+[#;].*$", "").strip();
            }
        }
        return Optional.ofNullable(found).filter(v -> !v.isEmpty());
    }

    /** The line of {@code inventory} in an ansible.cfg (1 when it cannot be told). */
    private static int lineOf(Path cfg) {
        try {
            List<String> lines = Files.readAllLines(cfg, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).strip().matches("inventory\\s*[=:].*")) {
                    return i + 1;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // reported as line 1
        }
        return 1;
    }

    private static int indexOfSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static List<String> paths(String value, Path base) {
        return Arrays.stream(value.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s)
                .map(s -> Path.of(s).isAbsolute() ? s : display(base.resolve(s)))
                .toList();
    }

    private static String display(Path p) {
        Path cwd = Path.of("").toAbsolutePath();
        Path n = p.toAbsolutePath().normalize();
        return n.startsWith(cwd) && !n.equals(cwd) ? cwd.relativize(n).toString() : n.toString();
    }
}
