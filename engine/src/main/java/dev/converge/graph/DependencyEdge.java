package dev.converge.graph;

import org.jgrapht.graph.DefaultEdge;

/** An edge of the resource graph: the source must finish before the target starts. */
public final class DependencyEdge extends DefaultEdge {
    private static final long serialVersionUID = 1L;

    /** Why the edge exists (shown in the graph picture). */
    public enum Kind {
        ORDER,
        AFTER,
        NOTIFY,
        HANDLER,
        SAME_FILE
    }

    private final Kind kind;

    public DependencyEdge(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
