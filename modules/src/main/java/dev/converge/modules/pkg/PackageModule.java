package dev.converge.modules.pkg;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code package}: packages present (optionally pinned), absent or at the index's candidate
 * version, with apt/dpkg, dnf, yum/rpm or apk, chosen from what the host has. The state is read
 * in the gather (dpkg-query, apt-cache policy: local files only), so {@code --check} names exactly
 * what would be installed, upgraded or removed. All packages of a resource go into one command, and
 * consecutive {@code package} resources of a host share it ({@link Operation.MergeableCommand}: one
 * {@code apt-get install} for all of them);
 * held packages are never changed (a pin or removal of a held package fails the resource).
 */
public final class PackageModule implements Module<PackageParams> {

    @Override
    public String name() {
        return "package";
    }

    @Override
    public Class<PackageParams> paramsType() {
        return PackageParams.class;
    }

    @Override
    public List<ParamProblem> validate(PackageParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name()) && p.name().isEmpty()) {
            checks.problem("name", "no package named", "e.g. name: [nfs-common]");
        }
        if (p.name() != null) {
            for (String n : p.name()) {
                Optional<PackageSpec> spec = PackageSpec.parse(n);
                if (spec.isEmpty()) {
                    checks.problem(
                            "name",
                            "'" + n + "' is not a package name (NAME, NAME:ARCH or NAME=VERSION)",
                            "e.g. nfs-common or nfs-common=1:2.6.2-4");
                } else if (spec.get().pinned() && !p.effectiveState().equals("present")) {
                    checks.problem(
                            "name",
                            "'" + n + "' pins a version, which only state: present can install",
                            "drop '=" + spec.get().version() + "' or use state: present");
                }
            }
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent", "latest"));
        if (p.cacheValidTime() != null && p.cacheValidTime() < 0) {
            checks.problem("cache_valid_time", "a negative age", "seconds, e.g. cache_valid_time: 3600");
        }
        if (p.cacheValidTime() != null && !p.refreshes()) {
            checks.problem(
                    "cache_valid_time",
                    "cache_valid_time without update_cache: true does nothing",
                    "add update_cache: true");
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(PackageParams p) {
        return PackageFacts.all(specs(p));
    }

    @Override
    public Change plan(PackageParams p, PlanContext context) {
        String found = context.hostFacts().getOrDefault("pkg_manager", "");
        PackageManager manager = PackageManager.of(found)
                .orElseThrow(() -> new PlanFailure(
                        "no supported package manager on this host (apt, dnf, yum or apk; host fact pkg_manager is '"
                                + found + "')"));
        Fact.CommandRun cacheFact = PackageFacts.cache(manager);
        PackageFacts.Cache cache = PackageFacts.Cache.parse(context.facts().command(cacheFact));
        List<PackageSpec> specs = specs(p);
        Fact.CommandRun stateFact = PackageFacts.state(manager, specs);
        Map<String, PackageFacts.Installed> state = PackageFacts.parseState(
                context.facts().command(stateFact),
                specs.stream().map(PackageSpec::name).distinct().toList());
        boolean refresh = p.refreshes() && cache.staleAfter(p.validTime());
        // the candidates read in the gather predate a refresh by this resource or an earlier one of the run
        PackagePlan plan = PackagePlan.of(p.effectiveState(), specs, state, refresh || cache.refreshedInRun());

        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>(plan.fields());
        if (refresh) {
            ops.add(new Operation.RunCommand(manager.updateCache()));
            fields.add(
                    0,
                    new Change.FieldChange(
                            "cache",
                            cache.stamp().isEmpty() ? "never updated" : "older than " + p.validTime() + " s",
                            "updated"));
        }
        if (!plan.install().isEmpty()) {
            ops.add(manager.install(plan.install().stream().map(manager::spec).toList()));
        }
        if (!plan.upgrade().isEmpty()) {
            ops.add(manager.upgrade(plan.upgrade().stream().map(manager::spec).toList()));
        }
        if (!plan.remove().isEmpty()) {
            ops.add(manager.remove(plan.remove().stream().map(PackageSpec::name).toList()));
        }
        if (!plan.failures().isEmpty()) {
            return Failure.change(String.join("; ", plan.failures()));
        }
        Change change = Change.of(ops, fields).withWarnings(plan.warnings());
        if (refresh) {
            change = change.predicting(cacheFact, cache.refreshed()); // the next resources refresh nothing
        }
        if (!plan.install().isEmpty()
                || !plan.upgrade().isEmpty()
                || !plan.remove().isEmpty()) {
            change = change.predicting(
                    stateFact, PackageFacts.print(plan.after(state).values()));
        }
        return change;
    }

    private static List<PackageSpec> specs(PackageParams p) {
        return p.name() == null
                ? List.of()
                : p.name().stream()
                        .map(PackageSpec::parse)
                        .flatMap(Optional::stream)
                        .toList();
    }
}
