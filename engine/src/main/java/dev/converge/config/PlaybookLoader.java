package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Play;
import dev.converge.model.Playbook;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a playbook: a list of plays (and {@code - import_playbook: FILE}), or a map with
 * {@code vars:} and {@code plays:}. Checks its shape (keys, types, one module per resource, unique
 * ids); module parameters are checked later, per host, once variables are known. Plays may read
 * {@code vars_files:} and use {@code roles:}; resource lists may {@code include:} files of resources
 * (see {@link Units}).
 */
public final class PlaybookLoader {
    private static final Set<String> PLAY_KEYS = Set.of(
            "name",
            "hosts",
            "vars",
            "vars_files",
            "secrets",
            "roles",
            "resources",
            "handlers",
            "serial",
            "max_fail_percentage",
            "any_errors_fatal",
            "become",
            "become_user",
            "remote_user");
    static final Set<String> RESOURCE_KEYS = Set.of("id", "name", "after", "notify", "when", "tags", "loop");
    private final Set<String> modules;
    final Problems problems;
    final RunInputs inputs;
    private final Map<String, SourceLocation> ids = new LinkedHashMap<>();
    private final Set<Path> reading = new LinkedHashSet<>();
    final Set<Path> templateDirs = new LinkedHashSet<>();
    private final Map<String, Var> vars = new LinkedHashMap<>();
    private final Set<String> secrets = new LinkedHashSet<>();
    private final Units units = new Units(this);
    private int order;

    private PlaybookLoader(Set<String> modules, RunInputs inputs, Problems problems) {
        this.modules = modules;
        this.inputs = inputs;
        this.problems = problems;
    }

    /** The playbook in {@code file} (and the files it imports, includes and names), read as part of the run {@code inputs}. */
    public static Playbook load(Path file, Set<String> modules, RunInputs inputs, Problems problems) {
        PlaybookLoader loader = new PlaybookLoader(modules, inputs, problems);
        List<Play> plays = loader.read(file, null);
        return new Playbook(file, loader.vars, plays, List.copyOf(loader.secrets), List.copyOf(loader.templateDirs));
    }

    /** The plays of {@code file}; its playbook vars are defaults below those already read (the importing file's). */
    private List<Play> read(Path file, SourceLocation importedAt) {
        Path real = file.toAbsolutePath().normalize();
        if (!reading.add(real)) {
            problems.add(
                    importedAt,
                    "import_playbook: " + file + " imports itself (through " + reading.size() + " files)",
                    "remove the import that closes the cycle");
            return List.of();
        }
        try {
            YamlValue root = YamlReader.read(file, inputs, problems).orElse(null);
            YamlValue plays = root;
            if (root instanceof YamlValue.Mapping map
                    && (map.entries().containsKey("plays")
                            || map.entries().containsKey("vars")
                            || map.entries().containsKey("secrets"))) {
                checkKeys(
                        map,
                        Set.of("vars", "secrets", "plays"),
                        "playbook",
                        "a playbook map has only vars:, secrets: and plays:");
                Fields.vars(map.get("vars"), problems).forEach(vars::putIfAbsent);
                secrets.addAll(names(map.get("secrets")));
                plays = map.get("plays");
            }
            List<Play> out = new ArrayList<>();
            if (plays instanceof YamlValue.Sequence seq) {
                for (YamlValue item : seq.items()) {
                    if (item instanceof YamlValue.Mapping m && m.entries().containsKey("import_playbook")) {
                        out.addAll(importPlaybook(file, m));
                    } else {
                        readPlay(file, item).ifPresent(out::add);
                    }
                }
            } else if (root != null) {
                SourceLocation at = plays == null ? root.at() : plays.at();
                problems.add(
                        at,
                        "a playbook must be a list of plays",
                        "start each play with `- name: ...` and `hosts: ...`");
            } else if (problems.isEmpty()) {
                problems.add(
                        SourceLocation.of(file),
                        "the playbook is empty",
                        "add a play: `- hosts: all` with `resources:`");
            }
            return out;
        } finally {
            reading.remove(real);
        }
    }

    private List<Play> importPlaybook(Path file, YamlValue.Mapping item) {
        checkKeys(
                item,
                Set.of("import_playbook", "name"),
                "import_playbook",
                "an import has only import_playbook: FILE (and name:)");
        return Fields.string(item, "import_playbook", problems)
                .map(name -> read(Units.sibling(file, name), item.keyAt("import_playbook")))
                .orElse(List.of());
    }

    private Optional<Play> readPlay(Path file, YamlValue value) {
        if (!(value instanceof YamlValue.Mapping play)) {
            problems.add(
                    value.at(),
                    "a play must be a map, not " + value.kind(),
                    "write `- name: ...` with `hosts:` and `resources:`");
            return Optional.empty();
        }
        play.entries().forEach((key, entry) -> {
            if (!PLAY_KEYS.contains(key)) {
                problems.add(
                        entry.keyAt(),
                        AnsibleKeywords.play(key)
                                .map(h -> "'" + key + "' is Ansible's; converge has no " + key + ":")
                                .orElse("unknown key '" + key + "' in play"),
                        AnsibleKeywords.play(key)
                                .orElseGet(
                                        () -> Suggest.hint(key, PLAY_KEYS, "keys")
                                                + "; a play has name:, hosts:, vars:, vars_files:, secrets:, roles:, resources:, handlers:, serial:, max_fail_percentage:, any_errors_fatal:, become:, become_user: and remote_user:"));
            }
        });
        String hosts = Fields.string(play, "hosts", problems).orElse(null);
        if (hosts == null && !play.entries().containsKey("hosts")) {
            problems.add(play.at(), "the play has no hosts:", "add `hosts: all` or a group name");
        }
        String name = Fields.string(play, "name", problems).orElse(hosts == null ? "play" : hosts);
        Map<String, Var> playVars = Fields.vars(play.get("vars"), problems);
        playVars.putAll(units.varsFiles(file, play.get("vars_files")));
        List<ResourceSpec> resources = new ArrayList<>();
        List<ResourceSpec> handlers = new ArrayList<>();
        units.roles(file, play.get("roles"), resources, handlers);
        resources.addAll(resources(play.get("resources"), false, Units.Unit.play(file)));
        handlers.addAll(resources(play.get("handlers"), true, Units.Unit.play(file)));
        return Optional.of(new Play(
                name,
                hosts == null ? "" : hosts,
                playVars,
                resources,
                handlers,
                play.at(),
                play.keyAt("hosts"),
                names(play.get("secrets")),
                RolloutFields.read(play, problems),
                PlayConnectionFields.read(play, problems)));
    }

    /** A list of resources (or handlers), with its {@code include:} items expanded, in {@code unit}. */
    List<ResourceSpec> resources(YamlValue value, boolean handler, Units.Unit unit) {
        List<ResourceSpec> out = new ArrayList<>();
        if (value == null || value instanceof YamlValue.Scalar s && s.value() == null) {
            return out;
        }
        if (!(value instanceof YamlValue.Sequence seq)) {
            problems.add(
                    value.at(),
                    (handler ? "handlers" : "resources") + ": must be a list, not " + value.kind(),
                    "start each resource with `- id: ...`");
            return out;
        }
        for (YamlValue item : seq.items()) {
            if (item instanceof YamlValue.Mapping m && m.entries().containsKey("include")) {
                out.addAll(units.include(m, handler, unit));
            } else {
                readResource(item, handler, unit).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The id a resource map is written with: {@code id:}, or derived from {@code name:}. */
    static Optional<String> writtenId(YamlValue.Mapping map) {
        if (map.get("id") instanceof YamlValue.Scalar s && s.value() != null) {
            return Optional.of(s.text());
        }
        if (!map.entries().containsKey("id") && map.get("name") instanceof YamlValue.Scalar s && s.value() != null) {
            return Optional.of(AnsibleKeywords.idFromName(s.text()));
        }
        return Optional.empty();
    }

    private Optional<ResourceSpec> readResource(YamlValue value, boolean handler, Units.Unit unit) {
        if (!(value instanceof YamlValue.Mapping map)) {
            problems.add(
                    value.at(),
                    "a resource must be a map, not " + value.kind(),
                    "write `- id: name` and one module key such as `file:`");
            return Optional.empty();
        }
        String id = map.entries().containsKey("id")
                ? Fields.string(map, "id", problems).orElse(null)
                : writtenId(map).orElse(null);
        SourceLocation idAt = map.entries().containsKey("id")
                ? map.keyAt("id")
                : map.entries().containsKey("name") ? map.keyAt("name") : map.at();
        if (id == null) {
            if (!map.entries().containsKey("id")) {
                problems.add(
                        map.at(),
                        "the resource has no id:",
                        "add `id: a-unique-name` (or a `name:` to derive it from); after: and notify: refer to it");
            }
        } else if (!id.matches("[A-Za-z0-9_.-]+")) {
            problems.add(
                    map.keyAt("id"),
                    "id '" + id + "' may only hold letters, digits, '_', '.' and '-'",
                    "rename it, e.g. `" + id.replaceAll("[^A-Za-z0-9_.-]", "-") + "`");
        } else {
            id = unit.qualify(id);
            SourceLocation first = ids.putIfAbsent(id, idAt);
            if (first != null) {
                problems.add(
                        idAt,
                        "duplicate id '" + id + "' (first at "
                                + (first.file().equals(idAt.file())
                                        ? ""
                                        : first.file().getFileName() + ":") + first.line() + ":" + first.column() + ")",
                        first.file().equals(idAt.file()) && first.equals(idAt)
                                ? "the file is included twice: give the second include an id: (its ids' prefix)"
                                : map.entries().containsKey("id")
                                        ? "ids are unique in a playbook; rename one"
                                        : "two resources have this name: give one an `id:` of its own");
            }
        }
        List<String> moduleKeys = new ArrayList<>();
        for (String key : map.entries().keySet()) {
            if (RESOURCE_KEYS.contains(key)) {
                continue;
            }
            Optional<String> instead = AnsibleKeywords.resource(key);
            if (instead.isPresent() && !modules.contains(key)) {
                problems.add(map.keyAt(key), "'" + key + "' is Ansible's; converge has no " + key + ":", instead.get());
            } else {
                moduleKeys.add(key);
            }
        }
        String module = null;
        for (String key : moduleKeys) {
            if (!modules.contains(key)) {
                Optional<String> ours = AnsibleKeywords.module(key).filter(modules::contains);
                problems.add(
                        map.keyAt(key),
                        "unknown module '" + key + "'",
                        ours.map(m -> "converge's module for Ansible's " + key + " is '" + m
                                        + "' (see docs/modules.md)")
                                .orElseGet(() -> Suggest.hint(key, modules, "modules")));
            } else if (module != null) {
                problems.add(
                        map.keyAt(key),
                        "a resource has exactly one module, this one has '" + module + "' and '" + key + "'",
                        "split it into two resources");
            } else {
                module = key;
            }
        }
        if (moduleKeys.isEmpty()
                && map.entries().keySet().stream()
                        .noneMatch(k -> AnsibleKeywords.resource(k).isPresent())) {
            problems.add(
                    map.at(),
                    "the resource" + (id == null ? "" : " '" + id + "'") + " names no module",
                    "add one module key, e.g. `file:` or `command:`");
        }
        List<Ref> after = unit.refs(Fields.refs(map.get("after"), problems));
        List<Ref> notify = unit.refs(Fields.refs(map.get("notify"), problems));
        List<String> tags =
                Fields.refs(map.get("tags"), problems).stream().map(Ref::id).toList();
        if (id == null || module == null) {
            return Optional.empty();
        }
        return Optional.of(new ResourceSpec(
                id,
                module,
                map.get(module),
                after,
                notify,
                map.get("when"),
                tags,
                map.get("loop"),
                handler,
                order++,
                map.at(),
                map.keyAt(module),
                unit.scope()));
    }

    /** {@code secrets: [name, ...]}: variable names whose values every output masks. */
    private List<String> names(YamlValue value) {
        if (value == null) {
            return List.of();
        }
        return Fields.refs(value, problems).stream().map(Ref::id).toList();
    }

    void checkKeys(YamlValue.Mapping map, Set<String> allowed, String what, String hint) {
        map.entries().forEach((key, entry) -> {
            if (!allowed.contains(key)) {
                problems.add(
                        entry.keyAt(),
                        "unknown key '" + key + "' in " + what,
                        Suggest.hint(key, allowed, "keys") + "; " + hint);
            }
        });
    }
}
