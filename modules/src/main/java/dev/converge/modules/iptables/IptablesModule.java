package dev.converge.modules.iptables;

import dev.converge.modules.support.Checks;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code iptables}: one IPv4 rule, idempotent by comparing its normal form with
 * {@code iptables -t TABLE -S CHAIN}. With {@code save: true} a change is followed by
 * {@code iptables-save} into {@code rules_file} (written whole, then renamed). Accepting libvirt's
 * TCP port or the migration range from anywhere or from more than a /16 is warned about.
 */
public final class IptablesModule implements Module<IptablesParams> {
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");
    private static final Pattern PORT = Pattern.compile("(\\d{1,5})([:-](\\d{1,5}))?");
    /** libvirtd's plain TCP listener (no encryption; with auth_tcp "none", no authentication). */
    static final int LIBVIRT_TCP = 16509;
    /** libvirt/QEMU's default migration port range. */
    static final int MIGRATION_FIRST = 49152;

    static final int MIGRATION_LAST = 49215;
    /** The widest source allowed without a warning for those ports. */
    static final int WIDEST_QUIET_PREFIX = 16;
    /** {@code sh -c SAVE iptables-save FILE}: constant script, the file is a positional argument. */
    static final String SAVE = "mkdir -p \"$(dirname \"$1\")\" && iptables-save > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"";

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.+-]{1,29}");

    @Override
    public String name() {
        return "iptables";
    }

    @Override
    public Class<IptablesParams> paramsType() {
        return IptablesParams.class;
    }

    @Override
    public List<ParamProblem> validate(IptablesParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        word(checks, "chain", p.chain());
        checks.oneOf("table", p.table(), Set.of("filter", "nat", "mangle", "raw", "security"));
        word(checks, "jump", p.jump());
        word(checks, "in_interface", p.inInterface());
        checks.oneOf(
                "protocol",
                p.protocol() == null ? null : p.protocol().toLowerCase(Locale.ROOT),
                Set.of("tcp", "udp", "sctp", "icmp", "all"));
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        checks.oneOf("position", p.position(), Set.of("insert", "append"));
        for (String[] address : new String[][] {{"source", p.source()}, {"destination", p.destination()}}) {
            if (address[1] != null && !IPV4_CIDR.matcher(address[1]).matches()) {
                checks.problem(
                        address[0],
                        "'" + address[1] + "' is not an IPv4 address or CIDR",
                        "e.g. 10.77.0.0/24 (names are resolved once by iptables; IPv6 needs ip6tables, not supported yet)");
            }
        }
        if (p.dport() != null) {
            var m = PORT.matcher(p.dport());
            if (!m.matches()
                    || Integer.parseInt(m.group(1)) > 65535
                    || m.group(3) != null
                            && (Integer.parseInt(m.group(3)) > 65535
                                    || Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(1)))) {
                checks.problem("dport", "'" + p.dport() + "' is not a port or port range", "e.g. 16509 or 49152:49215");
            } else if (p.protocol() == null
                    || !Set.of("tcp", "udp", "sctp").contains(p.protocol().toLowerCase())) {
                checks.problem("dport", "dport needs protocol tcp, udp or sctp", "add protocol: tcp");
            }
        }
        if (p.protocol() == null && p.source() == null && p.destination() == null && p.inInterface() == null) {
            checks.problem(
                    "protocol",
                    "the rule matches every packet (no protocol, source, destination or interface)",
                    "add e.g. protocol: tcp, dport: 16509, source: 10.77.0.0/24");
        }
        if (p.rulesFile() != null) {
            checks.absolutePath("rules_file", p.rulesFile());
            if (!p.rulesFile().equals(IptablesParams.DEFAULT_RULES_FILE) && !p.save()) {
                checks.problem(
                        "rules_file",
                        "rules_file is only used with save: true",
                        "add save: true, or remove rules_file");
            }
        }
        if (p.comment() != null && (p.comment().length() > 256 || p.comment().contains("\n"))) {
            checks.problem("comment", "the comment is longer than 256 characters or spans lines", "shorten it");
        }
        return checks.problems();
    }

    private static void word(Checks checks, String parameter, String value) {
        if (value != null && !WORD.matcher(value).matches()) {
            checks.problem(parameter, "'" + value + "' is not a valid " + parameter, "letters, digits, _ . + -");
        }
    }

    @Override
    public Set<Fact> facts(IptablesParams p) {
        return Set.of(rules(p).fact());
    }

    @Override
    public Change plan(IptablesParams p, PlanContext context) {
        List<List<String>> rules = context.facts().read(rules(p));
        List<String> spec = RuleSpec.of(p);
        long present = rules.stream().filter(spec::equals).count();
        String rule = String.join(" ", spec);
        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        if (p.state().equals("present") && present == 0) {
            ops.add(command(p, p.position().equals("insert") ? "-I" : "-A", spec));
            fields.add(new Change.FieldChange(p.chain(), "", rule));
        }
        if (p.state().equals("absent") && present > 0) {
            for (long i = 0; i < present; i++) {
                ops.add(command(p, "-D", spec));
            }
            fields.add(new Change.FieldChange(p.chain(), rule, ""));
        }
        if (!ops.isEmpty() && p.save()) {
            ops.add(new Operation.RunCommand(List.of("sh", "-c", SAVE, "iptables-save", p.rulesFile())));
            fields.add(new Change.FieldChange("saved", "", p.rulesFile()));
        }
        if (ops.isEmpty()) {
            return Change.none().withWarnings(warnings(p));
        }
        List<List<String>> after = new ArrayList<>(rules);
        after.removeIf(spec::equals);
        if (p.state().equals("present")) {
            after.add(p.position().equals("insert") ? 0 : after.size(), spec);
        }
        // a later resource on this chain reads the rules it will have
        return Change.of(ops, fields).withWarnings(warnings(p)).predicting(rules(p), after);
    }

    /** The rules of the chain ({@code iptables -S}: each rule's words after {@code -A CHAIN}); a failed read fails the plan. */
    static TypedFact<List<List<String>>> rules(IptablesParams p) {
        List<String> show = show(p);
        return new TypedFact<>(
                new Fact.CommandRun(show),
                out -> {
                    if (!out.succeeded()) {
                        throw new PlanFailure(String.join(" ", show) + " failed (exit " + out.exitCode() + "): "
                                + out.stderr().strip());
                    }
                    return RuleSpec.rules(out.stdout(), p.chain());
                },
                rules -> {
                    StringBuilder out =
                            new StringBuilder("-N ").append(p.chain()).append('\n');
                    rules.forEach(r -> out.append("-A ")
                            .append(p.chain())
                            .append(' ')
                            .append(String.join(
                                    " ", r.stream().map(RuleSpec::quoted).toList()))
                            .append('\n'));
                    return new CommandOutput(0, out.toString(), "");
                });
    }

    /** Accepting libvirt's TCP port or the migration range from anywhere or a wide network. */
    static List<String> warnings(IptablesParams p) {
        if (!p.state().equals("present") || !p.jump().equals("ACCEPT") || p.dport() == null) {
            return List.of();
        }
        String[] range = RuleSpec.port(p.dport()).split(":");
        int first = Integer.parseInt(range[0]);
        int last = range.length > 1 ? Integer.parseInt(range[1]) : first;
        int prefix = p.source() == null
                ? 0
                : Integer.parseInt(RuleSpec.cidr(p.source()).split("/")[1]);
        if (prefix >= WIDEST_QUIET_PREFIX) {
            return List.of();
        }
        String from =
                p.source() == null ? "any address (no source)" : RuleSpec.cidr(p.source()) + " (wider than a /16)";
        List<String> warnings = new ArrayList<>();
        if (first <= LIBVIRT_TCP && LIBVIRT_TCP <= last) {
            warnings.add(
                    "iptables: accepts port 16509 from " + from + ": libvirtd's plain TCP listener is unencrypted and,"
                            + " with auth_tcp = \"none\", gives root-equivalent control of every VM on the host; use TLS (16514)"
                            + " or restrict source to the compute peers' subnet");
        }
        if (first <= MIGRATION_LAST && MIGRATION_FIRST <= last) {
            warnings.add(
                    "iptables: accepts the migration ports " + MIGRATION_FIRST + "-" + MIGRATION_LAST + " from " + from
                            + ": they carry guest memory unencrypted during live migration; use TLS migration"
                            + " or restrict source to the compute peers' subnet");
        }
        return warnings;
    }

    private static List<String> show(IptablesParams p) {
        return List.of("iptables", "-t", p.table(), "-S", p.chain());
    }

    private static Operation command(IptablesParams p, String action, List<String> spec) {
        List<String> argv = new ArrayList<>(List.of("iptables", "-t", p.table(), action, p.chain()));
        argv.addAll(spec);
        return new Operation.RunCommand(argv);
    }
}
