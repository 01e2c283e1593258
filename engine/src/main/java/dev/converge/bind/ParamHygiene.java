package dev.converge.bind;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every module's rendered parameters before the module sees them: a NUL anywhere (a file
 * or a command line cannot hold one; it would be cut or crash the apply), and a newline or
 * carriage return in a map key (an option, variable or field name: it would inject lines into the
 * file written) or in a parameter that names something ({@link #NAMES}: owner, group, section...).
 * Problems point at the parameter, for every module alike.
 */
final class ParamHygiene {
    /** Parameters that name one thing on the host, in every module: one line each. */
    static final Set<String> NAMES = Set.of("name", "owner", "group", "user", "section", "mode", "path");

    private ParamHygiene() {}

    static void check(String module, YamlValue raw, Object rendered, SourceLocation moduleAt, Problems problems) {
        if (!(rendered instanceof Map<?, ?> params)) {
            return;
        }
        for (Map.Entry<?, ?> e : params.entrySet()) {
            String parameter = String.valueOf(e.getKey());
            SourceLocation at = raw instanceof YamlValue.Mapping map ? map.keyAt(parameter) : moduleAt;
            String problem = NAMES.contains(parameter)
                            && e.getValue() instanceof String s
                            && (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0)
                    ? "has a line break: '" + printable(s) + "'"
                    : find(e.getValue(), 0);
            if (problem != null) {
                problems.add(
                        at,
                        "parameter '" + parameter + "' of module '" + module + "' " + problem,
                        "remove the control character (check the variables used here)");
            }
        }
    }

    /** What is wrong inside a value, or null. */
    private static String find(Object value, int depth) {
        if (depth > 16 || value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.indexOf('\0') >= 0 ? "holds a NUL character: '" + printable(s) + "'" : null;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String p = find(item, depth + 1);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.indexOf('\n') >= 0 || key.indexOf('\r') >= 0 || key.indexOf('\0') >= 0) {
                    return "has a name with a line break or NUL: '" + printable(key) + "'";
                }
                String p = find(e.getValue(), depth + 1);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private static String printable(String text) {
        String escaped = text.replace("\0", "\\0").replace("\n", "\\n").replace("\r", "\\r");
        return escaped.length() > 80 ? escaped.substring(0, 80) + "…" : escaped;
    }
}
