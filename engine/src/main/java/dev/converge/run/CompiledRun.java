package dev.converge.run;

import dev.converge.config.InventoryLoader;
import dev.converge.config.PlaybookLoader;
import dev.converge.config.Templating;
import dev.converge.diag.InvalidInputException;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.engine.Binder;
import dev.converge.engine.ModuleRegistry;
import dev.converge.engine.ResourceInstance;
import dev.converge.graph.GraphBuilder;
import dev.converge.graph.ResourceGraph;
import dev.converge.model.Host;
import dev.converge.model.Inventory;
import dev.converge.model.Playbook;
import dev.converge.model.Var;
import dev.converge.secret.SecretCollector;
import dev.converge.secret.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A playbook and inventory loaded, bound and turned into a validated graph, without contacting
 * any host. Every problem of the input is reported at once, with secret values masked.
 *
 * @param inventory the inventory the graph's hosts come from
 * @param secrets the values every output must mask
 */
public record CompiledRun(Playbook playbook, Inventory inventory, ResourceGraph graph, Templating templating, Secrets secrets) {

    /** @throws InvalidInputException with every problem found */
    public static CompiledRun compile(RunOptions options, ModuleRegistry registry) {
        Problems problems = new Problems();
        Playbook playbook = PlaybookLoader.load(options.playbook(), registry.names(), problems);
        dev.converge.diag.Trace.mark("playbook loaded");
        Inventory inventory = options.inventory() == null ? implicitLocalhost(options.playbook())
                : InventoryLoader.load(options.inventory(), problems);
        dev.converge.diag.Trace.mark("inventory loaded");
        Path base = options.playbook().toAbsolutePath().getParent();
        List<Path> templateDirs = new ArrayList<>(List.of(base.resolve("templates")));
        if (base.getParent() != null) {
            templateDirs.add(base.getParent().resolve("templates"));
        }
        Templating templating = new Templating(templateDirs);
        var plays = new Binder(inventory, registry, templating, options.selection(), problems).bind(playbook);
        dev.converge.diag.Trace.mark("bound");
        Secrets secrets = secrets(playbook, inventory, plays);
        ResourceGraph graph = problems.isEmpty() ? GraphBuilder.build(playbook, plays, problems) : null;
        if (!problems.isEmpty()) {
            List<Problem> masked = problems.list().stream()
                    .map(p -> new Problem(p.at(), secrets.mask(p.reason()), secrets.mask(p.hint()))).toList();
            throw new InvalidInputException(masked);
        }
        return new CompiledRun(playbook, inventory, graph, templating, secrets);
    }

    private static Secrets secrets(Playbook playbook, Inventory inventory, List<Binder.PlayInstances> plays) {
        SecretCollector collector = new SecretCollector(playbook.secretNames());
        for (Host host : inventory.hosts().values()) {
            Map<String, Object> vars = new LinkedHashMap<>();
            host.vars().forEach((k, v) -> vars.put(k, v.value()));
            collector.inventoryVariables(vars);
        }
        Set<Map<String, Object>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Binder.PlayInstances play : plays) {
            for (List<ResourceInstance> instances : play.byHost().values()) {
                for (ResourceInstance instance : instances) {
                    if (seen.add(instance.model())) {
                        collector.variables(instance.model());
                    }
                    collector.parameters(instance.params());
                }
            }
        }
        return collector.secrets();
    }

    private static Inventory implicitLocalhost(Path playbook) {
        SourceLocation at = SourceLocation.of(playbook);
        Host localhost = new Host("localhost", Map.of("ansible_connection", new Var("local", at)), List.of("all"), at);
        return new Inventory(playbook, Map.of("localhost", localhost), Map.of("all", List.of("localhost")));
    }
}
