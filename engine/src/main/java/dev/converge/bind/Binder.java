package dev.converge.bind;

import dev.converge.config.Suggest;
import dev.converge.config.Templating;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.inventory.HostPattern;
import dev.converge.inventory.Inventory;
import dev.converge.model.Play;
import dev.converge.model.Playbook;
import dev.converge.model.ResourceSpec;
import dev.converge.model.Scope;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.SourceFiles;
import dev.converge.spi.TemplateRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds every selected resource to every host its play targets: variables rendered, loops
 * expanded, parameters bound to the module's record and validated. No host is contacted; every
 * problem of the run is collected. Hosts are bound in parallel (templates, Jackson and the
 * modules' validation are shared read-only); problems are sorted, so their order does not depend
 * on it.
 */
public final class Binder {
    private final Inventory inventory;
    private final ModuleRegistry registry;
    private final Templating templating;
    private final RunSelection selection;
    private final Problems problems;
    private final HostVariables hostVariables;
    private final List<Problem> warnings = new ArrayList<>();
    private volatile int startOrder = -1;

    public Binder(
            Inventory inventory,
            ModuleRegistry registry,
            Templating templating,
            RunSelection selection,
            Problems problems) {
        this.inventory = inventory;
        this.registry = registry;
        this.templating = templating;
        this.selection = selection;
        this.problems = problems;
        this.hostVariables = new HostVariables(inventory, templating, selection.extraVars());
    }

    /** The bound instances of a playbook, play by play, each play's hosts in inventory order. */
    public List<PlayInstances> bind(Playbook playbook) {
        Set<String> limited = selection.limit().isBlank()
                ? null
                : Set.copyOf(select(selection.limit(), SourceLocation.of(Path.of("<--limit>"))));
        if (limited != null && limited.isEmpty()) {
            warnings.add(new Problem(
                    SourceLocation.of(Path.of("<--limit>")),
                    "--limit '" + selection.limit() + "' matches no host of the inventory: nothing will run",
                    "check the pattern against `converge inventory --graph`"));
        }
        startOrder = startOrder(playbook);
        List<PlayInstances> out = new ArrayList<>();
        for (Play play : playbook.plays()) {
            List<String> all = select(play.hosts(), play.hostsAt());
            List<String> hosts = all.stream()
                    .filter(h -> limited == null || limited.contains(h))
                    .toList();
            if (hosts.isEmpty() && !all.isEmpty()) {
                warnings.add(new Problem(
                        play.hostsAt(),
                        "no host of '" + play.hosts() + "' is within --limit '" + selection.limit()
                                + "'; skipping the play",
                        ""));
            } else if (hosts.isEmpty()) {
                warnings.add(new Problem(
                        play.hostsAt(),
                        "no hosts matched '" + play.hosts() + "'"
                                + (inventory.hosts().isEmpty() ? ": the inventory is empty" : "")
                                + "; skipping the play",
                        ""));
            }
            // hosts are bound independently (a flagship with a loop over all hosts is hosts² instances): in parallel
            List<HostInstances> bound = hosts.parallelStream()
                    .map(host -> bindHost(playbook, play, host))
                    .toList();
            Map<String, List<ResourceInstance>> byHost = new LinkedHashMap<>();
            for (HostInstances h : bound) {
                byHost.put(h.host(), h.instances());
                problems.addAll(h.problems());
            }
            out.add(new PlayInstances(play, byHost));
            if (limited != null && hosts.size() == 1 && all.size() > 1) {
                warnAboutLonePeers(play, byHost);
            }
        }
        return out;
    }

    /** A resource that compares the play's hosts ({@code agree}) that --limit leaves with one host compares nothing. */
    private void warnAboutLonePeers(Play play, Map<String, List<ResourceInstance>> byHost) {
        byHost.forEach((host, instances) -> instances.stream()
                .filter(ResourceInstance::readsPeers)
                .map(ResourceInstance::spec)
                .distinct()
                .forEach(spec -> warnings.add(new Problem(
                        spec.moduleAt(),
                        "--limit '" + selection.limit() + "' leaves '"
                                + spec.id() + "' (" + spec.module() + ") with one host of '" + play.hosts() + "' ("
                                + host
                                + "): it has no other host to compare with",
                        "widen --limit to the play's hosts, or leave it out with --skip-tags"))));
    }

    /** The written position of {@code --start-at-task}'s resource: the ones before it are not run (as with tags). */
    private int startOrder(Playbook playbook) {
        String start = selection.startAt();
        if (start.isBlank()) {
            return -1;
        }
        String derived =
                start.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-").replaceAll("^-+|-+$", "");
        List<ResourceSpec> resources =
                playbook.specs().filter(s -> !s.handler()).toList();
        Optional<ResourceSpec> found = resources.stream()
                .filter(s -> s.id().equals(start))
                .findFirst()
                .or(() -> resources.stream().filter(s -> s.id().equals(derived)).findFirst());
        if (found.isEmpty()) {
            problems.add(
                    SourceLocation.of(Path.of("<--start-at-task>")),
                    "--start-at-task '" + start + "' names no resource of the playbook",
                    Suggest.hint(start, resources.stream().map(ResourceSpec::id).toList(), "ids") + " (--list-tasks)");
            return -1;
        }
        return found.get().order();
    }

    private List<String> select(String pattern, SourceLocation at) {
        try {
            return inventory.select(pattern, at, warnings);
        } catch (HostPattern.Invalid e) {
            problems.add(
                    at, e.getMessage(), "see Ansible's host patterns: a:b, a:&b, a:!b, web*, ~regex, web[0], web[0:2]");
            return List.of();
        }
    }

    /** What Ansible would warn about while selecting hosts: patterns that match nothing, plays with no host. */
    public List<Problem> warnings() {
        return List.copyOf(warnings);
    }

    private record HostInstances(String host, List<ResourceInstance> instances, Problems problems) {}

    private HostInstances bindHost(Playbook playbook, Play play, String host) {
        Problems found = new Problems();
        Map<Scope, Map<String, Object>> models = new IdentityHashMap<>();
        Function<ResourceSpec, Map<String, Object>> model = spec -> models.computeIfAbsent(
                spec.scope(),
                scope -> hostVariables.model(
                        inventory.host(host),
                        layered(scope.defaults(), playbook.vars()),
                        layered(play.vars(), scope.vars()),
                        found));
        List<ResourceInstance> instances = new ArrayList<>();
        for (ResourceSpec spec : play.resources()) {
            if (selection.selects(spec.tags()) && spec.order() >= startOrder) {
                instances.addAll(bind(host, spec, model.apply(spec), found));
            }
        }
        for (ResourceSpec spec : play.handlers()) {
            instances.addAll(bind(host, spec, model.apply(spec), found));
        }
        return new HostInstances(host, instances, found);
    }

    /** {@code low}'s variables overridden by {@code high}'s. */
    private static Map<String, Var> layered(Map<String, Var> low, Map<String, Var> high) {
        if (low.isEmpty()) {
            return high;
        }
        Map<String, Var> out = new LinkedHashMap<>(low);
        out.putAll(high);
        return out;
    }

    /** A play's instances per host. */
    public record PlayInstances(Play play, Map<String, List<ResourceInstance>> byHost) {}

    private List<ResourceInstance> bind(String host, ResourceSpec spec, Map<String, Object> model, Problems found) {
        if (spec.loop() == null) {
            return bindOne(host, spec.id(), spec, model, found).stream().toList();
        }
        Object items = templating.renderValue(spec.loop(), model, found);
        if (!(items instanceof List<?> list)) {
            if (items != null) {
                found.add(
                        spec.loop().at(),
                        "loop: must give a list, not " + describe(items),
                        "write a YAML list, or ${a_list_variable}");
            }
            return List.of();
        }
        List<ResourceInstance> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            Map<String, Object> itemModel = new LinkedHashMap<>(model);
            itemModel.put("item", item);
            String suffix = item instanceof String || item instanceof Number ? String.valueOf(item) : String.valueOf(i);
            bindOne(host, spec.id() + "[" + suffix + "]", spec, itemModel, found)
                    .ifPresent(out::add);
        }
        return out;
    }

    private Optional<ResourceInstance> bindOne(
            String host, String id, ResourceSpec spec, Map<String, Object> model, Problems found) {
        Module<?> module = registry.find(spec.module()).orElseThrow();
        Problems rendering = new Problems();
        Object rendered = templating.renderValue(spec.params(), model, rendering);
        ParamHygiene.check(spec.module(), spec.params(), rendered, spec.moduleAt(), rendering);
        found.addAll(rendering);
        if (!rendering.isEmpty()) {
            return Optional.empty();
        }
        Problems local = new Problems();
        Optional<? extends Record> params =
                ParamBinder.bind(module.paramsType(), spec.module(), spec.params(), rendered, spec.moduleAt(), local);
        found.addAll(local);
        if (params.isEmpty()) {
            return Optional.empty();
        }
        for (ParamProblem p :
                validate(module, params.get(), model, LocalSources.of(spec.at().file(), templating))) {
            YamlValue raw = spec.params();
            var at = raw instanceof YamlValue.Mapping map && !p.parameter().isEmpty()
                    ? ParamBinder.keyAt(map, module.paramsType(), p.parameter())
                    : spec.moduleAt();
            found.add(at, p.reason() + " (module '" + spec.module() + "', host " + host + ")", p.hint());
        }
        checkHostReferences(host, spec, module, params.get(), found);
        return Optional.of(new ResourceInstance(host, id, spec, module, params.get(), model));
    }

    /** Every host name the parameters refer to ({@link Module#hostReferences}) is one of the inventory. */
    @SuppressWarnings("unchecked")
    private <P extends Record> void checkHostReferences(
            String host, ResourceSpec spec, Module<P> module, Record params, Problems found) {
        module.hostReferences((P) params).forEach((parameter, name) -> {
            if (name != null && !inventory.hosts().containsKey(name)) {
                var at = spec.params() instanceof YamlValue.Mapping map ? map.keyAt(parameter) : spec.moduleAt();
                found.add(
                        at,
                        parameter + ": '" + name + "' is no host of the inventory (module '" + spec.module()
                                + "', host " + host + ")",
                        "known hosts: " + String.join(", ", inventory.hosts().keySet()));
            }
        });
    }

    @SuppressWarnings("unchecked")
    private <P extends Record> List<ParamProblem> validate(
            Module<P> module, Record params, Map<String, Object> model, SourceFiles sources) {
        TemplateRenderer renderer = new TemplateRenderer() {
            @Override
            public String render(String name) {
                try {
                    return templating.renderFile(name, model);
                } catch (Templating.RenderException e) {
                    if (e.failure().kind() == Templating.Failure.Kind.FACTS_NOT_YET) {
                        return ""; // the part that needs facts is rendered, and checked, when the host's facts are read
                    }
                    throw ModelRenderer.problem(e);
                }
            }

            @Override
            public SourceFiles sources() {
                return sources;
            }
        };
        return module.validate((P) params, renderer);
    }

    private static String describe(Object value) {
        return value instanceof Map ? "a map" : "'" + value + "'";
    }
}
