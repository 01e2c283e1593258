package dev.converge.inventory;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code group_vars/} and {@code host_vars/} beside an inventory source, found as Ansible's
 * {@code host_group_vars} plugin finds them: {@code NAME}, {@code NAME.yml}, {@code NAME.yaml} or
 * {@code NAME.json} (the first that exists); a folder {@code NAME/} is read whole, sub-folders
 * included, in name order, skipping hidden files, backups ({@code ~}) and other extensions. An empty
 * or comment-only file sets nothing. Files are read by {@link AnsibleYaml}.
 */
final class VarsFiles {
    private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");
    private final RunInputs inputs;
    private final Problems problems;
    private final Map<Path, Map<String, Var>> cache = new HashMap<>();

    VarsFiles(RunInputs inputs, Problems problems) {
        this.inputs = inputs;
        this.problems = problems;
    }

    /** The variables of {@code name} from {@code base/subdir}, later files overriding earlier ones. */
    Map<String, Var> vars(Path base, String subdir, String name) {
        Map<String, Var> out = new LinkedHashMap<>();
        Path dir = base.resolve(subdir);
        if (name.startsWith("/") || !Files.isDirectory(dir)) {
            return out;
        }
        for (Path file : find(dir, name)) {
            out.putAll(cache.computeIfAbsent(file, this::read));
        }
        return out;
    }

    private List<Path> find(Path dir, String name) {
        for (String ext : Stream.concat(Stream.of(""), EXTENSIONS.stream()).toList()) {
            Path candidate = dir.resolve(name + ext);
            if (Files.isDirectory(candidate)) {
                return folder(candidate);
            }
            if (Files.exists(candidate)) {
                return List.of(candidate);
            }
        }
        return List.of();
    }

    private List<Path> folder(Path dir) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".") || n.endsWith("~")) {
                    continue;
                }
                String ext = extension(n);
                if (Files.isDirectory(p) && ext.isEmpty()) {
                    found.addAll(folder(p));
                } else if (Files.isRegularFile(p) && (ext.isEmpty() || EXTENSIONS.contains(ext))) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            problems.add(SourceLocation.of(dir), "cannot read folder: " + e.getMessage(), "check permissions");
        }
        return found;
    }

    /** Python's {@code os.path.splitext(name)[1]}. */
    static String extension(String name) {
        String stripped = name.replaceFirst("^\\.+", "");
        int dot = stripped.lastIndexOf('.');
        return dot < 0 ? "" : stripped.substring(dot);
    }

    private Map<String, Var> read(Path file) {
        Map<String, Var> out = new LinkedHashMap<>();
        AnsibleYaml.read(file, inputs, problems).ifPresent(root -> {
            if (root instanceof YamlValue.Scalar s && (s.value() == null || "".equals(s.value()))) {
                return;
            }
            if (!(root instanceof YamlValue.Mapping map)) {
                problems.add(
                        root.at(),
                        "a variables file must be a map of names to values, not " + root.kind(),
                        "write `name: value` lines");
                return;
            }
            map.entries()
                    .forEach((k, e) ->
                            out.put(k, new Var(e.value().plain(), e.value().at())));
        });
        return out;
    }
}
