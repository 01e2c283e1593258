package dev.converge.modules.pkg;

import dev.converge.spi.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure decision of {@code package}: from the desired state and the host's packages, which to
 * install, upgrade and remove, with the report's fields, warnings and the reasons it cannot.
 */
record PackagePlan(
        List<PackageSpec> install,
        List<PackageSpec> upgrade,
        List<PackageSpec> remove,
        List<Change.FieldChange> fields,
        List<String> warnings,
        List<String> failures) {

    static PackagePlan of(
            String state, List<PackageSpec> specs, Map<String, PackageFacts.Installed> host, boolean refreshFirst) {
        PackagePlan plan = new PackagePlan(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
        for (PackageSpec spec : specs) {
            PackageFacts.Installed now = host.get(spec.name());
            switch (state) {
                case "absent" -> plan.absent(spec, now);
                case "latest" -> plan.latest(spec, now, refreshFirst);
                default -> plan.present(spec, now, refreshFirst);
            }
        }
        return plan;
    }

    /**
     * The packages as this plan leaves them (the change's predicted post-state): installed at the pin,
     * else at the candidate (empty when the index has not been read: some version), or removed.
     */
    Map<String, PackageFacts.Installed> after(Map<String, PackageFacts.Installed> before) {
        Map<String, PackageFacts.Installed> out = new LinkedHashMap<>(before);
        for (PackageSpec s : install) {
            PackageFacts.Installed b = before.get(s.name());
            out.put(
                    s.name(),
                    new PackageFacts.Installed(
                            b.name(), true, b.held(), s.pinned() ? s.version() : b.candidate(), b.candidate()));
        }
        for (PackageSpec s : upgrade) {
            PackageFacts.Installed b = before.get(s.name());
            out.put(
                    s.name(),
                    new PackageFacts.Installed(
                            b.name(),
                            true,
                            b.held(),
                            b.candidate().isEmpty() ? b.version() : b.candidate(),
                            b.candidate()));
        }
        for (PackageSpec s : remove) {
            PackageFacts.Installed b = before.get(s.name());
            out.put(s.name(), new PackageFacts.Installed(b.name(), false, false, "", b.candidate()));
        }
        return out;
    }

    private void present(PackageSpec spec, PackageFacts.Installed now, boolean refreshFirst) {
        if (now.installed() && spec.satisfiedBy(now.version())) {
            return;
        }
        if (now.installed() && now.held()) {
            failures.add(spec.name() + " is held at " + now.version() + " (apt-mark unhold " + spec.name()
                    + " to let converge change it)");
            return;
        }
        if (!refreshFirst && now.candidate().isEmpty() && !spec.pinned()) {
            failures.add(
                    "no package " + spec.name() + " in this host's package index (update_cache: true refreshes it)");
            return;
        }
        String to = spec.pinned() ? spec.version() : now.candidate().isEmpty() ? "present" : now.candidate();
        install.add(spec);
        fields.add(new Change.FieldChange(spec.name(), now.installed() ? now.version() : "absent", to));
    }

    private void latest(PackageSpec spec, PackageFacts.Installed now, boolean refreshFirst) {
        if (!now.installed()) {
            present(spec, now, refreshFirst);
            return;
        }
        if (now.held()) {
            if (!now.candidate().isEmpty() && !now.candidate().equals(now.version())) {
                warnings.add(spec.name() + " is held at " + now.version() + ": not upgraded to " + now.candidate());
            }
            return;
        }
        if (refreshFirst) {
            // the candidate is only known once the index is refreshed: upgrade whatever it is then
            upgrade.add(spec);
            fields.add(new Change.FieldChange(spec.name(), now.version(), "latest after the index update"));
        } else if (!now.candidate().isEmpty() && !now.candidate().equals(now.version())) {
            upgrade.add(spec);
            fields.add(new Change.FieldChange(spec.name(), now.version(), now.candidate()));
        }
    }

    private void absent(PackageSpec spec, PackageFacts.Installed now) {
        if (!now.installed()) {
            return;
        }
        if (now.held()) {
            failures.add(spec.name() + " is held at " + now.version() + " (apt-mark unhold " + spec.name()
                    + " to let converge remove it)");
            return;
        }
        remove.add(spec);
        fields.add(new Change.FieldChange(spec.name(), now.version(), "absent"));
    }
}
