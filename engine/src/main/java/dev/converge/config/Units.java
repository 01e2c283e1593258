package dev.converge.config;

import dev.converge.model.YamlValue;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.model.Scope;
import dev.converge.model.Var;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reusable parts of a playbook: {@code vars_files:}, {@code include:} of a file of resources
 * with variables, and roles ({@code roles/NAME/{resources,handlers,defaults,vars,templates}/}).
 * Resources of an include or a role get qualified ids ({@code NAME.id}); {@code after:} and
 * {@code notify:} inside it name its own resources unqualified, everything else by qualified id.
 */
final class Units {
    private static final Set<String> INCLUDE_KEYS = Set.of("include", "id", "name", "vars");
    private static final Set<String> ROLE_KEYS = Set.of("role", "name", "vars");
    private final PlaybookLoader loader;
    private final Set<Path> including = new LinkedHashSet<>();

    Units(PlaybookLoader loader) {
        this.loader = loader;
    }

    /**
     * Where resources are read: the prefix their ids get, the ids written in the same unit (which
     * {@code after:}/{@code notify:} name unqualified), and the variables it brings.
     */
    record Unit(Path file, String prefix, Set<String> local, Scope scope) {
        static Unit play(Path file) {
            return new Unit(file, "", Set.of(), Scope.NONE);
        }

        String qualify(String id) {
            return prefix + id;
        }

        List<Ref> refs(List<Ref> refs) {
            return refs.stream().map(r -> {
                String id = r.id().matches("[A-Za-z0-9_.-]+") ? r.id() : AnsibleKeywords.idFromName(r.id());
                return new Ref(local.contains(id) ? prefix + id : id, r.at());
            }).toList();
        }
    }

    /** {@code name} relative to the folder of {@code file}. */
    static Path sibling(Path file, String name) {
        Path dir = file.toAbsolutePath().getParent();
        return dir == null ? Path.of(name) : dir.resolve(name);
    }

    /** The variables of the play's {@code vars_files:}, later files winning. */
    Map<String, Var> varsFiles(Path file, YamlValue value) {
        Map<String, Var> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        for (Ref ref : Fields.refs(value, loader.problems)) {
            out.putAll(varsFile(sibling(file, ref.id()), ref.at(), true));
        }
        return out;
    }

    private Map<String, Var> varsFile(Path path, SourceLocation at, boolean required) {
        if (!Files.isRegularFile(path)) {
            if (required) {
                loader.problems.add(at, "vars file " + path + " not found", "paths are relative to the folder of the file that names them");
            }
            return Map.of();
        }
        YamlValue root = YamlReader.read(path, loader.problems).orElse(null);
        return root == null ? Map.of() : Fields.vars(root, loader.problems);
    }

    /** The resources of {@code - include: FILE} (with {@code vars:} and an {@code id:} prefix), read in {@code outer}. */
    List<ResourceSpec> include(YamlValue.Mapping item, boolean handler, Unit outer) {
        loader.checkKeys(item, INCLUDE_KEYS, "include", "an include has include: FILE, and optionally id: (its ids' prefix) and vars:");
        String name = Fields.string(item, "include", loader.problems).orElse(null);
        if (name == null) {
            return List.of();
        }
        Path path = sibling(outer.file(), name);
        Path real = path.toAbsolutePath().normalize();
        if (!including.add(real)) {
            loader.problems.add(item.keyAt("include"), "include: " + name + " includes itself", "remove the include that closes the cycle");
            return List.of();
        }
        try {
            String stem = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            String prefix = outer.prefix() + Fields.string(item, "id", loader.problems).orElse(stem) + ".";
            Map<String, Var> vars = new LinkedHashMap<>(outer.scope().vars());
            vars.putAll(Fields.vars(item.get("vars"), loader.problems));
            if (!Files.isRegularFile(path)) {
                loader.problems.add(item.keyAt("include"), "included file " + path + " not found", "paths are relative to the folder of the file that includes them");
                return List.of();
            }
            YamlValue root = YamlReader.read(path, loader.problems).orElse(null);
            Unit unit = new Unit(path, prefix, localIds(root), new Scope(outer.scope().defaults(), vars));
            return loader.resources(root, handler, unit);
        } finally {
            including.remove(real);
        }
    }

    /** Adds the resources and handlers of the play's {@code roles:}, in order. */
    void roles(Path file, YamlValue value, List<ResourceSpec> resources, List<ResourceSpec> handlers) {
        if (value == null) {
            return;
        }
        List<YamlValue> items = value instanceof YamlValue.Sequence seq ? seq.items() : List.of(value);
        for (YamlValue item : items) {
            String name;
            Map<String, Var> params = Map.of();
            SourceLocation at = item.at();
            if (item instanceof YamlValue.Mapping map) {
                loader.checkKeys(map, ROLE_KEYS, "role", "a role is `- NAME` or `- role: NAME` with vars:");
                name = Fields.string(map, "role", loader.problems).or(() -> Fields.string(map, "name", loader.problems)).orElse(null);
                params = Fields.vars(map.get("vars"), loader.problems);
            } else if (item instanceof YamlValue.Scalar s && s.value() != null) {
                name = s.text();
            } else {
                loader.problems.add(at, "a role is a name or a map, not " + item.kind(), "write `- NAME` or `- role: NAME`");
                continue;
            }
            if (name != null) {
                role(file, name, params, at, resources, handlers);
            }
        }
    }

    private void role(Path file, String name, Map<String, Var> params, SourceLocation at, List<ResourceSpec> resources, List<ResourceSpec> handlers) {
        Path dir = sibling(file, "roles").resolve(name);
        if (!Files.isDirectory(dir)) {
            loader.problems.add(at, "role '" + name + "' not found: no folder " + dir, "create roles/" + name
                    + "/resources/main.yml beside the playbook");
            return;
        }
        Map<String, Var> defaults = main(dir.resolve("defaults"), at);
        Map<String, Var> vars = new LinkedHashMap<>(main(dir.resolve("vars"), at));
        vars.putAll(params);
        if (Files.isDirectory(dir.resolve("templates"))) {
            loader.templateDirs.add(dir.resolve("templates"));
        }
        Scope scope = new Scope(defaults, vars);
        Optional<Path> resourceFile = mainFile(dir.resolve("resources"));
        Optional<Path> handlerFile = mainFile(dir.resolve("handlers"));
        if (resourceFile.isEmpty() && handlerFile.isEmpty()) {
            loader.problems.add(at, "role '" + name + "' has neither resources/main.yml nor handlers/main.yml", "write its resources in " + dir.resolve("resources/main.yml"));
            return;
        }
        YamlValue resourceList = resourceFile.flatMap(p -> YamlReader.read(p, loader.problems)).orElse(null);
        YamlValue handlerList = handlerFile.flatMap(p -> YamlReader.read(p, loader.problems)).orElse(null);
        Set<String> local = new LinkedHashSet<>(localIds(resourceList));
        local.addAll(localIds(handlerList));
        resourceFile.ifPresent(p -> resources.addAll(loader.resources(resourceList, false, new Unit(p, name + ".", local, scope))));
        handlerFile.ifPresent(p -> handlers.addAll(loader.resources(handlerList, true, new Unit(p, name + ".", local, scope))));
    }

    private Map<String, Var> main(Path dir, SourceLocation at) {
        return mainFile(dir).map(p -> varsFile(p, at, false)).orElse(Map.of());
    }

    private static Optional<Path> mainFile(Path dir) {
        for (String name : List.of("main.yml", "main.yaml")) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return Optional.of(dir.resolve(name));
            }
        }
        return Optional.empty();
    }

    /** The ids written directly in a list of resources (an include's own resources are qualified further). */
    private static Set<String> localIds(YamlValue list) {
        Set<String> out = new LinkedHashSet<>();
        if (list instanceof YamlValue.Sequence seq) {
            for (YamlValue item : seq.items()) {
                if (item instanceof YamlValue.Mapping map && !map.entries().containsKey("include")) {
                    PlaybookLoader.writtenId(map).ifPresent(out::add);
                }
            }
        }
        return out;
    }
}
