package dev.converge.bind;

import dev.converge.config.Templating;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.inventory.Inventory;
import dev.converge.model.Host;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the variable model of a host in Ansible's precedence order (the later wins): playbook
 * vars (converge's defaults, where Ansible has role defaults), the inventory's variables (group and
 * host, already merged in Ansible's order by the inventory), play vars, then extra vars; plus {@code inventory_hostname},
 * {@code group_names}, {@code groups} and {@code hostvars}. Variables that refer to other variables
 * are rendered until stable.
 */
final class HostVariables {
    private static final int MAX_DEPTH = 8;
    private final Inventory inventory;
    private final Templating templating;
    private final Map<String, Object> extraVars;
    private final Map<String, Object> hostvars = new LinkedHashMap<>();

    HostVariables(Inventory inventory, Templating templating, Map<String, Object> extraVars) {
        this.inventory = inventory;
        this.templating = templating;
        this.extraVars = extraVars;
        inventory.hosts().forEach((name, host) -> {
            Map<String, Object> vars = new LinkedHashMap<>();
            host.vars().forEach((k, v) -> vars.put(k, v.value()));
            vars.putAll(extraVars);
            vars.put("inventory_hostname", name);
            hostvars.put(name, vars);
        });
    }

    Map<String, Object> model(Host host, Map<String, Var> playbookVars, Map<String, Var> playVars, Problems problems) {
        Map<String, Var> layered = new LinkedHashMap<>(playbookVars);
        layered.putAll(host.vars());
        layered.putAll(playVars);
        extraVars.forEach((k, v) -> layered.put(k, new Var(v, SourceLocation.of(Path.of("<-e>")))));
        Map<String, Object> model = new LinkedHashMap<>();
        layered.forEach((k, v) -> model.put(k, v.value()));
        model.put("inventory_hostname", host.name());
        model.put(
                "group_names",
                host.groups().stream().filter(g -> !g.equals("all")).sorted().toList());
        model.put("groups", inventory.groups());
        model.put("hostvars", hostvars);
        resolveReferences(layered, model, problems);
        return model;
    }

    /** Renders variable values holding ${...} against the model, repeatedly, until none changes. */
    private void resolveReferences(Map<String, Var> layered, Map<String, Object> model, Problems problems) {
        for (int round = 0; round < MAX_DEPTH; round++) {
            boolean changed = false;
            for (Map.Entry<String, Var> e : layered.entrySet()) {
                Object current = model.get(e.getKey());
                if (!(current instanceof String text) || !Templating.hasTemplate(text)) {
                    continue;
                }
                try {
                    Object rendered = templating.render(text, model);
                    if (!text.equals(rendered)) {
                        model.put(e.getKey(), rendered);
                        changed = true;
                    }
                } catch (Templating.RenderException ex) {
                    problems.add(
                            e.getValue().at(),
                            "in variable '" + e.getKey() + "': " + ex.failure().reason(),
                            ex.failure().hint());
                    model.put(e.getKey(), "");
                }
            }
            if (!changed) {
                break; // stable: a value that still holds ${...} renders to itself, a loop between variables
            }
        }
        for (Map.Entry<String, Var> e : layered.entrySet()) {
            if (model.get(e.getKey()) instanceof String text && Templating.hasTemplate(text)) {
                problems.add(
                        e.getValue().at(),
                        "variable '" + e.getKey() + "' refers to itself, directly or through others",
                        "make one of the variables in the chain a plain value");
            }
        }
    }
}
