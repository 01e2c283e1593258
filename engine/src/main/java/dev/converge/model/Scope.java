package dev.converge.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * The variables a role or an include brings to its resources, besides the play's.
 *
 * @param defaults below playbook vars and the inventory (a role's {@code defaults/main.yml}, Ansible's level 2)
 * @param vars above play vars and {@code vars_files} (a role's {@code vars/main.yml}, then role and include
 *     parameters: Ansible's levels 15 and 20)
 * @param roleDir the folder of the role the resources come from (its {@code files/}, {@code templates/}),
 *     also given to them as the variable {@code role_path}, as Ansible does; null outside a role
 */
public record Scope(Map<String, Var> defaults, Map<String, Var> vars, Path roleDir) {
    /** The scope of a resource written in the play itself. */
    public static final Scope NONE = new Scope(Map.of(), Map.of(), null);

    public Scope {
        defaults = Map.copyOf(defaults);
        vars = Map.copyOf(vars);
    }

    public Scope(Map<String, Var> defaults, Map<String, Var> vars) {
        this(defaults, vars, null);
    }

    public boolean isEmpty() {
        return defaults.isEmpty() && vars.isEmpty() && roleDir == null;
    }
}
