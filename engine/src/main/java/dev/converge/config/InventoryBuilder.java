package dev.converge.config;

import dev.converge.diag.SourceLocation;
import dev.converge.model.Host;
import dev.converge.model.Inventory;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects groups, hosts and variables from any inventory format, then resolves membership and
 * variable precedence the way Ansible does: {@code all} first, parent groups before children,
 * same depth by name, host variables last.
 */
final class InventoryBuilder {
    private final Path source;
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, SourceLocation> hostLocations = new LinkedHashMap<>();
    private final Map<String, Map<String, Var>> hostVars = new LinkedHashMap<>();

    InventoryBuilder(Path source) {
        this.source = source;
        group("all");
    }

    private static final class Group {
        final Set<String> hosts = new LinkedHashSet<>();
        final Set<String> children = new LinkedHashSet<>();
        final Map<String, Var> vars = new LinkedHashMap<>();
    }

    Group group(String name) {
        return groups.computeIfAbsent(name, n -> new Group());
    }

    boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    boolean hasHost(String name) {
        return hostLocations.containsKey(name);
    }

    void addHost(String group, String host, SourceLocation at) {
        hostLocations.putIfAbsent(host, at);
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>());
        group(group).hosts.add(host);
    }

    void addChild(String parent, String child) {
        group(parent).children.add(child);
        group(child);
    }

    void groupVar(String group, String name, Var value) {
        group(group).vars.put(name, value);
    }

    void hostVar(String host, String name, Var value) {
        hostVars.computeIfAbsent(host, h -> new LinkedHashMap<>()).put(name, value);
    }

    Set<String> groupNames() {
        return groups.keySet();
    }

    Set<String> hostNames() {
        return hostLocations.keySet();
    }

    /** Child groups that lead back to themselves, as "a -> b -> a" strings. */
    List<String> childCycles() {
        List<String> cycles = new ArrayList<>();
        for (String start : groups.keySet()) {
            findCycle(start, start, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        return cycles;
    }

    private void findCycle(String start, String at, List<String> path, Set<String> seen, List<String> out) {
        for (String child : groups.get(at).children) {
            if (child.equals(start)) {
                if (start.equals(path.stream().min(String::compareTo).orElse(start))) {
                    out.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (seen.add(child)) {
                path.add(child);
                findCycle(start, child, path, seen, out);
                path.remove(path.size() - 1);
            }
        }
    }

    Inventory build() {
        for (String name : groups.keySet()) {
            if (!name.equals("all")) {
                group("all").children.add(name);
            }
        }
        Map<String, Integer> depth = new LinkedHashMap<>();
        computeDepth("all", 0, depth, new HashSet<>());
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (String name : groups.keySet()) {
            Set<String> all = new LinkedHashSet<>();
            collectHosts(name, all, new HashSet<>());
            members.put(name, hostNames().stream().filter(all::contains).toList());
        }
        Map<String, Host> hosts = new LinkedHashMap<>();
        for (String host : hostNames()) {
            List<String> hostGroups = groups.keySet().stream()
                    .filter(g -> members.get(g).contains(host))
                    .sorted(Comparator.comparingInt((String g) -> depth.getOrDefault(g, 0)).thenComparing(g -> g.equals("all") ? "" : g))
                    .toList();
            Map<String, Var> vars = new LinkedHashMap<>();
            hostGroups.forEach(g -> vars.putAll(groups.get(g).vars));
            vars.putAll(hostVars.get(host));
            hosts.put(host, new Host(host, vars, hostGroups, hostLocations.get(host)));
        }
        return new Inventory(source, hosts, members);
    }

    private void computeDepth(String group, int d, Map<String, Integer> depth, Set<String> path) {
        if (!path.add(group)) {
            return;
        }
        depth.merge(group, d, Math::max);
        for (String child : groups.get(group).children) {
            computeDepth(child, d + 1, depth, path);
        }
        path.remove(group);
    }

    private void collectHosts(String group, Set<String> out, Set<String> seen) {
        if (!seen.add(group)) {
            return;
        }
        Group g = groups.get(group);
        out.addAll(g.hosts);
        g.children.forEach(child -> collectHosts(child, out, seen));
        if (group.equals("all")) {
            out.addAll(hostNames());
        }
    }
}
