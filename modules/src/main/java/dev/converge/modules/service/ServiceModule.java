package dev.converge.modules.service;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.modules.support.FileEdit;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code service}: running state and boot-time enablement on systemd, sysv (Debian update-rc.d,
 * Red Hat chkconfig) and upstart. {@code restarted}/{@code reloaded} always act and are marked
 * non-converging (handlers).
 */
public final class ServiceModule implements Module<ServiceParams> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9@_.:-]+");
    private static final Set<String> SYSTEMD_ENABLED =
            Set.of("enabled", "enabled-runtime", "alias", "static", "indirect", "generated");
    private static final Set<String> SYSTEMD_NOT_ENABLED =
            Set.of("disabled", "masked", "masked-runtime", "static", "indirect", "generated");

    @Override
    public String name() {
        return "service";
    }

    @Override
    public Class<ServiceParams> paramsType() {
        return ServiceParams.class;
    }

    @Override
    public List<ParamProblem> validate(ServiceParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name())
                && (!NAME.matcher(p.name()).matches()
                        || p.name().startsWith("-")
                        || p.name().startsWith("."))) {
            checks.problem("name", "'" + p.name() + "' is not a service name", "e.g. name: libvirtd");
        }
        checks.oneOf("state", p.state(), Set.of("started", "stopped", "restarted", "reloaded"));
        if (p.state() == null && p.enabled() == null) {
            checks.problem("state", "nothing to do: neither 'state' nor 'enabled' is given", "add state: started");
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(ServiceParams p) {
        return ServiceFacts.of(p);
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(ServiceParams p, PlanContext context) {
        FactView facts = context.facts();
        String n = p.name();
        String initFact = context.hostFacts().getOrDefault("init", "");
        Optional<TypedFact<ServiceStatus>> probe = ServiceFacts.status(n, initFact);
        if (probe.isEmpty()) {
            return Failure.change("could not tell the init system of this host (host fact init is '" + initFact + "')");
        }
        ServiceStatus status = facts.read(probe.get());
        InitSystem init = status.initOn(initFact).orElseThrow();
        ServiceStatus after = status;
        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        boolean converges = true;
        if (p.state() != null) {
            boolean running =
                    init == InitSystem.UPSTART ? status.upstartStatus().contains("start/running") : status.running();
            String verb = switch (p.state()) {
                case "started" -> running ? null : "start";
                case "stopped" -> running ? "stop" : null;
                case "restarted" -> running || init == InitSystem.SYSTEMD || init.sysv() ? "restart" : "start";
                default -> "reload";
            };
            converges = p.state().equals("started") || p.state().equals("stopped");
            if (verb != null) {
                ops.add(new Operation.RunCommand(control(init, n, verb)));
                // not installed (yet): e.g. its package is installed earlier in the same run
                fields.add(new Change.FieldChange(
                        "state", running ? "running" : status.installed() ? "stopped" : "not installed", p.state()));
                boolean runs = !p.state().equals("stopped");
                after = after.withRunning(runs, n + (runs ? " start/running" : " stop/waiting"));
            }
        }
        if (p.enabled() != null) {
            Optional<Boolean> enabled = enabled(init, n, status, facts);
            if (enabled.isEmpty() || enabled.get() != p.enabled()) {
                List<Operation> enable = enable(init, n, p.enabled(), facts);
                if (enable.isEmpty()) {
                    return Failure.change(
                            "cannot enable or disable " + n + ": no update-rc.d or chkconfig on this " + "sysv host");
                }
                ops.addAll(0, enable);
                fields.add(new Change.FieldChange(
                        "enabled",
                        enabled.map(String::valueOf).orElse("?"),
                        p.enabled().toString()));
                after = after.withEnabled(
                        init == InitSystem.SYSTEMD
                                ? (p.enabled() ? "enabled" : "disabled")
                                : init.sysv() ? (p.enabled() ? "0" : "1") : status.enabled());
            }
        }
        Change change = Change.of(ops, fields);
        if (change.changed()) {
            change = change.predicting(
                    probe.get(), after); // a later resource on this service reads the state it will have
        }
        return converges ? change : change.nonConverging();
    }

    private static List<String> control(InitSystem init, String n, String verb) {
        return switch (init) {
            case SYSTEMD -> List.of("systemctl", verb, n);
            case UPSTART -> List.of(verb, n);
            default -> List.of("service", n, verb);
        };
    }

    /** Whether the service starts at boot; empty when it cannot be told. */
    private static Optional<Boolean> enabled(InitSystem init, String n, ServiceStatus status, FactView facts) {
        switch (init) {
            case SYSTEMD: {
                String state = status.enabled();
                if (SYSTEMD_ENABLED.contains(state) && SYSTEMD_NOT_ENABLED.contains(state)) {
                    return Optional.empty();
                }
                return Optional.of(SYSTEMD_ENABLED.contains(state));
            }
            case UPSTART:
                return Optional.of(!manual(facts.file(ServiceFacts.upstartOverride(n))));
            default:
                return Optional.of(status.enabled().equals("0"));
        }
    }

    private static List<Operation> enable(InitSystem init, String n, boolean on, FactView facts) {
        switch (init) {
            case SYSTEMD:
                return List.of(new Operation.RunCommand(List.of("systemctl", on ? "enable" : "disable", n)));
            case SYSV_DEBIAN:
                return on
                        ? List.of(
                                new Operation.RunCommand(List.of("update-rc.d", n, "defaults")),
                                new Operation.RunCommand(List.of("update-rc.d", n, "enable")))
                        : List.of(new Operation.RunCommand(List.of("update-rc.d", n, "disable")));
            case SYSV_REDHAT:
                return List.of(new Operation.RunCommand(List.of("chkconfig", n, on ? "on" : "off")));
            case UPSTART:
                return List.of(upstartOverride(facts.file(ServiceFacts.upstartOverride(n)), on));
            default:
                return List.of();
        }
    }

    private static boolean manual(FileInfo override) {
        return override.exists()
                && override.text().lines().anyMatch(l -> l.strip().equals("manual"));
    }

    /** Upstart: a {@code manual} stanza in the job's override file disables it at boot. */
    private static Operation upstartOverride(FileInfo override, boolean on) {
        String content = override.exists() ? FileEdit.decode(override.content()).orElse("") : "";
        StringBuilder out = new StringBuilder();
        content.lines()
                .filter(l -> !l.strip().equals("manual"))
                .forEach(l -> out.append(l).append('\n'));
        if (!on) {
            out.append("manual\n");
        }
        if (on && out.length() == 0) {
            return new Operation.RemovePath(override.path());
        }
        return Operation.WriteFile.replacing(
                override,
                out.toString().getBytes(StandardCharsets.UTF_8),
                override.exists() ? "" : FileEdit.DEFAULT_MODE,
                "",
                "");
    }
}
