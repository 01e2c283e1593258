package dev.converge.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the operator asked to run: host limit, tags and extra variables.
 *
 * @param limit an Ansible host pattern, or empty for every host
 */
public record RunSelection(String limit, Set<String> tags, Set<String> skipTags, Map<String, Object> extraVars) {
    public RunSelection {
        tags = Set.copyOf(tags);
        skipTags = Set.copyOf(skipTags);
        extraVars = Map.copyOf(extraVars);
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
