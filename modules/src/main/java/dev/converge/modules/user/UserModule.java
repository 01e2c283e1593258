package dev.converge.modules.user;

import dev.converge.modules.group.GroupModule;
import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Getent;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code user}: a local account with a fixed uid (useradd/usermod/userdel). */
public final class UserModule implements Module<UserParams> {

    @Override
    public String name() {
        return "user";
    }

    @Override
    public Class<UserParams> paramsType() {
        return UserParams.class;
    }

    @Override
    public List<ParamProblem> validate(UserParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("name", p.name())
                && !GroupModule.NAME.matcher(p.name()).matches()) {
            checks.problem("name", "'" + p.name() + "' is not a valid user name", "lower case, digits, _ and -");
        }
        if (p.uid() != null && (p.uid() < 0 || p.uid() > 4294967294L)) {
            checks.problem("uid", p.uid() + " is not a valid uid", "0 .. 4294967294");
        }
        if (p.group() != null
                && !Getent.isNumber(p.group())
                && !GroupModule.NAME.matcher(p.group()).matches()) {
            checks.problem("group", "'" + p.group() + "' is not a group name or gid", "e.g. group: nova");
        }
        for (String g : p.groups() == null ? List.<String>of() : p.groups()) {
            if (g == null || !GroupModule.NAME.matcher(g).matches()) {
                checks.problem("groups", "'" + g + "' is not a group name", "e.g. groups: [libvirt, kvm]");
            }
        }
        checks.absolutePath("home", p.home());
        checks.absolutePath("shell", p.shell());
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        p.reownPaths().forEach(path -> checks.absolutePath("reown_paths", path));
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(UserParams p) {
        Set<Fact> facts = new HashSet<>();
        facts.add(Getent.passwdOf(p.name()).fact());
        if (p.groupByName()) {
            facts.add(Getent.groupOf(p.group()).fact());
        }
        if (p.groups() != null) {
            facts.add(new Fact.CommandRun(idGroups(p)));
        }
        return facts;
    }

    @Override
    public Change plan(UserParams p, PlanContext context) {
        Optional<Getent.Passwd> current = context.facts().read(Getent.passwdOf(p.name()));
        if (p.absent()) {
            if (current.isEmpty()) {
                return Change.none();
            }
            List<String> argv = new ArrayList<>(List.of("userdel"));
            if (Boolean.TRUE.equals(p.remove())) {
                argv.add("-r");
            }
            argv.add(p.name());
            return Change.of(
                            List.of(new Operation.RunCommand(argv)),
                            List.of(new Change.FieldChange("state", "present", "absent")))
                    .predicting(Getent.passwdOf(p.name()), Optional.empty());
        }
        return current.isEmpty() ? create(p) : modify(p, current.get(), context);
    }

    private static Change create(UserParams p) {
        List<String> argv = new ArrayList<>(List.of("useradd"));
        if (p.uid() != null) {
            argv.addAll(List.of("-u", p.uid().toString()));
        }
        if (p.group() != null) {
            argv.addAll(List.of("-g", p.group()));
        }
        if (p.groups() != null && !p.groups().isEmpty()) {
            argv.addAll(List.of("-G", String.join(",", p.groups())));
        }
        if (p.home() != null) {
            argv.addAll(List.of("-d", p.home()));
        }
        if (p.shell() != null) {
            argv.addAll(List.of("-s", p.shell()));
        }
        boolean system = Boolean.TRUE.equals(p.system());
        if (system) {
            argv.add("-r");
        }
        argv.add(p.createHome() != null ? (p.createHome() ? "-m" : "-M") : (system ? "-M" : "-m"));
        argv.add(p.name());
        List<Change.FieldChange> fields = new ArrayList<>(List.of(new Change.FieldChange(
                "state", "absent", "present" + (p.uid() == null ? "" : " (uid " + p.uid() + ")"))));
        if (p.group() != null) {
            fields.add(new Change.FieldChange("group", "", p.group()));
        }
        if (p.groups() != null && !p.groups().isEmpty()) {
            fields.add(new Change.FieldChange("groups", "", String.join(",", p.groups())));
        }
        if (p.home() != null) {
            fields.add(new Change.FieldChange("home", "", p.home()));
        }
        if (p.shell() != null) {
            fields.add(new Change.FieldChange("shell", "", p.shell()));
        }
        return Change.of(List.of(new Operation.RunCommand(argv)), fields);
    }

    private static Change modify(UserParams p, Getent.Passwd now, PlanContext context) {
        List<String> flags = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        if (p.uid() != null && p.uid() != now.uid()) {
            flags.addAll(List.of("-u", p.uid().toString()));
            fields.add(new Change.FieldChange(
                    "uid", Long.toString(now.uid()), p.uid().toString()));
        }
        if (p.group() != null) {
            Optional<Long> wanted = p.groupByName()
                    ? context.facts().read(Getent.groupOf(p.group())).map(Getent.Group::gid)
                    : Optional.of(Long.parseLong(p.group()));
            if (wanted.isEmpty() || wanted.get() != now.gid()) {
                flags.addAll(List.of("-g", p.group()));
                fields.add(new Change.FieldChange("group", Long.toString(now.gid()), p.group()));
            }
        }
        if (p.groups() != null) {
            CommandOutput id = context.facts().command(idGroups(p));
            List<String> all = id.stdout().isBlank()
                    ? List.of()
                    : List.of(id.stdout().strip().split("\\s+"));
            Set<String> have = new LinkedHashSet<>(all.isEmpty() ? all : all.subList(1, all.size()));
            Set<String> want = new LinkedHashSet<>(p.groups());
            boolean append = Boolean.TRUE.equals(p.append());
            if (append ? !have.containsAll(want) : !have.equals(want)) {
                if (append) {
                    flags.add("-a");
                }
                flags.addAll(List.of("-G", String.join(",", want)));
                fields.add(new Change.FieldChange("groups", String.join(",", have), String.join(",", want)));
            }
        }
        if (p.home() != null && !p.home().equals(now.home())) {
            flags.addAll(List.of("-d", p.home()));
            fields.add(new Change.FieldChange("home", now.home(), p.home()));
        }
        if (p.shell() != null && !p.shell().equals(now.shell())) {
            flags.addAll(List.of("-s", p.shell()));
            fields.add(new Change.FieldChange("shell", now.shell(), p.shell()));
        }
        if (flags.isEmpty()) {
            return Change.none();
        }
        List<String> argv = new ArrayList<>(List.of("usermod"));
        argv.addAll(flags);
        argv.add(p.name());
        Getent.Passwd after = new Getent.Passwd(
                p.name(),
                p.uid() != null ? p.uid() : now.uid(),
                p.group() != null && Getent.isNumber(p.group()) ? Long.parseLong(p.group()) : now.gid(),
                p.home() != null ? p.home() : now.home(),
                p.shell() != null ? p.shell() : now.shell());
        boolean gidKnown = p.group() == null || Getent.isNumber(p.group());
        List<Operation> ops = new ArrayList<>(List.of(new Operation.RunCommand(argv)));
        List<String> warnings = new ArrayList<>();
        if (p.uid() != null && p.uid() != now.uid()) {
            if (Boolean.TRUE.equals(p.reown())) {
                ops.add(new Operation.RunCommand(Getent.reownArgv(p.reownPaths(), false, now.uid(), p.uid())));
            } else {
                warnings.add("uid of " + p.name() + " changes: usermod re-owns the home directory only; files "
                        + "elsewhere (e.g. /var/lib/nova/instances) keep uid " + now.uid() + "; set reown: true");
            }
            warnings.add("usermod -u fails while " + p.name() + " has running processes: stop its services first");
        }
        Change change = new Change(ops, fields, warnings, true);
        return gidKnown ? change.predicting(Getent.passwdOf(p.name()), Optional.of(after)) : change;
    }

    private static List<String> idGroups(UserParams p) {
        return List.of("id", "-Gn", p.name());
    }
}
