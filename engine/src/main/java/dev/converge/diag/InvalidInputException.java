package dev.converge.diag;

import java.util.List;
import java.util.stream.Collectors;

/** The input (CLI, playbook, inventory, template) is invalid; nothing was touched. Exit code 3. */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::render).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
