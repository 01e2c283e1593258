package dev.converge.diag;

import java.util.Comparator;
import java.util.Objects;

/** One thing wrong with the input: where, what, and how to fix it. */
public record Problem(SourceLocation at, String reason, String hint) implements Comparable<Problem> {

    private static final Comparator<Problem> ORDER = Comparator.comparing(
                    (Problem p) -> p.at.file().toString())
            .thenComparingInt(p -> p.at.line())
            .thenComparingInt(p -> p.at.column())
            .thenComparing(Problem::reason);

    public Problem {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(hint, "hint");
    }

    /** {@code file:line:col: error: reason} and an indented hint line. */
    public String render() {
        return at + ": error: " + reason + (hint.isEmpty() ? "" : "\n    hint: " + hint);
    }

    @Override
    public int compareTo(Problem other) {
        return ORDER.compare(this, other);
    }
}
