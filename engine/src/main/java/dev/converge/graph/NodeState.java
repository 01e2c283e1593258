package dev.converge.graph;

/** The state a node of a walk ends in. Decisions are made on these, never on message text. */
public enum NodeState {
    /** Visited: nothing to do. */
    DONE,
    /** Visited: changed (or, in a dry run, would change). */
    CHANGED,
    /** Visited: failed. */
    FAILED,
    /** Not visited: a node it depends on did not succeed. */
    SKIPPED_UPSTREAM,
    /** Not visited: its condition is false. */
    SKIPPED_CONDITION,
    /** Not visited: a triggered node none of whose triggers changed. */
    SKIPPED_NOT_NOTIFIED,
    /** Decided later, on what is read after the changes before it (and what waits for such a node). */
    DEFERRED,
    /** Not started: the walk was stopped. */
    INTERRUPTED,
    /** Its lane (host) could not be reached. */
    UNREACHABLE;

    /** Whether a node that depends on one in this state is skipped. */
    public boolean blocksDependents() {
        return this == FAILED || this == SKIPPED_UPSTREAM || this == INTERRUPTED || this == UNREACHABLE;
    }
}
