package dev.converge.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One inventory group as Ansible holds it.
 *
 * @param hosts the hosts put in this group directly, in inventory order
 * @param children the child groups, in the order they were added
 * @param vars the group's own variables from the inventory source (not its vars files)
 */
public record Group(String name, List<String> hosts, List<String> children, Map<String, Var> vars) {
    public Group {
        hosts = List.copyOf(hosts);
        children = List.copyOf(children);
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
    }
}
