package dev.converge.model;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hosts and groups, in inventory order.
 *
 * @param groups group name to its hosts (members of child groups included), {@code all} included
 */
public record Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups) {
    public Inventory {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
    }

    /**
     * Hosts matching an Ansible-style pattern: names or groups joined by {@code :} or {@code ,},
     * globs ({@code Host*}), {@code !x} to exclude, {@code &x} to intersect. A part matching
     * nothing is a problem at {@code at}.
     */
    public List<String> select(String pattern, SourceLocation at, Problems problems) {
        Set<String> selected = new LinkedHashSet<>();
        List<Set<String>> intersections = new ArrayList<>();
        Set<String> excluded = new LinkedHashSet<>();
        for (String raw : pattern.split("[:,]")) {
            String part = raw.trim();
            if (part.isEmpty()) {
                continue;
            }
            char op = part.charAt(0);
            String name = (op == '!' || op == '&') ? part.substring(1) : part;
            Set<String> matched = match(name);
            if (matched.isEmpty()) {
                problems.add(at, "host pattern '" + name + "' matches no host or group in " + source,
                        "known groups: " + String.join(", ", groups.keySet()));
                continue;
            }
            switch (op) {
                case '!' -> excluded.addAll(matched);
                case '&' -> intersections.add(matched);
                default -> selected.addAll(matched);
            }
        }
        intersections.forEach(selected::retainAll);
        selected.removeAll(excluded);
        return hosts.keySet().stream().filter(selected::contains).toList();
    }

    private Set<String> match(String name) {
        Set<String> out = new LinkedHashSet<>();
        if (name.equals("*")) {
            name = "all";
        }
        if (groups.containsKey(name)) {
            out.addAll(groups.get(name));
        } else if (hosts.containsKey(name)) {
            out.add(name);
        } else if (name.contains("*") || name.contains("?") || name.contains("[")) {
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
            for (String group : groups.keySet()) {
                if (glob.matches(Path.of(group))) {
                    out.addAll(groups.get(group));
                }
            }
            for (String host : hosts.keySet()) {
                if (glob.matches(Path.of(host))) {
                    out.add(host);
                }
            }
        }
        return out;
    }
}
