package dev.converge.plan;

import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.spi.Change;
import java.util.List;

/**
 * A resource's plan on one host.
 *
 * @param change what apply will do (no operations when status is not CHANGED)
 * @param diffs content diffs of the files it writes, computed from the composed state
 * @param reason why it was skipped or failed, empty otherwise
 * @param afterApply planned again once the changes before it are applied: a check that reads
 *     commands whose output those changes may alter, or a resource waiting for such a check
 *     (status SKIPPED until then)
 */
public record PlannedResource(NodeKey key, String module, ResourceStatus status, Change change, List<FileDiff> diffs,
        String reason, boolean afterApply) {

    public PlannedResource {
        diffs = List.copyOf(diffs);
    }

    public PlannedResource(NodeKey key, String module, ResourceStatus status, Change change, List<FileDiff> diffs, String reason) {
        this(key, module, status, change, diffs, reason, false);
    }

    public static PlannedResource skipped(NodeKey key, String module, String reason) {
        return new PlannedResource(key, module, ResourceStatus.SKIPPED, Change.none(), List.of(), reason);
    }

    public static PlannedResource failed(NodeKey key, String module, String reason) {
        return new PlannedResource(key, module, ResourceStatus.FAILED, Change.none(), List.of(), reason);
    }

    /** Planned again after the changes before it are applied (see {@link #afterApply()}). */
    public static PlannedResource afterApply(NodeKey key, String module, String reason) {
        return new PlannedResource(key, module, ResourceStatus.SKIPPED, Change.none(), List.of(), reason, true);
    }

    public boolean willChange() {
        return status == ResourceStatus.CHANGED;
    }
}
