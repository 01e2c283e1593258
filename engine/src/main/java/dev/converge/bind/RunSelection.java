package dev.converge.bind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the operator asked to run: host limit, tags and extra variables.
 *
 * @param limit an Ansible host pattern, or empty for every host
 * @param connectionDefaults connection variables from the command line ({@code -u}, {@code -b},
 *     {@code --become-user}, {@code --private-key}): below the inventory's, as in Ansible
 * @param startAt {@code --start-at-task}: the id (or name) of the first resource to run, or empty for the first
 */
public record RunSelection(
        String limit,
        Set<String> tags,
        Set<String> skipTags,
        Map<String, Object> extraVars,
        Map<String, Object> connectionDefaults,
        String startAt) {
    public RunSelection {
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        extraVars = Map.copyOf(extraVars);
        connectionDefaults = Map.copyOf(connectionDefaults);
        startAt = startAt == null ? "" : startAt;
    }

    public RunSelection(String limit, Set<String> tags, Set<String> skipTags, Map<String, Object> extraVars) {
        this(limit, tags, skipTags, extraVars, Map.of(), "");
    }

    public static RunSelection everything() {
        return new RunSelection("", Set.of(), Set.of(), Map.of());
    }

    /** Ansible's rules: {@code always} runs unless skipped by name, {@code never} only when asked. */
    public boolean selects(List<String> resourceTags) {
        if (resourceTags.stream().anyMatch(skipTags::contains)) {
            return false;
        }
        if (resourceTags.contains("always")) {
            return true;
        }
        if (tags.isEmpty() || tags.contains("all")) {
            return !resourceTags.contains("never");
        }
        return resourceTags.stream().anyMatch(tags::contains) || (tags.contains("untagged") && resourceTags.isEmpty());
    }
}
