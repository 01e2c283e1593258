package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ansible's INI inventory: {@code [group]}, {@code [group:vars]}, {@code [group:children]}. */
final class IniInventory {
    private static final Pattern SECTION = Pattern.compile("\\[([^\\]:]+)(?::(vars|children))?\\]\\s*");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|'[^']*'|\\S*)");
    private final InventoryBuilder builder;
    private final Path file;
    private final Problems problems;

    IniInventory(InventoryBuilder builder, Path file, Problems problems) {
        this.builder = builder;
        this.file = file;
        this.problems = problems;
    }

    void read(String text) {
        String group = "ungrouped";
        String kind = "hosts";
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            SourceLocation at = new SourceLocation(file, i + 1, 1);
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                Matcher m = SECTION.matcher(line);
                if (!m.matches()) {
                    problems.add(at, "malformed section header: " + line, "write [group], [group:vars] or [group:children]");
                    continue;
                }
                group = m.group(1).strip();
                kind = m.group(2) == null ? "hosts" : m.group(2);
                builder.group(group);
                continue;
            }
            switch (kind) {
                case "vars" -> readVar(group, line, at);
                case "children" -> builder.addChild(group, line);
                default -> readHost(group, line, at);
            }
        }
    }

    private void readVar(String group, String line, SourceLocation at) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            problems.add(at, "expected name=value in [" + group + ":vars]", "write one `name=value` per line");
            return;
        }
        builder.groupVar(group, line.substring(0, eq).strip(), new Var(value(line.substring(eq + 1).strip()), at));
    }

    private void readHost(String group, String line, SourceLocation at) {
        String[] parts = line.split("\\s+", 2);
        String host = parts[0];
        builder.addHost(group, host, at);
        if (parts.length < 2) {
            return;
        }
        Matcher m = ASSIGNMENT.matcher(parts[1]);
        int end = 0;
        while (m.find()) {
            if (!parts[1].substring(end, m.start()).isBlank()) {
                break;
            }
            builder.hostVar(host, m.group(1), new Var(value(m.group(2)), at.shift(0, line.indexOf(m.group(0)))));
            end = m.end();
        }
        if (!parts[1].substring(end).isBlank()) {
            problems.add(at.shift(0, line.indexOf(parts[1].substring(end).strip())), "expected name=value after host '" + host + "'",
                    "write `" + host + " ansible_host=10.0.0.1 ansible_user=root`");
        }
    }

    private static Object value(String raw) {
        if (raw.length() >= 2 && (raw.startsWith("\"") && raw.endsWith("\"") || raw.startsWith("'") && raw.endsWith("'"))) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.matches("-?[1-9][0-9]*|0")) {
            return Long.parseLong(raw);
        }
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(raw);
        }
        return raw;
    }
}
