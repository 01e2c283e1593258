package dev.converge.report;

import dev.converge.plan.ResourceStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A host's outcome.
 *
 * @param roundTrips remote commands run after connecting (gather, apply batches, verify)
 * @param message why the host failed or was unreachable, empty otherwise
 * @param durationMs wall time of the host's apply batches (a wall-clock value: not in the plan part)
 */
public record HostReport(
        String host,
        boolean unreachable,
        int roundTrips,
        List<ResourceReport> resources,
        String message,
        long durationMs) {
    public HostReport {
        resources = List.copyOf(resources);
    }

    public HostReport(
            String host, boolean unreachable, int roundTrips, List<ResourceReport> resources, String message) {
        this(host, unreachable, roundTrips, resources, message, 0);
    }

    public Map<ResourceStatus, Integer> counts() {
        Map<ResourceStatus, Integer> counts = new EnumMap<>(ResourceStatus.class);
        for (ResourceStatus s : ResourceStatus.values()) {
            counts.put(s, 0);
        }
        resources.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    public boolean failed() {
        return unreachable || resources.stream().anyMatch(r -> r.status() == ResourceStatus.FAILED);
    }

    public boolean changed() {
        return resources.stream().anyMatch(r -> r.status() == ResourceStatus.CHANGED);
    }

    /** {@code ok}, {@code changed}, {@code failed} or {@code unreachable}. */
    public String status() {
        return unreachable ? "unreachable" : failed() ? "failed" : changed() ? "changed" : "ok";
    }
}
