package dev.converge.run;

import dev.converge.config.InventoryLoader;
import dev.converge.config.PlaybookLoader;
import dev.converge.config.Templating;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.engine.Binder;
import dev.converge.engine.ModuleRegistry;
import dev.converge.graph.GraphBuilder;
import dev.converge.graph.ResourceGraph;
import dev.converge.model.Host;
import dev.converge.model.Inventory;
import dev.converge.model.Playbook;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A playbook and inventory loaded, bound and turned into a validated graph, without contacting
 * any host. Every problem of the input is reported at once.
 *
 * @param inventory the inventory the graph's hosts come from
 */
public record CompiledRun(Playbook playbook, Inventory inventory, ResourceGraph graph, Templating templating) {

    /** @throws dev.converge.diag.InvalidInputException with every problem found */
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
        ResourceGraph graph = problems.isEmpty() ? GraphBuilder.build(playbook, plays, problems) : null;
        problems.throwIfAny();
        return new CompiledRun(playbook, inventory, graph, templating);
    }

    private static Inventory implicitLocalhost(Path playbook) {
        SourceLocation at = SourceLocation.of(playbook);
        Host localhost = new Host("localhost", Map.of("ansible_connection", new Var("local", at)), List.of("all"), at);
        return new Inventory(playbook, Map.of("localhost", localhost), Map.of("all", List.of("localhost")));
    }
}
