package dev.converge.model;

import dev.converge.diag.SourceLocation;
import java.nio.file.Path;
import java.util.List;

/**
 * A resource (or handler) as written: its module and raw parameters, still holding variables.
 *
 * @param order position in the playbook, counting every resource and handler of every play
 * @param when a condition (expression text or boolean), or null
 * @param loop the items to repeat the resource for (a list, or an expression giving one), or null
 * @param scope the variables of the role or include it comes from ({@link Scope#NONE} when written in the play)
 */
public record ResourceSpec(
        String id,
        String module,
        YamlValue params,
        List<Ref> after,
        List<Ref> notifies,
        YamlValue when,
        List<String> tags,
        YamlValue loop,
        boolean handler,
        int order,
        SourceLocation at,
        SourceLocation moduleAt,
        Scope scope) {

    /**
     * The folder its relative source files are looked up in: the role's folder (whose {@code files/}
     * and {@code templates/} a module may search), else the folder of the file it is written in.
     */
    public Path sourceDir() {
        if (scope.roleDir() != null) {
            return scope.roleDir();
        }
        Path dir = at == null || at.file() == null
                ? null
                : at.file().toAbsolutePath().getParent();
        return dir == null ? Path.of("").toAbsolutePath() : dir;
    }

    public ResourceSpec {
        after = List.copyOf(after);
        notifies = List.copyOf(notifies);
        tags = List.copyOf(tags);
        scope = scope == null ? Scope.NONE : scope;
    }
}
