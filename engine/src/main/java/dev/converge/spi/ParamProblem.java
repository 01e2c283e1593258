package dev.converge.spi;

import java.util.Objects;

/**
 * A problem with one parameter of a resource, found without I/O.
 *
 * @param parameter the parameter's key (the engine points at its place in the playbook), or
 *     empty for the resource as a whole
 * @param reason what is wrong, one line
 * @param hint how to fix it, one line
 */
public record ParamProblem(String parameter, String reason, String hint) {
    public ParamProblem {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(hint, "hint");
    }
}
