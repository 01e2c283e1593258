package dev.converge.plan;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.spi.Change;
import java.util.List;

/**
 * A resource's plan on one host.
 *
 * @param state CHANGED when apply has work to do; DEFERRED when it is planned again on what is read
 *     after the changes before it (a check that needs a live read, or what waits for one)
 * @param change what apply will do (no operations unless CHANGED)
 * @param diffs content diffs of the files it writes, computed from the composed state
 * @param reason why it was skipped, deferred or failed, empty otherwise
 */
public record PlannedResource(
        NodeKey key, String module, NodeState state, Change change, List<FileDiff> diffs, String reason) {

    public PlannedResource {
        diffs = List.copyOf(diffs);
    }

    /** A resource that has no change to plan: skipped, failed, deferred, or converged. */
    public static PlannedResource without(NodeKey key, String module, NodeOutcome outcome) {
        return new PlannedResource(key, module, outcome.state(), Change.none(), List.of(), outcome.message());
    }

    public static PlannedResource failed(NodeKey key, String module, String reason) {
        return new PlannedResource(key, module, NodeState.FAILED, Change.none(), List.of(), reason);
    }

    public ResourceStatus status() {
        return ResourceStatus.of(state);
    }

    public NodeOutcome outcome() {
        return new NodeOutcome(state, reason);
    }

    public boolean willChange() {
        return state == NodeState.CHANGED;
    }

    public boolean deferred() {
        return state == NodeState.DEFERRED;
    }
}
