package dev.converge.graph;

/** A node's state after a walk, with what the operator is told about it (never read back by code). */
public record NodeOutcome(NodeState state, String message) {
    public NodeOutcome {
        message = message == null ? "" : message;
    }

    public static NodeOutcome of(NodeState state) {
        return new NodeOutcome(state, "");
    }
}
