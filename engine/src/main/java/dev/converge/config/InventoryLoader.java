package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Inventory;
import dev.converge.model.Var;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads an inventory in Ansible's YAML or INI format, plus the {@code group_vars/} and
 * {@code host_vars/} folders beside it. Every problem is collected; nothing is thrown.
 */
public final class InventoryLoader {
    private InventoryLoader() {}

    public static Inventory load(Path file, Problems problems) {
        InventoryBuilder builder = new InventoryBuilder(file);
        if (!Files.isRegularFile(file)) {
            problems.add(SourceLocation.of(file), "inventory file not found",
                    "pass one with -i FILE, or create inventory/hosts.yml");
            return builder.build();
        }
        if (isYaml(file)) {
            YamlReader.read(file, problems).ifPresent(root -> new YamlInventory(builder, problems).read(root));
        } else {
            readText(file, problems).ifPresent(text -> new IniInventory(builder, file, problems).read(text));
        }
        for (String cycle : builder.childCycles()) {
            problems.add(SourceLocation.of(file), "inventory groups contain each other: " + cycle, "remove one of the children: entries");
        }
        readVarsFolder(file.toAbsolutePath().getParent().resolve("group_vars"), builder, true, problems);
        readVarsFolder(file.toAbsolutePath().getParent().resolve("host_vars"), builder, false, problems);
        return builder.build();
    }

    static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".json");
    }

    private static Optional<String> readText(Path file, Problems problems) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | java.io.UncheckedIOException e) {
            problems.add(SourceLocation.of(file), "cannot read inventory: " + e.getMessage(), "check permissions and encoding (UTF-8)");
            return Optional.empty();
        }
    }

    /** {@code group_vars/NAME.yml}, {@code group_vars/NAME/*.yml} (likewise host_vars). */
    private static void readVarsFolder(Path folder, InventoryBuilder builder, boolean groups, Problems problems) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.sorted().toList()) {
                String name = entry.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
                boolean known = groups ? builder.hasGroup(name) : builder.hasHost(name);
                if (!known) {
                    continue;
                }
                List<Path> files = Files.isDirectory(entry)
                        ? Files.list(entry).filter(InventoryLoader::isYaml).sorted().toList()
                        : isYaml(entry) ? List.of(entry) : List.of();
                for (Path varsFile : files) {
                    YamlReader.read(varsFile, problems).ifPresent(root -> applyVars(root, name, builder, groups, problems));
                }
            }
        } catch (IOException e) {
            problems.add(SourceLocation.of(folder), "cannot read folder: " + e.getMessage(), "check permissions");
        }
    }

    private static void applyVars(YamlValue root, String name, InventoryBuilder builder, boolean group, Problems problems) {
        if (!(root instanceof YamlValue.Mapping map)) {
            problems.add(root.at(), "a variables file must be a map of names to values, not " + root.kind(), "write `name: value` lines");
            return;
        }
        for (Map.Entry<String, YamlValue.Entry> e : map.entries().entrySet()) {
            Var var = new Var(e.getValue().value().plain(), e.getValue().value().at());
            if (group) {
                builder.groupVar(name, e.getKey(), var);
            } else {
                builder.hostVar(name, e.getKey(), var);
            }
        }
    }
}
