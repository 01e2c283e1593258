package dev.converge.modules.systemd;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code systemd}: a unit's file and drop-ins (written whole), then {@code systemctl daemon-reload}
 * when one changed (or systemd says the unit needs it; one reload for consecutive {@code systemd}
 * resources: {@link #DAEMON_RELOAD}), then mask/unmask, enable/disable and the
 * running state. The files are read in the gather with the unit's state ({@code is-enabled},
 * {@code is-active}, {@code NeedDaemonReload}), so {@code --check} shows each of them.
 */
public final class SystemdModule implements Module<SystemdParams> {
    private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9@_.:\\\\-]+");
    private static final Pattern DROPIN = Pattern.compile("[A-Za-z0-9@_.-]+\\.conf");

    /**
     * Prints {@code enabled=WORD}, {@code active=WORD}, {@code reload=yes|no}; the unit is {@code $1}.
     * Run only where the host fact {@code init} is systemd (no shell copy of the init detection).
     */
    static final String STATUS = """
            echo "enabled=$(systemctl is-enabled -- "$1" 2>/dev/null)"
            echo "active=$(systemctl is-active -- "$1" 2>/dev/null)"
            echo "reload=$(systemctl show -p NeedDaemonReload --value -- "$1" 2>/dev/null)"
            """;

    /**
     * Shared by consecutive {@code systemd} resources of a host's batch: their files are all
     * written, then ONE daemon-reload runs, then each unit's mask/enable/state commands.
     */
    static final Operation.MergeableCommand DAEMON_RELOAD =
            new Operation.MergeableCommand(List.of("systemctl", "daemon-reload"), List.of());

    @Override
    public String name() {
        return "systemd";
    }

    @Override
    public Class<SystemdParams> paramsType() {
        return SystemdParams.class;
    }

    @Override
    public List<ParamProblem> validate(SystemdParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name())
                && (!UNIT.matcher(p.name()).matches() || p.name().startsWith("-"))) {
            checks.problem("name", "'" + p.name() + "' is not a unit name", "e.g. name: libvirtd.service");
        }
        for (String file : p.dropins().keySet()) {
            if (!DROPIN.matcher(file).matches()) {
                checks.problem(
                        "dropins",
                        "'" + file + "' is not a drop-in file name (NAME.conf, no /)",
                        "e.g. 50-listen.conf");
            }
        }
        checks.oneOf("state", p.state(), Set.of("started", "stopped", "restarted", "reloaded"));
        checks.absolutePath("unit_dir", p.unitDir());
        WriteGuard.check(checks, p.validate());
        if ((p.validate() != null || Boolean.TRUE.equals(p.backup()))
                && p.content() == null
                && p.dropins().isEmpty()) {
            checks.problem(
                    p.validate() != null ? "validate" : "backup",
                    "validate and backup guard the unit file or drop-ins, and none is given",
                    "add content: or dropins:, or remove them");
        }
        if (p.content() == null
                && p.dropins().isEmpty()
                && p.enabled() == null
                && p.state() == null
                && p.masked() == null) {
            checks.problem(
                    "name", "nothing to do: no content, dropins, enabled, state or masked", "add e.g. state: started");
        }
        if (Boolean.TRUE.equals(p.masked()) && (Boolean.TRUE.equals(p.enabled()) || "started".equals(p.state()))) {
            checks.problem(
                    "masked", "a masked unit cannot be enabled or started", "drop masked: true, or enabled/state");
        }
        return checks.problems();
    }

    static TypedFact<Map<String, String>> status(SystemdParams p) {
        return new TypedFact<>(
                new Fact.CommandRun(List.of("sh", "-c", STATUS, "converge-systemd", p.unit()))
                        .onlyWhere("init", "systemd"),
                SystemdModule::parse,
                SystemdModule::print);
    }

    private static Map<String, String> files(SystemdParams p) {
        Map<String, String> files = new LinkedHashMap<>();
        if (p.content() != null) {
            files.put(p.unitPath(), p.content());
        }
        p.dropins().forEach((name, content) -> files.put(p.dropinPath(name), content));
        return files;
    }

    private static String dropinDir(SystemdParams p) {
        return p.dir() + "/" + p.unit() + ".d";
    }

    private static boolean needsSystemctl(SystemdParams p) {
        return p.enabled() != null || p.state() != null || p.masked() != null;
    }

    @Override
    public Set<Fact> facts(SystemdParams p) {
        Set<Fact> facts = new HashSet<>();
        files(p).keySet().forEach(path -> facts.add(new Fact.FileRead(path)));
        if (!p.dropins().isEmpty()) {
            facts.add(new Fact.FileRead(dropinDir(p)));
        }
        facts.add(status(p).fact());
        return facts;
    }

    @Override
    public Set<String> paths(SystemdParams p) {
        return files(p).keySet();
    }

    @Override
    public Change plan(SystemdParams p, PlanContext context) {
        boolean systemd = "systemd".equals(context.hostFacts().get("init"));
        Map<String, String> status = systemd ? context.facts().read(status(p)) : Map.of();
        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        if (!p.dropins().isEmpty() && !context.facts().file(dropinDir(p)).exists()) {
            ops.add(new Operation.MakeDirectory(dropinDir(p), "0755", "", ""));
        }
        for (Map.Entry<String, String> f : files(p).entrySet()) {
            FileInfo now = context.facts().file(f.getKey());
            byte[] wanted = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (!now.exists() || !Arrays.equals(now.content(), wanted)) {
                ops.add(Operation.WriteFile.replacing(now, wanted, now.exists() ? "" : "0644", "", ""));
                fields.add(new Change.FieldChange(
                        f.getKey(),
                        now.exists() ? now.content().length + " bytes" : "absent",
                        wanted.length + " bytes"));
            }
        }
        if (!systemd) {
            if (needsSystemctl(p)) {
                throw new PlanFailure("this host does not run systemd (host fact init is '"
                        + context.hostFacts().getOrDefault("init", "") + "'): use the service module");
            }
            Change files = guarded(Change.of(ops, fields), p, context);
            return files.changed()
                    ? files.withWarnings(
                            List.of("this host does not run systemd: the files are written, no daemon-reload"))
                    : files;
        }
        if (!ops.isEmpty() || "yes".equals(status.get("reload"))) {
            ops.add(DAEMON_RELOAD);
            if (ops.size() == 1) {
                fields.add(new Change.FieldChange("daemon-reload", "needed", "done"));
            }
        }
        Map<String, String> after = new LinkedHashMap<>(status);
        after.put("reload", "no");
        String enabled = status.getOrDefault("enabled", "");
        String active = status.getOrDefault("active", "");
        boolean isMasked = enabled.startsWith("masked");
        if (p.masked() != null && p.masked() != isMasked) {
            ops.add(new Operation.RunCommand(List.of("systemctl", p.masked() ? "mask" : "unmask", "--", p.unit())));
            after.put("enabled", p.masked() ? "masked" : "disabled");
            fields.add(new Change.FieldChange(
                    "masked", String.valueOf(isMasked), p.masked().toString()));
        }
        if (p.enabled() != null
                && !Set.of("static", "indirect", "generated", "alias").contains(enabled)) {
            boolean on = enabled.equals("enabled") || enabled.equals("enabled-runtime");
            if (on != p.enabled()) {
                ops.add(new Operation.RunCommand(
                        List.of("systemctl", p.enabled() ? "enable" : "disable", "--", p.unit())));
                after.put("enabled", p.enabled() ? "enabled" : "disabled");
                fields.add(new Change.FieldChange(
                        "enabled", enabled.isEmpty() ? "?" : enabled, p.enabled() ? "enabled" : "disabled"));
            }
        }
        boolean converges = true;
        if (p.state() != null) {
            boolean running = active.equals("active") || active.equals("reloading") || active.equals("activating");
            String verb = switch (p.state()) {
                case "started" -> running ? null : "start";
                case "stopped" -> running ? "stop" : null;
                case "restarted" -> "restart";
                default -> "reload";
            };
            converges = p.state().equals("started") || p.state().equals("stopped");
            if (verb != null) {
                ops.add(new Operation.RunCommand(List.of("systemctl", verb, "--", p.unit())));
                after.put("active", p.state().equals("stopped") ? "inactive" : "active");
                fields.add(new Change.FieldChange("state", active.isEmpty() ? "?" : active, p.state()));
            }
        }
        Change change = guarded(Change.of(ops, fields), p, context);
        if (change.changed()) {
            change = change.predicting(status(p), after); // a later resource on this unit reads the state it will have
        }
        return converges ? change : change.nonConverging();
    }

    /** Every write of a unit file or drop-in validated and backed up as asked. */
    private static Change guarded(Change change, SystemdParams p, PlanContext context) {
        for (String path : files(p).keySet()) {
            change =
                    WriteGuard.guard(change, context.facts().file(path), p.validate(), Boolean.TRUE.equals(p.backup()));
        }
        return change;
    }

    /** What {@link #STATUS} prints for a state (the inverse of {@link #parse}), for predictions. */
    static CommandOutput print(Map<String, String> state) {
        StringBuilder out = new StringBuilder();
        state.forEach((k, v) -> out.append(k).append('=').append(v).append('\n'));
        return new CommandOutput(0, out.toString(), "");
    }

    static Map<String, String> parse(CommandOutput out) {
        Map<String, String> m = new LinkedHashMap<>();
        out.stdout().lines().forEach(l -> {
            int eq = l.indexOf('=');
            if (eq > 0) {
                m.put(l.substring(0, eq), l.substring(eq + 1).strip());
            }
        });
        return m;
    }
}
