package dev.converge.inventory;

import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.util.List;
import java.util.Map;

/**
 * Ansible's YAML inventory plugin: top-level keys are groups, each with {@code hosts:}, {@code vars:}
 * and {@code children:} in the order written; a host key may be a range or {@code host:port}. Keys
 * Ansible skips with a warning are skipped with a warning here.
 */
final class YamlSource {
    private final InventoryData data;
    private final Problems problems;
    private final List<Problem> warnings;

    YamlSource(InventoryData data, Problems problems, List<Problem> warnings) {
        this.data = data;
        this.problems = problems;
        this.warnings = warnings;
    }

    /** Whether the document is a YAML inventory at all (a map, not an inventory plugin's configuration). */
    static String refusal(YamlValue root) {
        if (!(root instanceof YamlValue.Mapping map)) {
            return "a YAML inventory must be a map of group names, not " + root.kind();
        }
        YamlValue plugin = map.get("plugin");
        if (plugin != null
                && !(plugin instanceof YamlValue.Scalar s
                        && (s.value() == null || Boolean.FALSE.equals(s.value()) || "".equals(s.value())))) {
            return "this is the configuration of an inventory plugin (plugin: " + plugin.plain()
                    + "), which converge does not run";
        }
        return null;
    }

    void read(YamlValue.Mapping root) {
        root.entries().forEach((name, entry) -> group(name, entry.value(), entry.keyAt()));
    }

    private String group(String name, YamlValue value, SourceLocation at) {
        if (!(value instanceof YamlValue.Mapping) && !isNull(value)) {
            warnings.add(new Problem(
                    at,
                    "skipping '" + name + "': not a valid group definition (a map with hosts:, vars:, children:)",
                    ""));
            return name;
        }
        data.addGroup(name);
        if (!(value instanceof YamlValue.Mapping map)) {
            return name;
        }
        for (String section : List.of("vars", "children", "hosts")) {
            YamlValue v = map.get(section);
            if (v != null
                    && !isNull(v)
                    && !(v instanceof YamlValue.Mapping)
                    && !(v instanceof YamlValue.Scalar s && s.value() instanceof String)) {
                problems.add(
                        v.at(),
                        section + ": of group '" + name + "' must be a map, not " + v.kind(),
                        "write `" + section + ":` then one `name:` per line below it");
                return name;
            }
        }
        for (Map.Entry<String, YamlValue.Entry> e : map.entries().entrySet()) {
            String key = e.getKey();
            YamlValue v = e.getValue().value();
            if (v instanceof YamlValue.Scalar s
                    && s.value() instanceof String text
                    && List.of("vars", "children", "hosts").contains(key)) {
                v = new YamlValue.Mapping(
                        Map.of(text, new YamlValue.Entry(text, s.at(), new YamlValue.Scalar(null, false, s.at()))),
                        s.at());
            }
            if (!(v instanceof YamlValue.Mapping entries)) {
                if (!isNull(v)) {
                    warnings.add(new Problem(
                            e.getValue().keyAt(),
                            "skipping key '" + key + "' in group '" + name + "': it is not a map",
                            ""));
                }
                continue;
            }
            switch (key) {
                case "vars" -> entries.entries().forEach((k, var) -> setGroupVar(name, k, var));
                case "children" ->
                    entries.entries().forEach((child, c) -> {
                        group(child, c.value(), c.keyAt());
                        try {
                            data.addChild(name, child);
                        } catch (InventoryData.Loop loop) {
                            problems.add(
                                    c.keyAt(),
                                    loop.getMessage(),
                                    "groups cannot contain each other; remove one of the children: entries");
                        }
                    });
                case "hosts" -> entries.entries().forEach((host, h) -> host(name, host, h));
                default ->
                    warnings.add(new Problem(
                            e.getValue().keyAt(),
                            "skipping unexpected key '" + key + "' in group '" + name
                                    + "'; only vars, children and hosts are valid",
                            ""));
            }
        }
        return name;
    }

    private void setGroupVar(String group, String name, YamlValue.Entry var) {
        try {
            data.setGroupVar(
                    group, name, new Var(var.value().plain(), var.value().at()));
        } catch (IllegalArgumentException e) {
            problems.add(var.value().at(), e.getMessage(), "write a whole number, e.g. ansible_group_priority: 10");
        }
    }

    private void host(String group, String pattern, YamlValue.Entry entry) {
        HostNames.Expanded names;
        try {
            names = HostNames.expand(pattern);
        } catch (HostNames.BadRange e) {
            problems.add(
                    entry.keyAt(),
                    "host range '" + pattern + "': " + e.getMessage(),
                    "write a range as [1:3], [01:50:2] or [a:f]");
            return;
        }
        YamlValue vars = entry.value();
        if (!isNull(vars) && !(vars instanceof YamlValue.Mapping)) {
            problems.add(
                    vars.at(),
                    "the variables of host '" + pattern + "' must be a map, not " + vars.kind(),
                    "write `" + pattern + ":` alone, or with `name: value` lines indented below it");
            return;
        }
        for (String name : names.names()) {
            data.addHost(name, group, names.port(), entry.keyAt());
            if (vars instanceof YamlValue.Mapping map) {
                map.entries()
                        .forEach((k, v) -> data.setHostVar(
                                name, k, new Var(v.value().plain(), v.value().at())));
            }
        }
    }

    private static boolean isNull(YamlValue v) {
        return v == null || v instanceof YamlValue.Scalar s && s.value() == null;
    }
}
