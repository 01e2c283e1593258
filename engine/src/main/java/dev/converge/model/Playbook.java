package dev.converge.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A parsed playbook: playbook-level variables and the plays in order.
 *
 * @param secrets names of variables whose values are masked in every output (see docs/playbook.md)
 * @param templateDirs the {@code templates/} folders of the roles the plays use, searched after the playbook's
 */
public record Playbook(
        Path file, Map<String, Var> vars, List<Play> plays, List<String> secrets, List<Path> templateDirs) {
    public Playbook {
        templateDirs = List.copyOf(templateDirs);
        vars = Map.copyOf(vars);
        plays = List.copyOf(plays);
        secrets = List.copyOf(secrets);
    }

    /** Every variable name marked secret, at playbook or play level. */
    public Set<String> secretNames() {
        Set<String> out = new TreeSet<>(secrets);
        plays.forEach(p -> out.addAll(p.secrets()));
        return out;
    }

    /** Every resource and handler of every play, in written order. */
    public Stream<ResourceSpec> specs() {
        return plays.stream().flatMap(p -> Stream.concat(p.resources().stream(), p.handlers().stream()));
    }
}
