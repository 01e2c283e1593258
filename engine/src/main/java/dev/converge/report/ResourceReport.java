package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Change;
import java.util.List;

/** A resource's final outcome on a host, as every reporter shows it. */
public record ResourceReport(String id, String module, ResourceStatus status, List<Change.FieldChange> fields,
        List<FileDiff> diffs, List<String> warnings, String message) {
    public ResourceReport {
        fields = List.copyOf(fields);
        diffs = List.copyOf(diffs);
        warnings = List.copyOf(warnings);
    }
}
