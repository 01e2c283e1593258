package dev.converge.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A parsed playbook: playbook-level variables and the plays in order. */
public record Playbook(Path file, Map<String, Var> vars, List<Play> plays) {
    public Playbook {
        vars = Map.copyOf(vars);
        plays = List.copyOf(plays);
    }

    /** Every resource and handler of every play, in written order. */
    public Stream<ResourceSpec> specs() {
        return plays.stream().flatMap(p -> Stream.concat(p.resources().stream(), p.handlers().stream()));
    }
}
