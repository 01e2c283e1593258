package dev.converge.plan;

import dev.converge.bind.ResourceInstance.NodeKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every resource's plan on one host, in graph order. */
public record HostPlan(String host, List<PlannedResource> resources) {
    public HostPlan {
        resources = List.copyOf(resources);
    }

    public Map<NodeKey, PlannedResource> byKey() {
        Map<NodeKey, PlannedResource> out = new LinkedHashMap<>();
        resources.forEach(r -> out.put(r.key(), r));
        return out;
    }

    public boolean hasChanges() {
        return resources.stream().anyMatch(PlannedResource::willChange);
    }
}
