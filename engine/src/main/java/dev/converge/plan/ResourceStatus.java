package dev.converge.plan;

import dev.converge.graph.NodeState;

/** The outcome of one resource on one host, as reported. */
public enum ResourceStatus {
    /** Already in the desired state. */
    OK,
    /** Changed (or, with --check, would change). */
    CHANGED,
    /** Planning or applying failed. */
    FAILED,
    /** Not run: its condition was false, it was not notified, something it depends on failed, or the run was interrupted. */
    SKIPPED,
    /** Decided on what is read after the changes before it: with --check, not judged yet (re-checked after the apply). */
    DEFERRED,
    /** Its host could not be reached. */
    UNREACHABLE;

    public String label() {
        return name().toLowerCase();
    }

    /** How a node's state is reported. */
    public static ResourceStatus of(NodeState state) {
        return switch (state) {
            case DONE -> OK;
            case CHANGED -> CHANGED;
            case FAILED -> FAILED;
            case SKIPPED_UPSTREAM, SKIPPED_CONDITION, SKIPPED_NOT_NOTIFIED, INTERRUPTED -> SKIPPED;
            case DEFERRED -> DEFERRED;
            case UNREACHABLE -> UNREACHABLE;
        };
    }
}
