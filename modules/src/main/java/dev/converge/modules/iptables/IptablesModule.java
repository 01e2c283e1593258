package dev.converge.modules.iptables;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code iptables}: one IPv4 rule, idempotent by comparing its normal form with
 * {@code iptables -t TABLE -S CHAIN}. Rules are not persisted across reboots (save them with
 * {@code netfilter-persistent save} or {@code iptables-save} in a handler).
 */
public final class IptablesModule implements Module<IptablesParams> {
    private static final Pattern IPV4_CIDR = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(/(3[0-2]|[12]?\\d))?");
    private static final Pattern PORT = Pattern.compile("(\\d{1,5})([:-](\\d{1,5}))?");
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
        checks.oneOf("protocol", p.protocol() == null ? null : p.protocol().toLowerCase(java.util.Locale.ROOT),
                Set.of("tcp", "udp", "sctp", "icmp", "all"));
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        checks.oneOf("position", p.position(), Set.of("insert", "append"));
        for (String[] address : new String[][] {{"source", p.source()}, {"destination", p.destination()}}) {
            if (address[1] != null && !IPV4_CIDR.matcher(address[1]).matches()) {
                checks.problem(address[0], "'" + address[1] + "' is not an IPv4 address or CIDR",
                        "e.g. 10.77.0.0/24 (names are resolved once by iptables; IPv6 needs ip6tables, not supported yet)");
            }
        }
        if (p.dport() != null) {
            var m = PORT.matcher(p.dport());
            if (!m.matches() || Integer.parseInt(m.group(1)) > 65535
                    || m.group(3) != null && (Integer.parseInt(m.group(3)) > 65535
                    || Integer.parseInt(m.group(3)) < Integer.parseInt(m.group(1)))) {
                checks.problem("dport", "'" + p.dport() + "' is not a port or port range", "e.g. 16509 or 49152:49215");
            } else if (p.protocol() == null || !Set.of("tcp", "udp", "sctp").contains(p.protocol().toLowerCase())) {
                checks.problem("dport", "dport needs protocol tcp, udp or sctp", "add protocol: tcp");
            }
        }
        if (p.protocol() == null && p.source() == null && p.destination() == null && p.inInterface() == null) {
            checks.problem("protocol", "the rule matches every packet (no protocol, source, destination or interface)",
                    "add e.g. protocol: tcp, dport: 16509, source: 10.77.0.0/24");
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
        return Set.of(new Fact.CommandRun(show(p)));
    }

    @Override
    public Change plan(IptablesParams p, PlanContext context) {
        CommandOutput out = context.facts().command(show(p));
        if (!out.succeeded()) {
            return Failure.change(String.join(" ", show(p)) + " failed (exit " + out.exitCode() + "): "
                    + out.stderr().strip());
        }
        List<String> spec = RuleSpec.of(p);
        long present = RuleSpec.rules(out.stdout(), p.chain()).stream().filter(spec::equals).count();
        String rule = String.join(" ", spec);
        List<Operation> ops = new ArrayList<>();
        if (p.state().equals("present") && present == 0) {
            ops.add(command(p, p.position().equals("insert") ? "-I" : "-A", spec));
            return Change.of(ops, List.of(new Change.FieldChange(p.chain(), "", rule)));
        }
        if (p.state().equals("absent") && present > 0) {
            for (long i = 0; i < present; i++) {
                ops.add(command(p, "-D", spec));
            }
            return Change.of(ops, List.of(new Change.FieldChange(p.chain(), rule, "")));
        }
        return Change.none();
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
