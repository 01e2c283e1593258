package dev.converge.run;

import dev.converge.bind.Binder;
import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance;
import dev.converge.bind.SelectionWarnings;
import dev.converge.config.PlaybookLoader;
import dev.converge.config.RunInputs;
import dev.converge.config.SecretTaint;
import dev.converge.config.Templating;
import dev.converge.diag.InvalidInputException;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.diag.Trace;
import dev.converge.gather.GatherScript;
import dev.converge.graph.GraphBuilder;
import dev.converge.graph.ResourceGraph;
import dev.converge.graph.Stage;
import dev.converge.graph.Stages;
import dev.converge.inventory.Inventory;
import dev.converge.inventory.InventorySources;
import dev.converge.model.Host;
import dev.converge.model.Playbook;
import dev.converge.model.Var;
import dev.converge.plan.StatConditions;
import dev.converge.secret.SecretCollector;
import dev.converge.secret.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
 * @param stages the parts of the run brought to completion one after another (one without {@code serial:})
 */
public record CompiledRun(
        Playbook playbook,
        Inventory inventory,
        ResourceGraph graph,
        Templating templating,
        Secrets secrets,
        List<Problem> warnings,
        List<Stage> stages) {

    /** @throws InvalidInputException with every problem found */
    public static CompiledRun compile(RunOptions options, ModuleRegistry registry) {
        Problems problems = new Problems();
        RunInputs inputs = options.inputs();
        Playbook playbook = PlaybookLoader.load(options.playbook(), registry.names(), inputs, problems);
        Trace.mark("playbook loaded");
        Inventory inventory = InventorySources.load(
                options.inventories(), options.playbook().toAbsolutePath().getParent(), inputs, problems);
        Trace.mark("inventory loaded");
        Path base = options.playbook().toAbsolutePath().getParent();
        List<Path> templateDirs = new ArrayList<>(List.of(base.resolve("templates")));
        if (base.getParent() != null) {
            templateDirs.add(base.getParent().resolve("templates"));
        }
        templateDirs.addAll(playbook.templateDirs());
        SecretTaint taint =
                new SecretTaint(playbook.secretNames(), inputs.vault().revealed());
        Templating templating = new Templating(templateDirs, taint, inputs);
        Binder binder = new Binder(inventory, registry, templating, options.selection(), problems);
        var plays = binder.bind(playbook);
        if (options.inventories().isEmpty()) {
            requireInventory(plays, problems);
        }
        Trace.mark("bound");
        Map<String, Object> commandLine = options.selection().connectionDefaults();
        Inventory connecting = withExtraVars(
                ConnectionDefaults.apply(
                        ConnectionDefaults.fromPlays(inventory, plays, commandLine, problems), commandLine),
                options.selection().extraVars());
        // the connection settings count too: -K's ansible_become_password is masked like any secret-looking variable
        Secrets secrets = secrets(playbook, connecting, plays, taint, inputs);
        ResourceGraph graph = problems.isEmpty() ? GraphBuilder.build(playbook, plays, problems) : null;
        List<Stage> stages = graph == null ? List.of() : Stages.of(plays, graph, problems);
        if (graph != null) {
            ConnectionSpecs.validate(connecting, graph.hosts(), problems);
            checkConditions(graph, templating, problems);
        }
        if (!problems.isEmpty()) {
            List<Problem> masked = problems.list().stream()
                    .map(p -> new Problem(p.at(), secrets.mask(p.reason()), secrets.mask(p.hint())))
                    .toList();
            throw new InvalidInputException(masked);
        }
        List<Problem> warnings = new ArrayList<>(inventory.warnings());
        warnings.addAll(binder.warnings());
        warnings.addAll(SelectionWarnings.of(playbook, options.selection()));
        return new CompiledRun(playbook, connecting, graph, templating, secrets, warnings, stages);
    }

    private static Secrets secrets(
            Playbook playbook,
            Inventory inventory,
            List<Binder.PlayInstances> plays,
            SecretTaint taint,
            RunInputs inputs) {
        SecretCollector collector = new SecretCollector(playbook.secretNames())
                .values(taint.derived())
                .values(inputs.vault().revealed());
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

    /**
     * Checks every {@code when:} before any host is contacted: a syntax error or an undefined
     * variable is bad input (exit 3), not a failure found on each host after connecting. Facts are
     * placeholders here, so only errors that no fact value could fix are reported.
     */
    private static void checkConditions(ResourceGraph graph, Templating templating, Problems problems) {
        Set<String> seen = new HashSet<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        GatherScript.HOST_FACTS.forEach(f -> facts.put(f, "")); // placeholders: no host is read yet
        for (var key : graph.order()) {
            var instance = graph.instance(key);
            if (instance.spec().when() == null) {
                continue;
            }
            Map<String, Object> model = new LinkedHashMap<>(instance.model());
            var stats = StatConditions.resolve(instance.spec().when(), instance.model(), templating);
            if (!stats.problems().isEmpty()) {
                stats.problems().stream().filter(p -> seen.add(p.render())).forEach(problems::add);
                continue;
            }
            Map<String, Object> hostFacts = new LinkedHashMap<>(facts);
            hostFacts.put("stat", StatConditions.placeholders(stats.paths()));
            model.put("facts", hostFacts);
            for (Templating.ConditionFailure f :
                    templating.conditionFailures(instance.spec().when(), model)) {
                boolean certain =
                        f.kind() == Templating.Failure.Kind.SYNTAX || f.kind() == Templating.Failure.Kind.UNDEFINED;
                if (certain && seen.add(f.problem().render())) {
                    problems.add(f.problem());
                }
            }
        }
    }

    /**
     * The inventory as the run connects to it: extra vars win over every inventory variable, so
     * {@code -e ansible_user=deploy} or {@code -e ansible_connection=local} change how converge connects.
     */
    static Inventory withExtraVars(Inventory inventory, Map<String, Object> extraVars) {
        if (extraVars.isEmpty()) {
            return inventory;
        }
        SourceLocation at = SourceLocation.of(Path.of("<-e>"));
        Map<String, Host> hosts = new LinkedHashMap<>();
        inventory.hosts().forEach((name, host) -> {
            Map<String, Var> vars = new LinkedHashMap<>(host.vars());
            extraVars.forEach((k, v) -> vars.put(k, new Var(v, at)));
            hosts.put(name, new Host(name, vars, host.groups(), host.at()));
        });
        return new Inventory(inventory.source(), hosts, inventory.groups(), inventory.tree(), inventory.warnings());
    }

    /**
     * Without an inventory only the implicit {@code localhost} exists, and (as in Ansible) it matches
     * only {@code localhost}: a play that selects nothing then is a missing inventory, not a no-op.
     */
    private static void requireInventory(List<Binder.PlayInstances> plays, Problems problems) {
        for (Binder.PlayInstances play : plays) {
            if (play.byHost().isEmpty()) {
                problems.add(
                        play.play().hostsAt(),
                        "no inventory was given, so '" + play.play().hosts()
                                + "' matches no host (the implicit localhost matches only 'localhost', never 'all')",
                        "pass one with -i (e.g. -i inventory/lab.yml, written by lab/up), or name it in ansible.cfg ([defaults] inventory = ...) or ANSIBLE_INVENTORY");
            }
        }
    }
}
