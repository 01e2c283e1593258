package dev.converge.modules.migration;

import dev.converge.modules.migration.nova.NovaDriver;
import dev.converge.modules.migration.nova.NovaRequest;
import dev.converge.spi.Change;
import dev.converge.spi.Change.FieldChange;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.SecretPolicy;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves a running instance to another host with no downtime. Bound to every host that may hold
 * the instance (e.g. {@code hosts: compute}): each reads where the instance runs now; the host
 * that runs it, if it is not the target, migrates it; already on the target is no change. The
 * preflight is read with the facts ({@link Preflight}): in a dry run a target that does not answer
 * or lacks the memory fails the plan, so {@code --check} reports it; a real run leaves the judgement
 * to the apply step's preflight, which runs after what it waits for on the other hosts (the target's
 * libvirtd restart): the facts were read before that.
 */
public final class LiveMigrationModule implements Module<LiveMigrationParams> {
    private static final String NAME_PATTERN = "[A-Za-z0-9_.:-]+";

    @Override
    public String name() {
        return "live_migration";
    }

    @Override
    public Class<LiveMigrationParams> paramsType() {
        return LiveMigrationParams.class;
    }

    @Override
    public List<ParamProblem> validate(LiveMigrationParams p, TemplateRenderer templates) {
        List<ParamProblem> problems = new ArrayList<>();
        if (p.instance() == null || !p.instance().matches(NAME_PATTERN)) {
            problems.add(new ParamProblem(
                    "instance",
                    "instance must be a domain or server name ([A-Za-z0-9_.:-]), not " + p.instance(),
                    "write instance: lab-vm1"));
        }
        if (p.to() == null || !p.to().matches(NAME_PATTERN)) {
            problems.add(new ParamProblem(
                    "to", "to must be the target host's inventory name, not " + p.to(), "write to: HostC"));
        }
        if (p.driverOrDefault().equals("nova")) {
            problems.addAll(NovaDriver.validate(p.nova()));
        } else if (!p.driverOrDefault().equals("libvirt")) {
            problems.add(new ParamProblem(
                    "driver", "driver must be libvirt or nova, not '" + p.driver() + "'", "write driver: libvirt"));
        }
        if (p.timeout() != null && (p.timeout() < 1 || p.timeout() > 86_400)) {
            problems.add(new ParamProblem("timeout", "timeout must be 1 to 86400 seconds", "write timeout: 300"));
        }
        if (p.uri() != null && !p.uri().matches("qemu\\+(tcp|tls|ssh)://[^\\s'\"]+/system")) {
            problems.add(new ParamProblem(
                    "uri", "uri must look like qemu+tcp://HOST/system", "leave it out for qemu+tcp://TO/system"));
        } else if (p.uri() != null && !SecretPolicy.urlPasswords(p.uri()).isEmpty()) {
            // it would travel as an argument of virsh on the source host, where any user sees it
            problems.add(new ParamProblem(
                    "uri",
                    "uri must not hold a password: a libvirt URI takes none (USER@HOST at most)",
                    "give the credentials in the source host's libvirt auth.conf, or use qemu+ssh:// with a key"));
        }
        return problems;
    }

    /** It compares the same resource on its other hosts: they must be planned together. */
    @Override
    public boolean readsPeers(LiveMigrationParams p) {
        return true;
    }

    /** Deferred after changes before it: the preflight reads where the instance runs now. */
    @Override
    public boolean checksLiveState(LiveMigrationParams p) {
        return true;
    }

    /** The target must be a host of the inventory (checked by the engine, exit 3): the libvirt URI is built from it. */
    @Override
    public Map<String, String> hostReferences(LiveMigrationParams p) {
        return p.to() == null || !p.driverOrDefault().equals("libvirt") ? Map.of() : Map.of("to", p.to());
    }

    @Override
    public Set<Fact> facts(LiveMigrationParams p) {
        return p.driverOrDefault().equals("nova")
                ? Set.of(NovaDriver.where(novaRequest(p)))
                : Set.of(domstate(p).fact(), Preflight.fact(p));
    }

    /**
     * The instance's state on a host: virsh's word ({@code running}, {@code shut off}, ...),
     * {@code not defined}, or {@code no virsh}. No change predicts it: the resource checks live
     * state, so what follows a migration is planned on a fresh read ({@link #checksLiveState}).
     */
    static TypedFact<String> domstate(LiveMigrationParams p) {
        return new TypedFact<>(
                new Fact.CommandRun(List.of("virsh", "-q", "domstate", p.instance())),
                out -> {
                    if (out.exitCode() == 127) {
                        return NO_VIRSH;
                    }
                    if (!out.succeeded()) {
                        return NOT_DEFINED;
                    }
                    String first = out.stdout().strip().split("\n", 2)[0].strip();
                    return first.isEmpty() ? "unknown" : first;
                },
                state -> switch (state) {
                    case NO_VIRSH -> new CommandOutput(127, "", "virsh: not found\n");
                    case NOT_DEFINED -> new CommandOutput(1, "", "error: failed to get domain\n");
                    case "unknown" -> new CommandOutput(0, "", "");
                    default -> new CommandOutput(0, state + "\n", "");
                });
    }

    private static final String NO_VIRSH = "no virsh";
    private static final String NOT_DEFINED = "not defined";

    @Override
    public Change plan(LiveMigrationParams p, PlanContext context) {
        if (p.driverOrDefault().equals("nova")) {
            return NovaDriver.plan(novaRequest(p), context);
        }
        Map<String, String> states = new TreeMap<>();
        states.put(context.host(), state(context.facts(), p));
        context.peers().forEach((host, facts) -> states.put(host, state(facts, p)));
        List<String> running = states.entrySet().stream()
                .filter(e -> e.getValue().equals("running"))
                .map(Map.Entry::getKey)
                .toList();
        if (running.size() > 1) {
            throw new PlanFailure(p.instance() + " runs on several hosts at once: " + table(states));
        }
        if (running.isEmpty()) {
            if (context.host().equals(reporter(p, states))) {
                throw new PlanFailure(p.instance() + " is not running on any host of this resource: " + table(states));
            }
            return Change.none();
        }
        String source = running.get(0);
        if (source.equals(p.to()) || !source.equals(context.host())) {
            return Change.none();
        }
        if (context.dryRun()) {
            // in a real run the apply step's own preflight judges, once the target was configured
            Preflight.refusal(context.facts().command(Preflight.fact(p).argv()), p)
                    .ifPresent(why -> {
                        throw new PlanFailure(why);
                    });
        }
        return Change.of(
                List.of(new Operation.RunCommand(MigrateScript.argv(p))),
                List.of(new FieldChange("host of " + p.instance(), source, p.to())));
    }

    /** What the nova driver's helper receives (credentials included) on its standard input. */
    private static NovaRequest novaRequest(LiveMigrationParams p) {
        return new NovaRequest(p.instance(), p.to(), p.timeoutOrDefault(), p.nova());
    }

    /** The one host that reports "not running anywhere": the target if bound, else the first. */
    private static String reporter(LiveMigrationParams p, Map<String, String> states) {
        return states.containsKey(p.to()) ? p.to() : states.keySet().iterator().next();
    }

    private static String state(FactView facts, LiveMigrationParams p) {
        return facts.read(domstate(p));
    }

    private static String table(Map<String, String> states) {
        StringBuilder out = new StringBuilder();
        states.forEach((host, state) -> out.append(out.length() == 0 ? "" : ", ")
                .append(host)
                .append(": ")
                .append(state));
        return out.toString();
    }
}
