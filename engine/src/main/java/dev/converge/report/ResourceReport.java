package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Change;
import java.util.List;

/**
 * A resource's final outcome on a host, as every reporter shows it.
 *
 * @param dependsOn the graph nodes it waits for, in graph order
 * @param durationMs wall time of the apply batch that ran it, 0 when nothing was applied (the only
 *     wall-clock value of the report; the JSON report keeps it out of the plan part)
 * @param source where the playbook declares it ({@code FILE:LINE}), empty when unknown
 */
public record ResourceReport(
        String id,
        String module,
        ResourceStatus status,
        List<Change.FieldChange> fields,
        List<FileDiff> diffs,
        List<String> warnings,
        String message,
        List<Dependency> dependsOn,
        long durationMs,
        String source) {
    public ResourceReport {
        source = source == null ? "" : source;
        fields = List.copyOf(fields);
        diffs = List.copyOf(diffs);
        warnings = List.copyOf(warnings);
        dependsOn = List.copyOf(dependsOn);
    }

    public ResourceReport(
            String id,
            String module,
            ResourceStatus status,
            List<Change.FieldChange> fields,
            List<FileDiff> diffs,
            List<String> warnings,
            String message,
            List<Dependency> dependsOn,
            long durationMs) {
        this(id, module, status, fields, diffs, warnings, message, dependsOn, durationMs, "");
    }

    public ResourceReport(
            String id,
            String module,
            ResourceStatus status,
            List<Change.FieldChange> fields,
            List<FileDiff> diffs,
            List<String> warnings,
            String message) {
        this(id, module, status, fields, diffs, warnings, message, List.of(), 0);
    }

    /**
     * An edge of the resource graph ending at this resource.
     *
     * @param kind why: {@code order}, {@code after}, {@code notify}, {@code handler} or {@code same_file}
     */
    public record Dependency(String host, String id, String kind) {}
}
