package dev.converge.modules.sysctl;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.FileEdit;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code sysctl}: a kernel parameter persisted in a sysctl.d file and, unless {@code live: false},
 * set in the running kernel ({@code sysctl -w}) when its live value differs. Both are read in the
 * gather, so {@code --check} shows the file diff and the live change.
 */
public final class SysctlModule implements Module<SysctlParams> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_./-]*");

    @Override
    public String name() {
        return "sysctl";
    }

    @Override
    public Class<SysctlParams> paramsType() {
        return SysctlParams.class;
    }

    @Override
    public List<ParamProblem> validate(SysctlParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name()) && !NAME.matcher(p.name()).matches()) {
            checks.problem(
                    "name", "'" + p.name() + "' is not a kernel parameter name", "e.g. name: net.ipv4.ip_forward");
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        if (!p.absent()) {
            checks.required("value", p.value());
        }
        checks.singleLine("value", p.value());
        checks.absolutePath("file", p.file());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    /** The kernel's live value of the key, words joined by one space; a failed read fails the plan. */
    static TypedFact<String> live(SysctlParams p) {
        String key = p.key();
        return new TypedFact<>(
                new Fact.CommandRun(List.of("sysctl", "-n", "--", key)),
                out -> {
                    if (out.exitCode() != 0) {
                        throw new PlanFailure("sysctl cannot read " + key + " on this host (exit " + out.exitCode()
                                + ": " + out.stderr().strip() + ")");
                    }
                    return String.join(" ", out.stdout().strip().split("\\s+"));
                },
                value -> new CommandOutput(0, value + "\n", ""));
    }

    @Override
    public Set<Fact> facts(SysctlParams p) {
        Set<Fact> facts = new HashSet<>(Set.of(new Fact.FileRead(p.fileOrDefault())));
        if (p.liveOrDefault() && !p.absent()) {
            facts.add(live(p).fact());
        }
        return facts;
    }

    @Override
    public Set<String> paths(SysctlParams p) {
        return Set.of(p.fileOrDefault());
    }

    @Override
    public Change plan(SysctlParams p, PlanContext context) {
        FileInfo file = context.facts().file(p.fileOrDefault());
        return WriteGuard.guard(planUnguarded(p, context), file, p.validate(), Boolean.TRUE.equals(p.backup()));
    }

    private static Change planUnguarded(SysctlParams p, PlanContext context) {
        FileInfo file = context.facts().file(p.fileOrDefault());
        String key = p.key();
        String before = FileEdit.decode(file.content()).orElse("");
        String value =
                p.value() == null ? "" : String.join(" ", p.value().strip().split("\\s+"));
        Change edit = FileEdit.plan(
                file,
                content -> p.absent() ? SysctlFile.remove(content, key) : SysctlFile.set(content, key, value),
                new FileEdit.Creation(true, "0644", "", ""),
                List.of(new Change.FieldChange(
                        key + " (file)", SysctlFile.value(before, key), p.absent() ? "absent" : value)));
        if (p.absent() || !p.liveOrDefault()) {
            return edit;
        }
        String now = context.facts().read(live(p));
        if (SysctlFile.sameValue(now, value)) {
            return edit;
        }
        List<Operation> ops = new ArrayList<>(edit.operations());
        ops.add(new Operation.RunCommand(List.of("sysctl", "-q", "-w", key + "=" + value)));
        List<Change.FieldChange> fields = new ArrayList<>(edit.changed() ? edit.fields() : List.of());
        fields.add(new Change.FieldChange(key + " (live)", now, value));
        return Change.of(ops, fields).predicting(live(p), value); // a later resource on this key reads the value set
    }
}
