package dev.converge.inventory;

import dev.converge.model.Group;
import dev.converge.model.Host;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code ansible-inventory} shows of an inventory: {@code --list} (the inventory-script JSON
 * shape, as plain maps and lists), {@code --graph} and {@code --host}. With a limit, {@code --list}
 * keeps only the hosts it selects, and drops groups left empty.
 */
public final class InventoryView {
    private final Inventory inventory;
    private final Set<String> available;

    /** @param available the hosts to show ({@code --limit}), or null for every host */
    public InventoryView(Inventory inventory, Collection<String> available) {
        this.inventory = inventory;
        Set<String> real = new LinkedHashSet<>();
        inventory.hosts().keySet().forEach(name -> {
            if (available == null || available.contains(name)) {
                real.add(name);
            }
        });
        this.available = real;
    }

    /** {@code {"_meta": {"hostvars": ...}, "all": {"children": [...]}, GROUP: {"hosts": [...], "children": [...]}}}. */
    public Map<String, Object> list() {
        Map<String, Object> out = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        format("all", out, seen);
        Map<String, Object> hostvars = new TreeMap<>();
        for (String name : available) {
            Map<String, Object> vars = host(name);
            if (!vars.isEmpty()) {
                hostvars.put(name, vars);
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return out;
    }

    private void format(String name, Map<String, Object> out, Set<String> seen) {
        Group group = inventory.tree().get(name);
        Map<String, Object> entry = new TreeMap<>();
        if (!name.equals("all")) {
            List<String> hosts =
                    group.hosts().stream().filter(available::contains).toList();
            if (!hosts.isEmpty()) {
                entry.put("hosts", hosts);
            }
        }
        List<String> children = new ArrayList<>();
        for (String child : group.children()) {
            if (seen.add(child)) {
                format(child, out, seen);
            }
            children.add(child);
        }
        if (!children.isEmpty()) {
            entry.put("children", children);
        }
        if (!entry.isEmpty()) {
            out.put(name, entry);
        }
    }

    /** A host's variables, merged (what {@code ansible-inventory --host} prints). */
    public Map<String, Object> host(String name) {
        Host host = inventory.host(name);
        Map<String, Object> vars = new TreeMap<>();
        host.vars().forEach((k, v) -> vars.put(k, v.value()));
        return vars;
    }

    /** The {@code --graph} lines from {@code group} down ({@code @all:}, {@code   |--@web:}, ...). */
    public List<String> graph(String group) {
        List<String> lines = new ArrayList<>();
        graph(group, 0, lines);
        return lines;
    }

    private void graph(String name, int depth, List<String> lines) {
        lines.add(indent("@" + name + ":", depth));
        Group group = inventory.tree().get(name);
        for (String child : group.children()) {
            graph(child, depth + 1, lines);
        }
        if (!name.equals("all")) {
            group.hosts().stream().filter(available::contains).forEach(h -> lines.add(indent(h, depth + 1)));
        }
    }

    private static String indent(String name, int depth) {
        return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
    }

    /** Whether {@code name} is a group (for {@code --graph GROUP}). */
    public boolean hasGroup(String name) {
        return inventory.tree().containsKey(name);
    }
}
