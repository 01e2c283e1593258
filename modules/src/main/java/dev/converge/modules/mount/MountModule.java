package dev.converge.modules.mount;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.modules.support.FileEdit;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mount}: an fstab entry, and whether it is mounted. Mounting uses {@code mount PATH} (the
 * target only, never {@code mount -a}); whether it is mounted comes from
 * {@code findmnt -n -o SOURCE,FSTYPE --mountpoint PATH} (exit 0: mounted).
 */
public final class MountModule implements Module<MountParams> {

    @Override
    public String name() {
        return "mount";
    }

    @Override
    public Class<MountParams> paramsType() {
        return MountParams.class;
    }

    @Override
    public List<ParamProblem> validate(MountParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
            if (p.path().contains("//")) {
                checks.problem("path", "'" + p.path() + "' contains '//'", "check the variable that builds the path");
            }
        }
        checks.absolutePath("fstab", p.fstab());
        checks.oneOf("state", p.state(), Set.of("present", "absent", "mounted", "unmounted"));
        if (p.wantsEntry()) {
            checks.required("src", p.src());
            checks.required("fstype", p.fstype());
        }
        for (String[] field : new String[][] {{"src", p.src()}, {"fstype", p.fstype()}, {"opts", p.opts()}}) {
            if (field[1] != null && (field[1].isBlank() || field[1].contains("\n")
                    || !field[0].equals("src") && field[1].matches(".*\\s.*"))) {
                checks.problem(field[0], "'" + field[1] + "' is not a valid " + field[0], "no blanks or newlines");
            }
        }
        if (p.dump() < 0 || p.passno() < 0 || p.passno() > 2) {
            checks.problem(p.dump() < 0 ? "dump" : "passno", "dump must be >= 0 and passno 0, 1 or 2",
                    "use 0 for network filesystems");
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(MountParams p) {
        return Set.of(new Fact.FileRead(p.fstab()), new Fact.FileRead(p.path()), new Fact.CommandRun(findmnt(p)));
    }

    @Override
    public Set<String> paths(MountParams p) {
        return Set.of(p.fstab());
    }

    @Override
    public Change plan(MountParams p, PlanContext context) {
        CommandOutput probe = context.facts().command(findmnt(p));
        if (probe.exitCode() != 0 && probe.exitCode() != 1) {
            return Failure.change("findmnt failed (exit " + probe.exitCode() + "): " + probe.stderr().strip());
        }
        boolean mounted = probe.succeeded();
        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean fstabChanged = false;
        if (!p.state().equals("unmounted")) {
            FileInfo fstab = context.facts().file(p.fstab());
            String before = FileEdit.decode(fstab.content()).orElse("");
            Fstab.Entry entry = new Fstab.Entry(p.src(), p.path(), p.fstype(), p.opts(), p.dump(), p.passno());
            Change edit = FileEdit.plan(fstab, content -> p.wantsEntry() ? Fstab.present(content, entry)
                    : Fstab.absent(content, p.path()), FileEdit.Creation.NEVER, List.of());
            fstabChanged = edit.changed();
            if (fstabChanged) {
                fields.add(new Change.FieldChange("fstab", Fstab.find(before, p.path()).map(MountModule::show).orElse(""),
                        p.wantsEntry() ? show(entry) : ""));
            }
            if (p.state().equals("absent") && mounted) {
                ops.add(new Operation.RunCommand(List.of("umount", p.path())));
            }
            ops.addAll(edit.operations());
        }
        if (p.state().equals("unmounted") && mounted) {
            ops.add(new Operation.RunCommand(List.of("umount", p.path())));
        }
        if (p.state().equals("mounted")) {
            if (!mounted) {
                if (!context.facts().file(p.path()).exists()) {
                    ops.add(new Operation.MakeDirectory(p.path(), "", "", ""));
                }
                ops.add(new Operation.RunCommand(List.of("mount", p.path())));
                fields.add(new Change.FieldChange("mounted", "no", "yes"));
            } else if (source(probe).filter(src -> !src.equals(p.src())).isPresent()) {
                warnings.add(p.path() + " is mounted from " + source(probe).get() + ", not " + p.src()
                        + "; unmount it to mount the declared source");
            } else if (fstabChanged) {
                warnings.add(p.path() + " is already mounted: the new fstab entry takes effect at its next mount "
                        + "(umount and mount it, or reboot)");
            }
        }
        if (mounted && (p.state().equals("unmounted") || p.state().equals("absent"))) {
            fields.add(new Change.FieldChange("mounted", "yes", "no"));
        }
        if (fstabChanged) {
            warnings.add("fstab changed: on systemd hosts run 'systemctl daemon-reload' (mount units are generated "
                    + "from fstab)");
        }
        return new Change(ops, fields, warnings, true);
    }

    private static List<String> findmnt(MountParams p) {
        return List.of("findmnt", "-n", "-o", "SOURCE,FSTYPE", "--mountpoint", p.path());
    }

    private static String show(Fstab.Entry e) {
        return e.render(" ");
    }

    static Optional<String> source(CommandOutput probe) {
        String[] parts = probe.stdout().strip().split("\\s+");
        return parts.length > 0 && !parts[0].isEmpty() ? Optional.of(parts[0]) : Optional.empty();
    }
}
