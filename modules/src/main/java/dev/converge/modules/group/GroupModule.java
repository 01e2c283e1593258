package dev.converge.modules.group;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Getent;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code group}: a local group with a fixed gid (groupadd/groupmod/groupdel). */
public final class GroupModule implements Module<GroupParams> {
    /** User and group names as shadow-utils accept them by default. */
    public static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?");

    @Override
    public String name() {
        return "group";
    }

    @Override
    public Class<GroupParams> paramsType() {
        return GroupParams.class;
    }

    @Override
    public List<ParamProblem> validate(GroupParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name()) && !NAME.matcher(p.name()).matches()) {
            checks.problem("name", "'" + p.name() + "' is not a valid group name", "lower case, digits, _ and -");
        }
        if (p.gid() != null && (p.gid() < 0 || p.gid() > 4294967294L)) {
            checks.problem("gid", p.gid() + " is not a valid gid", "0 .. 4294967294");
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        p.reownPaths().forEach(path -> checks.absolutePath("reown_paths", path));
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(GroupParams p) {
        return Set.of(Getent.groupOf(p.name()).fact());
    }

    @Override
    public Change plan(GroupParams p, PlanContext context) {
        TypedFact<Optional<Getent.Group>> lookup = Getent.groupOf(p.name());
        Optional<Getent.Group> current = context.facts().read(lookup);
        if (p.absent()) {
            return current.isEmpty()
                    ? Change.none()
                    : Change.of(
                                    List.of(new Operation.RunCommand(List.of("groupdel", p.name()))),
                                    List.of(new Change.FieldChange("state", "present", "absent")))
                            .predicting(lookup, Optional.empty());
        }
        if (current.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("groupadd"));
            if (p.gid() != null) {
                argv.addAll(List.of("-g", p.gid().toString()));
            }
            if (Boolean.TRUE.equals(p.system())) {
                argv.add("-r");
            }
            argv.add(p.name());
            Change create = Change.of(
                    List.of(new Operation.RunCommand(argv)),
                    List.of(new Change.FieldChange(
                            "state", "absent", "present" + (p.gid() == null ? "" : " (gid " + p.gid() + ")"))));
            return p.gid() == null
                    ? create
                    : create.predicting(lookup, Optional.of(new Getent.Group(p.name(), p.gid(), List.of())));
        }
        long oldGid = current.get().gid();
        if (p.gid() == null || p.gid() == oldGid) {
            return Change.none();
        }
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.RunCommand(List.of("groupmod", "-g", p.gid().toString(), p.name())));
        if (Boolean.TRUE.equals(p.reown())) {
            ops.add(new Operation.RunCommand(Getent.reownArgv(p.reownPaths(), true, oldGid, p.gid())));
        }
        Change change = Change.of(
                        ops,
                        List.of(new Change.FieldChange(
                                "gid", Long.toString(oldGid), p.gid().toString())))
                .predicting(
                        lookup,
                        Optional.of(new Getent.Group(
                                p.name(), p.gid(), current.get().members())));
        return Boolean.TRUE.equals(p.reown())
                ? change
                : change.withWarnings(List.of("gid of " + p.name()
                        + " changes: files still owned by gid " + oldGid
                        + " (e.g. on shared storage) keep the old number; "
                        + "set reown: true to re-own them"));
    }
}
