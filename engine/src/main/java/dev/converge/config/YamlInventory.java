package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.model.Var;
import java.util.Map;
import java.util.Set;

/** Ansible's YAML inventory: {@code all: {hosts, vars, children: {group: {...}}}}. */
final class YamlInventory {
    private static final Set<String> GROUP_KEYS = Set.of("hosts", "vars", "children");
    private final InventoryBuilder builder;
    private final Problems problems;

    YamlInventory(InventoryBuilder builder, Problems problems) {
        this.builder = builder;
        this.problems = problems;
    }

    void read(YamlValue root) {
        if (!(root instanceof YamlValue.Mapping top)) {
            problems.add(root.at(), "an inventory must be a map of group names, not " + root.kind(),
                    "start with `all:` and list hosts under `hosts:`");
            return;
        }
        top.entries().forEach((name, entry) -> readGroup(name, entry.value()));
    }

    private void readGroup(String name, YamlValue value) {
        builder.group(name);
        if (value instanceof YamlValue.Scalar s && s.value() == null) {
            return;
        }
        if (!(value instanceof YamlValue.Mapping group)) {
            problems.add(value.at(), "group '" + name + "' must be a map with hosts:, vars: or children:, not " + value.kind(),
                    "write `" + name + ":` then `hosts:` indented below it");
            return;
        }
        for (Map.Entry<String, YamlValue.Entry> e : group.entries().entrySet()) {
            if (!GROUP_KEYS.contains(e.getKey())) {
                problems.add(e.getValue().keyAt(), "unknown key '" + e.getKey() + "' in group '" + name + "'",
                        "a group has only hosts:, vars: and children:");
            }
        }
        YamlValue hosts = group.get("hosts");
        if (hosts != null) {
            readHosts(name, hosts);
        }
        YamlValue vars = group.get("vars");
        if (vars != null) {
            eachEntry(vars, "vars of group '" + name + "'", (k, v) -> builder.groupVar(name, k, v));
        }
        YamlValue children = group.get("children");
        if (children instanceof YamlValue.Mapping childMap) {
            childMap.entries().forEach((child, entry) -> {
                builder.addChild(name, child);
                readGroup(child, entry.value());
            });
        } else if (children != null && !(children instanceof YamlValue.Scalar s && s.value() == null)) {
            problems.add(children.at(), "children: of group '" + name + "' must be a map of group names", "write `children:` then `groupname:` below it");
        }
    }

    private void readHosts(String group, YamlValue hosts) {
        if (hosts instanceof YamlValue.Scalar s && s.value() == null) {
            return;
        }
        if (!(hosts instanceof YamlValue.Mapping map)) {
            problems.add(hosts.at(), "hosts: must be a map of host names to their variables, not " + hosts.kind(),
                    "write `HostA:` (or `HostA: {ansible_host: 10.0.0.1}`) per line");
            return;
        }
        map.entries().forEach((host, entry) -> {
            builder.addHost(group, host, entry.keyAt());
            YamlValue vars = entry.value();
            if (!(vars instanceof YamlValue.Scalar s && s.value() == null)) {
                eachEntry(vars, "variables of host '" + host + "'", (k, v) -> builder.hostVar(host, k, v));
            }
        });
    }

    private void eachEntry(YamlValue value, String what, java.util.function.BiConsumer<String, Var> sink) {
        if (value instanceof YamlValue.Scalar s && s.value() == null) {
            return;
        }
        if (!(value instanceof YamlValue.Mapping map)) {
            problems.add(value.at(), what + " must be a map, not " + value.kind(), "write `name: value` lines");
            return;
        }
        map.entries().forEach((k, e) -> sink.accept(k, new Var(e.value().plain(), e.value().at())));
    }
}
