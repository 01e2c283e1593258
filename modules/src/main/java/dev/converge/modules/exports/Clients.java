package dev.converge.modules.exports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads the {@code clients} parameter (list or map form) into host → options, with the problems found. */
final class Clients {
    private static final Pattern HOST = Pattern.compile("[^\\s(),#\"]+");
    private static final Pattern OPTION = Pattern.compile("[A-Za-z0-9_=:./@-]+");

    final Map<String, List<String>> byHost = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    static Clients read(Object value) {
        Clients c = new Clients();
        if (value == null) {
            return c;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((host, options) -> c.add(host, options));
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String host) {
                    c.add(host, null);
                } else if (item instanceof Map<?, ?> m
                        && m.containsKey("host")
                        && m.keySet().stream().allMatch(k -> k.equals("host") || k.equals("options"))) {
                    c.add(m.get("host"), m.get("options"));
                } else {
                    c.problems.add("client entry " + item + " is not {host: ..., options: [...]}");
                }
            }
        } else {
            c.problems.add("clients must be a list or a map, not " + value);
        }
        return c;
    }

    private void add(Object host, Object options) {
        if (!(host instanceof String h) || !HOST.matcher(h).matches()) {
            problems.add("'" + host + "' is not a client host spec (no blanks, parentheses, commas or #)");
            return;
        }
        List<String> opts = new ArrayList<>();
        if (options instanceof String s) {
            opts.addAll(List.of(s.split(",")));
        } else if (options instanceof List<?> list) {
            list.forEach(o -> opts.add(String.valueOf(o)));
        } else if (options != null) {
            problems.add("options of '" + h + "' must be a list or a comma-separated string");
        }
        for (String o : opts) {
            if (!OPTION.matcher(o).matches()) {
                problems.add("'" + o + "' is not an export option");
            }
        }
        if (byHost.put(h, List.copyOf(opts)) != null) {
            problems.add("client '" + h + "' is listed twice");
        }
    }
}
