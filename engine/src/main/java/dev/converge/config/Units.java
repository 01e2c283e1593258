package dev.converge.config;

import dev.converge.diag.SourceLocation;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.model.Scope;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reusable parts of a playbook: {@code vars_files:}, {@code include:} of a file of resources
 * with variables, and roles ({@code roles/NAME/{resources,handlers,defaults,vars,templates,files,meta}/}).
 * Resources of an include or a role get qualified ids ({@code NAME.id}); {@code after:} and
 * {@code notify:} inside it name its own resources unqualified, everything else by qualified id.
 */
final class Units {
    private static final Set<String> INCLUDE_KEYS = Set.of("include", "id", "name", "vars");
    private static final Set<String> ROLE_KEYS = Set.of("role", "name", "vars");
    private static final Set<String> META_KEYS = Set.of("dependencies", "allow_duplicates", "galaxy_info");
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
            return refs.stream()
                    .map(r -> {
                        String id = r.id().matches("[A-Za-z0-9_.-]+") ? r.id() : AnsibleKeywords.idFromName(r.id());
                        return new Ref(local.contains(id) ? prefix + id : id, r.at());
                    })
                    .toList();
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
                loader.problems.add(
                        at,
                        "vars file " + path + " not found",
                        "paths are relative to the folder of the file that names them");
            }
            return Map.of();
        }
        YamlValue root = YamlReader.read(path, loader.inputs, loader.problems).orElse(null);
        return root == null ? Map.of() : Fields.vars(root, loader.problems);
    }

    /** The resources of {@code - include: FILE} (with {@code vars:} and an {@code id:} prefix), read in {@code outer}. */
    List<ResourceSpec> include(YamlValue.Mapping item, boolean handler, Unit outer) {
        loader.checkKeys(
                item,
                INCLUDE_KEYS,
                "include",
                "an include has include: FILE, and optionally id: (its ids' prefix) and vars:");
        String name = Fields.string(item, "include", loader.problems).orElse(null);
        if (name == null) {
            return List.of();
        }
        Path path = sibling(outer.file(), name);
        Path real = path.toAbsolutePath().normalize();
        if (!including.add(real)) {
            loader.problems.add(
                    item.keyAt("include"),
                    "include: " + name + " includes itself",
                    "remove the include that closes the cycle");
            return List.of();
        }
        try {
            String stem = path.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            String prefix =
                    outer.prefix() + Fields.string(item, "id", loader.problems).orElse(stem) + ".";
            Map<String, Var> vars = new LinkedHashMap<>(outer.scope().vars());
            vars.putAll(Fields.vars(item.get("vars"), loader.problems));
            if (!Files.isRegularFile(path)) {
                loader.problems.add(
                        item.keyAt("include"),
                        "included file " + path + " not found",
                        "paths are relative to the folder of the file that includes them");
                return List.of();
            }
            YamlValue root =
                    YamlReader.read(path, loader.inputs, loader.problems).orElse(null);
            Unit unit = new Unit(
                    path,
                    prefix,
                    localIds(root),
                    new Scope(outer.scope().defaults(), vars, outer.scope().roleDir()));
            return loader.resources(root, handler, unit);
        } finally {
            including.remove(real);
        }
    }

    /**
     * Adds the resources and handlers of the play's {@code roles:}, in order, each after the roles its
     * {@code meta/main.yml} names under {@code dependencies:}. As Ansible, a role runs once per play
     * with the same parameters (again with other parameters, or with {@code allow_duplicates: true});
     * a repeat's ids get the prefix {@code NAME-2.}, {@code NAME-3.}, ...
     */
    void roles(Path file, YamlValue value, List<ResourceSpec> resources, List<ResourceSpec> handlers) {
        if (value == null) {
            return;
        }
        new PlayRoles(resources, handlers).list(sibling(file, "roles"), value, new ArrayList<>());
    }

    /** The roles of one play: what already ran (by name and parameters), and where the resources go. */
    private final class PlayRoles {
        private final List<ResourceSpec> resources;
        private final List<ResourceSpec> handlers;
        private final Set<String> ran = new LinkedHashSet<>();
        private final Map<String, Integer> times = new LinkedHashMap<>();

        PlayRoles(List<ResourceSpec> resources, List<ResourceSpec> handlers) {
            this.resources = resources;
            this.handlers = handlers;
        }

        /** A list of roles ({@code roles:} or {@code dependencies:}); {@code chain}: the roles being expanded. */
        void list(Path rolesDir, YamlValue value, List<String> chain) {
            List<YamlValue> items = value instanceof YamlValue.Sequence seq ? seq.items() : List.of(value);
            for (YamlValue item : items) {
                String name;
                Map<String, Var> params = Map.of();
                SourceLocation at = item.at();
                if (item instanceof YamlValue.Mapping map) {
                    loader.checkKeys(map, ROLE_KEYS, "role", "a role is `- NAME` or `- role: NAME` with vars:");
                    name = Fields.string(map, "role", loader.problems)
                            .or(() -> Fields.string(map, "name", loader.problems))
                            .orElse(null);
                    params = Fields.vars(map.get("vars"), loader.problems);
                } else if (item instanceof YamlValue.Scalar s && s.value() != null) {
                    name = s.text();
                } else {
                    loader.problems.add(
                            at, "a role is a name or a map, not " + item.kind(), "write `- NAME` or `- role: NAME`");
                    continue;
                }
                if (name == null) {
                    continue;
                }
                if (chain.contains(name)) {
                    loader.problems.add(
                            at,
                            "role '" + name + "' depends on itself (" + String.join(" -> ", chain) + " -> " + name
                                    + ")",
                            "remove the dependency that closes the cycle from its meta/main.yml");
                    continue;
                }
                role(rolesDir, name, params, at, chain);
            }
        }

        private void role(Path rolesDir, String name, Map<String, Var> params, SourceLocation at, List<String> chain) {
            Path dir = rolesDir.resolve(name);
            if (!Files.isDirectory(dir)) {
                loader.problems.add(
                        at,
                        "role '" + name + "' not found: no folder " + dir,
                        "create roles/" + name + "/resources/main.yml beside the playbook");
                return;
            }
            Optional<Path> metaFile = mainFile(dir.resolve("meta"));
            YamlValue meta = metaFile.flatMap(p -> YamlReader.read(p, loader.inputs, loader.problems))
                    .orElse(null);
            boolean duplicates = false;
            YamlValue dependencies = null;
            if (meta instanceof YamlValue.Mapping m) {
                loader.checkKeys(
                        m,
                        META_KEYS,
                        "role meta",
                        "a role's meta/main.yml has dependencies: (roles run before it) and allow_duplicates:");
                dependencies = m.get("dependencies");
                if (m.get("allow_duplicates") instanceof YamlValue.Scalar s && s.value() instanceof Boolean b) {
                    duplicates = b;
                } else if (m.get("allow_duplicates") != null) {
                    loader.problems.add(
                            m.get("allow_duplicates").at(),
                            "allow_duplicates: must be true or false",
                            "write `allow_duplicates: true`");
                }
            } else if (meta != null && !(meta instanceof YamlValue.Scalar s && s.value() == null)) {
                loader.problems.add(
                        meta.at(),
                        "a role's meta/main.yml is a map, not " + meta.kind(),
                        "write `dependencies: [ROLE, ...]`");
            }
            String signature = name + " " + new TreeMap<>(plain(params));
            if (!ran.add(signature) && !duplicates) {
                return; // Ansible runs a role once per play with the same parameters
            }
            if (dependencies != null && !(dependencies instanceof YamlValue.Scalar s && s.value() == null)) {
                List<String> deeper = new ArrayList<>(chain);
                deeper.add(name);
                list(rolesDir, dependencies, deeper);
            }
            int n = times.merge(name, 1, Integer::sum);
            expand(dir, name, n == 1 ? name : name + "-" + n, params, at, resources, handlers);
        }
    }

    private static Map<String, Object> plain(Map<String, Var> vars) {
        Map<String, Object> out = new LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, v.value()));
        return out;
    }

    /** Adds one role's resources and handlers, their ids prefixed with {@code prefix.}. */
    private void expand(
            Path dir,
            String name,
            String prefix,
            Map<String, Var> params,
            SourceLocation at,
            List<ResourceSpec> resources,
            List<ResourceSpec> handlers) {
        Map<String, Var> defaults = main(dir.resolve("defaults"), at);
        Map<String, Var> vars = new LinkedHashMap<>(main(dir.resolve("vars"), at));
        vars.putAll(params);
        vars.put("role_path", new Var(dir.toAbsolutePath().normalize().toString(), at));
        if (Files.isDirectory(dir.resolve("templates"))) {
            loader.templateDirs.add(dir.resolve("templates"));
        }
        Scope scope = new Scope(defaults, vars, dir.toAbsolutePath().normalize());
        Optional<Path> resourceFile = mainFile(dir.resolve("resources"));
        Optional<Path> handlerFile = mainFile(dir.resolve("handlers"));
        if (resourceFile.isEmpty() && handlerFile.isEmpty()) {
            if (mainFile(dir.resolve("meta")).isEmpty()) {
                loader.problems.add(
                        at,
                        "role '" + name + "' has neither resources/main.yml nor handlers/main.yml",
                        "write its resources in " + dir.resolve("resources/main.yml"));
            }
            return; // a role of dependencies only
        }
        YamlValue resourceList = resourceFile
                .flatMap(p -> YamlReader.read(p, loader.inputs, loader.problems))
                .orElse(null);
        YamlValue handlerList = handlerFile
                .flatMap(p -> YamlReader.read(p, loader.inputs, loader.problems))
                .orElse(null);
        Set<String> local = new LinkedHashSet<>(localIds(resourceList));
        local.addAll(localIds(handlerList));
        resourceFile.ifPresent(
                p -> resources.addAll(loader.resources(resourceList, false, new Unit(p, prefix + ".", local, scope))));
        handlerFile.ifPresent(
                p -> handlers.addAll(loader.resources(handlerList, true, new Unit(p, prefix + ".", local, scope))));
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
