package dev.converge.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Collects every problem of a phase, so the operator sees them all at once. */
public final class Problems {
    private final TreeSet<Problem> problems = new TreeSet<>();

    public void add(SourceLocation at, String reason, String hint) {
        problems.add(new Problem(at, reason, hint));
    }

    public void add(Problem problem) {
        problems.add(problem);
    }

    public void addAll(Problems other) {
        problems.addAll(other.problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<Problem> list() {
        return new ArrayList<>(problems);
    }

    /** Ends the phase: throws when anything was found. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(list());
        }
    }
}
