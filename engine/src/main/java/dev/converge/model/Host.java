package dev.converge.model;

import dev.converge.diag.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * One inventory host.
 *
 * @param vars group variables (parents first, then children) overlaid with the host's own
 * @param groups every group the host is in, directly or through children, plus {@code all}
 */
public record Host(String name, Map<String, Var> vars, List<String> groups, SourceLocation at) {
    public Host {
        vars = Map.copyOf(vars);
        groups = List.copyOf(groups);
    }

    /** A variable's value as text, or the fallback. */
    public String varText(String name, String fallback) {
        Var v = vars.get(name);
        return v == null || v.value() == null ? fallback : String.valueOf(v.value());
    }
}
