package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a reviewer reads first: each resource that changed (or would), failed or was deferred,
 * once per identical outcome (status, message, warnings, diff) with the hosts that share it.
 */
final class OutcomeGroups {
    private OutcomeGroups() {}

    /** @param hosts in inventory order */
    record Group(
            String id,
            String module,
            ResourceStatus status,
            String message,
            List<String> warnings,
            String diff,
            List<String> hosts) {}

    static boolean shown(ResourceStatus status) {
        return status == ResourceStatus.CHANGED || status == ResourceStatus.FAILED || status == ResourceStatus.DEFERRED;
    }

    static List<Group> of(RunReport report) {
        Map<List<Object>, Group> grouped = new LinkedHashMap<>();
        for (HostReport host : report.hosts()) {
            for (ResourceReport r : host.resources()) {
                if (!shown(r.status())) {
                    continue;
                }
                String diff = r.diffs().stream().map(FileDiff::unified).collect(Collectors.joining());
                List<Object> key = List.of(r.id(), r.module(), r.status(), r.message(), r.warnings(), diff);
                grouped.computeIfAbsent(
                                key,
                                k -> new Group(
                                        r.id(),
                                        r.module(),
                                        r.status(),
                                        r.message(),
                                        r.warnings(),
                                        diff,
                                        new ArrayList<>()))
                        .hosts()
                        .add(host.host());
            }
        }
        return List.copyOf(grouped.values());
    }
}
