package dev.converge.inventory;

import dev.converge.diag.Problem;
import dev.converge.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible's host patterns ({@code InventoryManager.get_hosts}): parts joined by {@code ,} or
 * {@code :}; plain parts first, then {@code &} intersections, then {@code !} exclusions (only
 * exclusions means {@code all} minus them); a part is a host or group name, a shell glob, or a
 * {@code ~regex}, with an optional subscript {@code [i]}, {@code [i:j]}, {@code [i:]}, {@code [-1]}.
 * A part that matches nothing is a warning, not an error.
 */
public final class HostPattern {
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+)([:-])([0-9]*))\\]$");
    private static final Pattern COLON_PARTS = Pattern.compile("(?:[^\\s:\\[\\]]++|\\[[^\\]]*+\\])++");
    private final Inventory inventory;

    public HostPattern(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Thrown for a pattern Ansible rejects (a bad regex, a subscript past the end). */
    public static final class Invalid extends IllegalArgumentException {
        Invalid(String message) {
            super(message);
        }
    }

    public List<String> select(String pattern, SourceLocation at, List<Problem> warnings) {
        List<String> regular = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String p : split(pattern)) {
            (p.startsWith("!") ? exclude : p.startsWith("&") ? intersect : regular).add(p);
        }
        if (regular.isEmpty()) {
            regular.add("all");
        }
        List<String> ordered = new ArrayList<>(regular);
        ordered.addAll(intersect);
        ordered.addAll(exclude);
        List<String> hosts = new ArrayList<>();
        for (String p : ordered) {
            if (inventory.hosts().containsKey(p)) {
                hosts.add(p);
                continue;
            }
            List<String> that = matchOne(p, at, warnings);
            if (p.startsWith("!")) {
                Set<String> drop = Set.copyOf(that);
                hosts.removeIf(drop::contains);
            } else if (p.startsWith("&")) {
                Set<String> keep = Set.copyOf(that);
                hosts.removeIf(h -> !keep.contains(h));
            } else {
                Set<String> existing = Set.copyOf(hosts);
                that.stream().filter(h -> !existing.contains(h)).forEach(hosts::add);
            }
        }
        return List.copyOf(new LinkedHashSet<>(hosts));
    }

    /** Ansible's {@code split_host_pattern}. */
    public static List<String> split(String pattern) {
        List<String> parts = new ArrayList<>();
        if (pattern.contains(",")) {
            parts.addAll(List.of(pattern.split(",", -1)));
        } else if (HostNames.parseAddress(pattern, true).isPresent()) {
            parts.add(pattern);
        } else {
            Matcher m = COLON_PARTS.matcher(pattern);
            while (m.find()) {
                parts.add(m.group());
            }
        }
        return parts.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
    }

    private List<String> matchOne(String pattern, SourceLocation at, List<Problem> warnings) {
        String p = pattern.startsWith("&") || pattern.startsWith("!") ? pattern.substring(1) : pattern;
        String expr = p;
        int[] subscript = null;
        if (!p.startsWith("~")) {
            Matcher m = SUBSCRIPT.matcher(p);
            if (m.matches()) {
                expr = m.group(1);
                if (m.group(2) != null) {
                    subscript = new int[] {Integer.parseInt(m.group(2)), Integer.MIN_VALUE};
                } else {
                    subscript = new int[] {
                        Integer.parseInt(m.group(3)), m.group(5).isEmpty() ? -1 : Integer.parseInt(m.group(5))
                    };
                    if (m.group(4).equals("-")) {
                        warnings.add(new Problem(
                                at, "use [x:y] inclusive subscripts instead of [x-y], which Ansible removed", ""));
                    }
                }
            }
        }
        List<String> hosts = enumerate(expr, at, warnings);
        if (hosts.isEmpty() || subscript == null) {
            return hosts;
        }
        int start = subscript[0];
        int end = subscript[1];
        if (end == Integer.MIN_VALUE || end == 0) {
            int i = start < 0 ? hosts.size() + start : start; // [x:0] is [x] too: Python reads the 0 as "no end"
            if (i < 0 || i >= hosts.size()) {
                throw new Invalid("no hosts matched the subscripted pattern '" + p + "'");
            }
            return List.of(hosts.get(i));
        }
        if (end == -1) {
            end = hosts.size() - 1;
        }
        int from = Math.min(start, hosts.size());
        int to = Math.min(end + 1, hosts.size());
        return from >= to ? List.of() : hosts.subList(from, to);
    }

    private List<String> enumerate(String pattern, SourceLocation at, List<Problem> warnings) {
        List<String> results = new ArrayList<>();
        List<String> groups = matchList(inventory.groups().keySet(), pattern);
        for (String g : groups) {
            results.addAll(inventory.groups().get(g));
        }
        if (groups.isEmpty()
                || pattern.startsWith("~")
                || pattern.contains(".")
                || pattern.contains("?")
                || pattern.contains("*")
                || pattern.contains("[")) {
            results.addAll(matchList(inventory.hosts().keySet(), pattern));
        }
        if (results.isEmpty() && Inventory.LOCALHOST.contains(pattern)) {
            results.add(pattern); // Ansible's implicit localhost, by its name only
        }
        if (results.isEmpty() && groups.isEmpty() && !pattern.equals("all")) {
            warnings.add(new Problem(at, "could not match supplied host pattern, ignoring: " + pattern, ""));
        }
        return results;
    }

    private static List<String> matchList(Collection<String> items, String pattern) {
        Pattern re;
        try {
            re = pattern.startsWith("~")
                    ? Pattern.compile(pattern.substring(1))
                    : Pattern.compile(Glob.toRegex(pattern), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new Invalid("invalid host pattern '" + pattern + "': " + e.getDescription());
        }
        return items.stream().filter(i -> re.matcher(i).lookingAt()).toList();
    }
}
