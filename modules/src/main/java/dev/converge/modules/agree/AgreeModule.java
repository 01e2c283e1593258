package dev.converge.modules.agree;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A check across hosts: a command's output or a file's content must be the same on every host
 * the resource is bound to (the seed's "the UID and GID of nova and libvirt are identical",
 * "NOVA-INST-DIR is the same on all hosts"). Changes nothing; fails with a table of the values.
 * Files are compared as planned (put the check {@code after:} the resources that edit them);
 * command outputs as read before the run.
 */
public final class AgreeModule implements Module<AgreeParams> {

    @Override
    public String name() {
        return "agree";
    }

    @Override
    public Class<AgreeParams> paramsType() {
        return AgreeParams.class;
    }

    @Override
    public List<ParamProblem> validate(AgreeParams p, TemplateRenderer templates) {
        List<ParamProblem> problems = new ArrayList<>();
        boolean hasCmd = p.cmd() != null && !p.cmd().isEmpty();
        if (hasCmd == (p.file() != null)) {
            problems.add(new ParamProblem(
                    hasCmd ? "file" : "cmd",
                    "give exactly one of cmd and file",
                    "write cmd: [id, -u, nova] or file: /etc/nova/nova.conf"));
        }
        if (p.file() != null && !p.file().startsWith("/")) {
            problems.add(new ParamProblem("file", "file must be an absolute path", "write file: /etc/nova/nova.conf"));
        }
        if (p.regexp() != null) {
            try {
                Pattern.compile(p.regexp());
            } catch (PatternSyntaxException e) {
                problems.add(new ParamProblem(
                        "regexp",
                        "invalid regular expression: " + e.getDescription(),
                        "check the regexp (Java syntax)"));
            }
        }
        return problems;
    }

    /** It compares the same resource on its other hosts: they must be planned together. */
    @Override
    public boolean readsPeers(AgreeParams p) {
        return true;
    }

    /** Command outputs are compared live (deferred after changes before it); files as planned. */
    @Override
    public boolean checksLiveState(AgreeParams p) {
        return p.cmd() != null;
    }

    @Override
    public Set<Fact> facts(AgreeParams p) {
        return Set.of(p.file() != null ? new Fact.FileRead(p.file()) : new Fact.CommandRun(p.cmd()));
    }

    @Override
    public Change plan(AgreeParams p, PlanContext context) {
        Map<String, String> values = new TreeMap<>();
        values.put(context.host(), value(p, context.facts()));
        context.peers().forEach((host, facts) -> values.put(host, value(p, facts)));
        if (values.values().stream().distinct().count() > 1) {
            StringBuilder table = new StringBuilder();
            values.forEach((host, value) -> table.append(table.length() == 0 ? "" : "; ")
                    .append(host)
                    .append(" = ")
                    .append(value));
            String what = p.what() != null ? p.what() : p.file() != null ? p.file() : String.join(" ", p.cmd());
            throw new PlanFailure(what + " differs between hosts: " + table);
        }
        return Change.none();
    }

    private static String value(AgreeParams p, FactView facts) {
        String text;
        if (p.file() != null) {
            FileInfo file = facts.file(p.file());
            if (!file.exists()) {
                return "<no such file>";
            }
            text = file.text();
        } else {
            CommandOutput out = facts.command(p.cmd());
            text = out.succeeded()
                    ? out.stdout()
                    : "<exit " + out.exitCode() + ": " + out.stderr().strip() + ">";
        }
        if (p.regexp() == null) {
            return text.strip();
        }
        Matcher m = Pattern.compile(p.regexp(), Pattern.MULTILINE).matcher(text);
        if (!m.find()) {
            return "<no match>";
        }
        return (m.groupCount() > 0 ? m.group(1) : m.group()).strip();
    }
}
