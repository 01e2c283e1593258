package dev.converge.inventory;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory plugin: {@code [group]}, {@code [group:vars]}, {@code [group:children]},
 * host lines split as a POSIX shell would (quotes, {@code #} comments), values as Python literals,
 * host ranges and {@code host:port}. A child or {@code :vars} section may name a group defined further
 * down; one never defined is a problem, as in Ansible.
 */
final class IniSource {
    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");
    private final InventoryData data;
    private final Path file;
    private final Problems problems;

    IniSource(InventoryData data, Path file, Problems problems) {
        this.data = data;
        this.file = file;
        this.problems = problems;
    }

    private record Pending(String kind, int line, List<String> parents) {}

    void read(String text) {
        String group = "ungrouped";
        String state = "hosts";
        Map<String, Pending> pending = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            SourceLocation at =
                    new SourceLocation(file, i + 1, Math.max(1, lines[i].indexOf(line.isEmpty() ? " " : line) + 1));
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    problems.add(
                            at,
                            "section [" + group + ":" + state + "] has an unknown type '" + state + "'",
                            "write [" + group + "], [" + group + ":vars] or [" + group + ":children]");
                    state = "skip";
                    continue;
                }
                if (!data.hasGroup(group)) {
                    if (state.equals("vars") && !pending.containsKey(group)) {
                        pending.put(group, new Pending("vars", i + 1, new ArrayList<>()));
                    }
                    data.addGroup(group);
                }
                Pending p = pending.get(group);
                if (p != null && !state.equals("vars")) {
                    if (p.kind.equals("children")) {
                        addPendingChildren(group, pending, at);
                    } else {
                        pending.remove(group);
                    }
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                problems.add(
                        at,
                        "invalid section entry '" + line + "'",
                        "write [group], [group:vars] or [group:children], with no spaces inside the brackets");
                state = "skip";
                continue;
            }
            switch (state) {
                case "hosts" -> host(group, line, at);
                case "vars" -> variable(group, line, at);
                case "children" -> child(group, line, at, pending);
                default -> {}
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            SourceLocation at = new SourceLocation(file, e.getValue().line, 1);
            if (e.getValue().kind.equals("vars")) {
                problems.add(
                        at,
                        "section [" + e.getKey() + ":vars] is for a group that is never defined",
                        "define the group with [" + e.getKey() + "] or as a child, or remove the section");
            } else {
                String parent = e.getValue().parents.get(e.getValue().parents.size() - 1);
                problems.add(
                        at,
                        "section [" + parent + ":children] names the group '" + e.getKey()
                                + "', which is never defined",
                        "add an empty [" + e.getKey() + "] section, or remove it from [" + parent + ":children]");
            }
        }
    }

    private void addPendingChildren(String group, Map<String, Pending> pending, SourceLocation at) {
        Pending p = pending.remove(group);
        for (String parent : p.parents) {
            link(parent, group, at);
            Pending up = pending.get(parent);
            if (up != null && up.kind.equals("children")) {
                addPendingChildren(parent, pending, at);
            }
        }
    }

    private void child(String group, String line, SourceLocation at, Map<String, Pending> pending) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            problems.add(
                    at,
                    "expected a group name in [" + group + ":children], got '" + line + "'",
                    "write one group name per line");
            return;
        }
        String child = m.group(1);
        if (!data.hasGroup(child)) {
            Pending p = pending.computeIfAbsent(child, c -> new Pending("children", at.line(), new ArrayList<>()));
            p.parents.add(group);
        } else {
            link(group, child, at);
        }
    }

    private void link(String parent, String child, SourceLocation at) {
        try {
            data.addChild(parent, child);
        } catch (InventoryData.Loop e) {
            problems.add(at, e.getMessage(), "groups cannot contain each other; remove one of the :children entries");
        }
    }

    private void variable(String group, String line, SourceLocation at) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            problems.add(
                    at,
                    "expected name=value in [" + group + ":vars], got '" + line + "'",
                    "write one `name=value` per line");
            return;
        }
        String name = line.substring(0, eq).strip();
        try {
            data.setGroupVar(
                    group,
                    name,
                    new Var(PythonLiteral.value(line.substring(eq + 1).strip()), at));
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage(), "write a whole number, e.g. ansible_group_priority=10");
        }
    }

    private void host(String group, String line, SourceLocation at) {
        List<String> tokens;
        try {
            tokens = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            problems.add(
                    at,
                    "cannot read the host line: " + e.getMessage(),
                    "close the quote, or escape it with a backslash");
            return;
        }
        if (tokens.isEmpty()) {
            return;
        }
        String entry = tokens.get(0);
        if (entry.startsWith("[") && !line.contains("]")) {
            problems.add(
                    at,
                    "'" + line + "' is neither a section header (no closing ']') nor a host",
                    "close the bracket: " + line + "]");
            return;
        }
        HostNames.Expanded names;
        try {
            names = HostNames.expand(entry);
        } catch (HostNames.BadRange e) {
            problems.add(
                    at, "host range '" + entry + "': " + e.getMessage(), "write a range as [1:3], [01:50:2] or [a:f]");
            return;
        }
        if (entry.strip().endsWith(":") && names.port() == null) {
            problems.add(
                    at,
                    "host '" + entry + "' ends in ':', which is reserved for a port",
                    "write host:PORT, or remove the ':'");
            return;
        }
        if (names.names().stream().anyMatch(n -> n.strip().equals("---"))) {
            problems.add(
                    at, "'---' is not a host; this looks like a YAML file", "name the file .yml so it is read as YAML");
            return;
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, SourceLocation> where = new LinkedHashMap<>();
        int searchFrom = line.indexOf(entry) + entry.length();
        for (String t : tokens.subList(1, tokens.size())) {
            int eq = t.indexOf('=');
            if (eq < 0) {
                problems.add(
                        at.shift(0, Math.max(0, line.indexOf(t))),
                        "expected name=value after host '" + entry + "', got '" + t + "'",
                        "write `" + entry + " ansible_host=10.0.0.1 ansible_user=root`; quote values with spaces");
                return;
            }
            String key = t.substring(0, eq);
            int col = line.indexOf(key + "=", Math.max(0, searchFrom));
            if (col >= 0) {
                searchFrom = col + key.length() + 1;
            }
            vars.put(key, PythonLiteral.value(t.substring(eq + 1)));
            where.put(key, col >= 0 ? at.shift(0, col) : at);
        }
        for (String name : names.names()) {
            data.addHost(name, group, names.port(), at);
            vars.forEach((k, v) -> data.setHostVar(name, k, new Var(v, where.get(k))));
        }
    }
}
