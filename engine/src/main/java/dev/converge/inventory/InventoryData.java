package dev.converge.inventory;

import dev.converge.diag.SourceLocation;
import dev.converge.model.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups and hosts as Ansible's {@code InventoryData} holds them while sources are parsed: insertion
 * order everywhere, {@code all} and {@code ungrouped} from the start, a child's depth one more than
 * its deepest parent, {@code ansible_group_priority} taken out of the group's variables.
 */
public final class InventoryData {
    /** One group: its own hosts and child groups in the order they were added. */
    public static final class Group {
        final String name;
        final Set<String> hosts = new LinkedHashSet<>();
        final List<String> children = new ArrayList<>();
        final List<String> parents = new ArrayList<>();
        final Map<String, Var> vars = new LinkedHashMap<>();
        int depth;
        int priority = 1;

        Group(String name) {
            this.name = name;
        }
    }

    /** One host: the groups it was put in directly, its own variables, where it was first seen. */
    public static final class Host {
        final String name;
        final Set<String> groups = new LinkedHashSet<>();
        final Map<String, Var> vars = new LinkedHashMap<>();
        final SourceLocation at;

        Host(String name, SourceLocation at) {
            this.name = name;
            this.at = at;
        }
    }

    /** Raised when a child edge would close a loop; Ansible refuses the source. */
    public static final class Loop extends IllegalArgumentException {
        Loop(String message) {
            super(message);
        }
    }

    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Host> hosts = new LinkedHashMap<>();

    public InventoryData() {
        addGroup("all");
        addGroup("ungrouped");
        addChild("all", "ungrouped");
    }

    public boolean hasGroup(String name) {
        return groups.containsKey(name);
    }

    public boolean hasHost(String name) {
        return hosts.containsKey(name);
    }

    public void addGroup(String name) {
        groups.computeIfAbsent(name, Group::new);
    }

    /** Adds a host (first definition wins its location and port) and puts it in {@code group}. */
    public void addHost(String name, String group, Integer port, SourceLocation at) {
        Host host = hosts.get(name);
        if (host == null) {
            host = new Host(name, at);
            hosts.put(name, host);
            if (port != null) {
                host.vars.put("ansible_port", new Var((long) port, at));
            }
        }
        if (group != null) {
            addGroup(group);
            groups.get(group).hosts.add(name);
            host.groups.add(group);
        }
    }

    public void addChild(String parent, String child) {
        addGroup(parent);
        addGroup(child);
        Group p = groups.get(parent);
        Group c = groups.get(child);
        if (parent.equals(child) || ancestors(parent).contains(child)) {
            throw new Loop("adding group '" + child + "' as a child of '" + parent + "' makes a loop");
        }
        if (p.children.contains(child)) {
            return;
        }
        p.children.add(child);
        if (!c.parents.contains(parent)) {
            c.parents.add(parent);
        }
        deepen(c, p.depth + 1);
    }

    private void deepen(Group g, int depth) {
        if (depth <= g.depth) {
            return;
        }
        g.depth = depth;
        for (String child : g.children) {
            deepen(groups.get(child), depth + 1);
        }
    }

    public void setGroupVar(String group, String name, Var value) {
        addGroup(group);
        Group g = groups.get(group);
        if (name.equals("ansible_group_priority")) {
            g.priority = priority(value.value());
        } else {
            g.vars.put(name, value);
        }
    }

    private static int priority(Object value) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ansible_group_priority must be a whole number, not '" + value + "'");
        }
    }

    public void setHostVar(String host, String name, Var value) {
        hosts.get(host).vars.put(name, value);
    }

    /** Every group above {@code group}. */
    public Set<String> ancestors(String group) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(groups.get(group).parents);
        while (!todo.isEmpty()) {
            String g = todo.poll();
            if (out.add(g)) {
                todo.addAll(groups.get(g).parents);
            }
        }
        return out;
    }

    /** Every group a host is in, directly or through a child group ({@code all} included once reconciled). */
    public Set<String> groupsOf(String host) {
        Set<String> out = new LinkedHashSet<>();
        for (String g : hosts.get(host).groups) {
            out.add(g);
            out.addAll(ancestors(g));
        }
        return out;
    }

    /** Ansible's {@code reconcile_inventory}: parentless groups under {@code all}, {@code ungrouped} fixed up. */
    public List<String> reconcile() {
        for (Group g : List.copyOf(groups.values())) {
            if (!g.name.equals("all") && g.parents.isEmpty()) {
                addChild("all", g.name);
            }
        }
        Group ungrouped = groups.get("ungrouped");
        for (Host h : hosts.values()) {
            Set<String> mine = groupsOf(h.name);
            if (h.groups.contains("ungrouped")) {
                Set<String> others = new LinkedHashSet<>(mine);
                others.removeAll(Set.of("all", "ungrouped"));
                if (!others.isEmpty()) {
                    ungrouped.hosts.remove(h.name);
                    h.groups.remove("ungrouped");
                }
            } else if (mine.isEmpty() || mine.equals(Set.of("all"))) {
                addHost(h.name, "ungrouped", null, h.at);
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String name : groups.keySet()) {
            if (hosts.containsKey(name)) {
                warnings.add("Found both group and host with same name: " + name);
            }
        }
        return warnings;
    }

    /** A group's hosts, its own then its descendants' breadth first (Ansible's {@code Group.get_hosts}). */
    public List<String> hostsOf(String group) {
        List<String> ordered = new ArrayList<>();
        ordered.add(group);
        Set<String> seen = new LinkedHashSet<>(ordered);
        List<String> level = List.of(group);
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (String g : level) {
                for (String child : groups.get(g).children) {
                    if (seen.add(child)) {
                        ordered.add(child);
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String g : ordered) {
            out.addAll(groups.get(g).hosts);
        }
        return List.copyOf(out);
    }

    /** Sorted as Ansible's {@code sort_groups}: depth, then priority, then name. */
    public List<String> sorted(Collection<String> names) {
        return names.stream()
                .sorted(Comparator.comparingInt((String n) -> groups.get(n).depth)
                        .thenComparingInt(n -> groups.get(n).priority)
                        .thenComparing(n -> n))
                .toList();
    }
}
