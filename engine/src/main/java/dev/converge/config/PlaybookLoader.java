package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Play;
import dev.converge.model.Playbook;
import dev.converge.model.Ref;
import dev.converge.model.ResourceSpec;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a playbook: a list of plays, or a map with {@code vars:} and {@code plays:}. Checks its
 * shape (keys, types, one module per resource, unique ids); module parameters are checked later,
 * per host, once variables are known.
 */
public final class PlaybookLoader {
    private static final Set<String> PLAY_KEYS = Set.of("name", "hosts", "vars", "secrets", "resources", "handlers");
    static final Set<String> RESOURCE_KEYS = Set.of("id", "name", "after", "notify", "when", "tags", "loop");
    private final Set<String> modules;
    private final Problems problems;
    private final Map<String, SourceLocation> ids = new LinkedHashMap<>();
    private int order;

    private PlaybookLoader(Set<String> modules, Problems problems) {
        this.modules = modules;
        this.problems = problems;
    }

    public static Playbook load(Path file, Set<String> modules, Problems problems) {
        return new PlaybookLoader(modules, problems).read(file);
    }

    private Playbook read(Path file) {
        YamlValue root = YamlReader.read(file, problems).orElse(null);
        Map<String, Var> vars = Map.of();
        List<String> secrets = List.of();
        YamlValue plays = root;
        if (root instanceof YamlValue.Mapping map && (map.entries().containsKey("plays") || map.entries().containsKey("vars") || map.entries().containsKey("secrets"))) {
            checkKeys(map, Set.of("vars", "secrets", "plays"), "playbook", "a playbook map has only vars:, secrets: and plays:");
            vars = Fields.vars(map.get("vars"), problems);
            secrets = secretNames(map.get("secrets"));
            plays = map.get("plays");
        }
        List<Play> out = new ArrayList<>();
        if (plays instanceof YamlValue.Sequence seq) {
            seq.items().forEach(item -> readPlay(item).ifPresent(out::add));
        } else if (root != null) {
            SourceLocation at = plays == null ? root.at() : plays.at();
            problems.add(at, "a playbook must be a list of plays", "start each play with `- name: ...` and `hosts: ...`");
        } else if (problems.isEmpty()) {
            problems.add(SourceLocation.of(file), "the playbook is empty", "add a play: `- hosts: all` with `resources:`");
        }
        return new Playbook(file, vars, out, secrets);
    }

    private java.util.Optional<Play> readPlay(YamlValue value) {
        if (!(value instanceof YamlValue.Mapping play)) {
            problems.add(value.at(), "a play must be a map, not " + value.kind(), "write `- name: ...` with `hosts:` and `resources:`");
            return java.util.Optional.empty();
        }
        checkKeys(play, PLAY_KEYS, "play", "a play has name:, hosts:, vars:, secrets:, resources: and handlers:");
        String hosts = Fields.string(play, "hosts", problems).orElse(null);
        if (hosts == null && !play.entries().containsKey("hosts")) {
            problems.add(play.at(), "the play has no hosts:", "add `hosts: all` or a group name");
        }
        String name = Fields.string(play, "name", problems).orElse(hosts == null ? "play" : hosts);
        Map<String, Var> vars = Fields.vars(play.get("vars"), problems);
        List<ResourceSpec> resources = readResources(play.get("resources"), false);
        List<ResourceSpec> handlers = readResources(play.get("handlers"), true);
        return java.util.Optional.of(new Play(name, hosts == null ? "" : hosts, vars, resources, handlers, play.at(),
                play.keyAt("hosts"), secretNames(play.get("secrets"))));
    }

    private List<ResourceSpec> readResources(YamlValue value, boolean handler) {
        List<ResourceSpec> out = new ArrayList<>();
        if (value == null || value instanceof YamlValue.Scalar s && s.value() == null) {
            return out;
        }
        if (!(value instanceof YamlValue.Sequence seq)) {
            problems.add(value.at(), (handler ? "handlers" : "resources") + ": must be a list, not " + value.kind(),
                    "start each resource with `- id: ...`");
            return out;
        }
        for (YamlValue item : seq.items()) {
            readResource(item, handler).ifPresent(out::add);
        }
        return out;
    }

    private java.util.Optional<ResourceSpec> readResource(YamlValue value, boolean handler) {
        if (!(value instanceof YamlValue.Mapping map)) {
            problems.add(value.at(), "a resource must be a map, not " + value.kind(), "write `- id: name` and one module key such as `file:`");
            return java.util.Optional.empty();
        }
        String id = Fields.string(map, "id", problems).orElse(null);
        if (id == null) {
            if (!map.entries().containsKey("id")) {
                problems.add(map.at(), "the resource has no id:", "add `id: a-unique-name`; after: and notify: refer to it");
            }
        } else if (!id.matches("[A-Za-z0-9_.-]+")) {
            problems.add(map.keyAt("id"), "id '" + id + "' may only hold letters, digits, '_', '.' and '-'", "rename it, e.g. `" + id.replaceAll("[^A-Za-z0-9_.-]", "-") + "`");
        } else {
            SourceLocation first = ids.putIfAbsent(id, map.keyAt("id"));
            if (first != null) {
                problems.add(map.keyAt("id"), "duplicate id '" + id + "' (first at " + first.line() + ":" + first.column() + ")",
                        "ids are unique in a playbook; rename one");
            }
        }
        List<String> moduleKeys = map.entries().keySet().stream().filter(k -> !RESOURCE_KEYS.contains(k)).toList();
        String module = null;
        for (String key : moduleKeys) {
            if (!modules.contains(key)) {
                problems.add(map.keyAt(key), "unknown module '" + key + "'", Suggest.hint(key, modules, "modules"));
            } else if (module != null) {
                problems.add(map.keyAt(key), "a resource has exactly one module, this one has '" + module + "' and '" + key + "'",
                        "split it into two resources");
            } else {
                module = key;
            }
        }
        if (moduleKeys.isEmpty()) {
            problems.add(map.at(), "the resource" + (id == null ? "" : " '" + id + "'") + " names no module",
                    "add one module key, e.g. `file:` or `command:`");
        }
        List<Ref> after = Fields.refs(map.get("after"), problems);
        List<Ref> notify = Fields.refs(map.get("notify"), problems);
        List<String> tags = Fields.refs(map.get("tags"), problems).stream().map(Ref::id).toList();
        if (id == null || module == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ResourceSpec(id, module, map.get(module), after, notify, map.get("when"), tags,
                map.get("loop"), handler, order++, map.at(), map.keyAt(module)));
    }

    /** {@code secrets: [name, ...]}: variable names whose values every output masks. */
    private List<String> secretNames(YamlValue value) {
        if (value == null) {
            return List.of();
        }
        return Fields.refs(value, problems).stream().map(Ref::id).toList();
    }

    private void checkKeys(YamlValue.Mapping map, Set<String> allowed, String what, String hint) {
        map.entries().forEach((key, entry) -> {
            if (!allowed.contains(key)) {
                problems.add(entry.keyAt(), "unknown key '" + key + "' in " + what, Suggest.hint(key, allowed, "keys") + "; " + hint);
            }
        });
    }
}
