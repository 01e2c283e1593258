package dev.converge.inventory;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Group;
import dev.converge.model.Host;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hosts and groups, as Ansible resolves them.
 *
 * @param source the first inventory source (locations of problems that have no better place)
 * @param hosts every host, its variables merged in Ansible's order
 * @param groups group name to its hosts (members of child groups included, in Ansible's order), {@code all} included
 * @param tree every group's own hosts, children and variables (for {@code converge inventory})
 * @param warnings what Ansible would warn about while reading the sources
 */
public record Inventory(
        Path source,
        Map<String, Host> hosts,
        Map<String, List<String>> groups,
        Map<String, Group> tree,
        List<Problem> warnings) {
    public Inventory {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        tree = Collections.unmodifiableMap(new LinkedHashMap<>(tree));
        warnings = List.copyOf(warnings);
    }

    /** An inventory without a group tree (tests, and inventories built in code). */
    public Inventory(Path source, Map<String, Host> hosts, Map<String, List<String>> groups) {
        this(source, hosts, groups, treeOf(hosts, groups), List.of());
    }

    private static Map<String, Group> treeOf(Map<String, Host> hosts, Map<String, List<String>> groups) {
        Map<String, Group> out = new LinkedHashMap<>();
        groups.forEach((name, members) -> out.put(
                name,
                new Group(
                        name,
                        name.equals("all") ? List.of() : members,
                        name.equals("all")
                                ? groups.keySet().stream()
                                        .filter(g -> !g.equals("all"))
                                        .toList()
                                : List.of(),
                        Map.of())));
        return out;
    }

    /** The names Ansible treats as this machine: without an inventory entry, one is an implicit host. */
    public static final Set<String> LOCALHOST = Set.of("localhost", "127.0.0.1", "::1");

    /**
     * A host by name; for {@code localhost} (or 127.0.0.1, ::1) not in the inventory, Ansible's
     * implicit localhost: the {@code all} group's variables and the local connection. It belongs to no
     * group, so only its name selects it, never {@code all} or a glob.
     */
    public Host host(String name) {
        Host host = hosts.get(name);
        if (host != null || !LOCALHOST.contains(name)) {
            return host;
        }
        SourceLocation at = SourceLocation.of(Path.of("<implicit localhost>"));
        Map<String, Var> vars = new LinkedHashMap<>();
        Group all = tree.get("all");
        if (all != null) {
            vars.putAll(all.vars());
        }
        vars.put("ansible_connection", new Var("local", at));
        return new Host(name, vars, List.of(), at);
    }

    /**
     * The hosts an Ansible host pattern selects, in Ansible's order: see {@link dev.converge.inventory.HostPattern}. A part
     * that matches nothing is a warning (as in Ansible), added to {@code warnings}.
     */
    public List<String> select(String pattern, SourceLocation at, List<Problem> warnings) {
        return new HostPattern(this).select(pattern, at, warnings);
    }
}
