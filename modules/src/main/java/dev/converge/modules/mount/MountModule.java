package dev.converge.modules.mount;

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
            if (field[1] != null
                    && (field[1].isBlank()
                            || field[1].contains("\n")
                            || !field[0].equals("src") && field[1].matches(".*\\s.*"))) {
                checks.problem(field[0], "'" + field[1] + "' is not a valid " + field[0], "no blanks or newlines");
            }
        }
        if (p.dump() < 0 || p.passno() < 0 || p.passno() > 2) {
            checks.problem(
                    p.dump() < 0 ? "dump" : "passno",
                    "dump must be >= 0 and passno 0, 1 or 2",
                    "use 0 for network filesystems");
        }
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(MountParams p) {
        return Set.of(
                new Fact.FileRead(p.fstab()),
                new Fact.FileRead(p.path()),
                mounted(p).fact());
    }

    @Override
    public Set<String> paths(MountParams p) {
        return Set.of(p.fstab());
    }

    @Override
    public Change plan(MountParams p, PlanContext context) {
        Optional<Mounted> now = context.facts().read(mounted(p));
        boolean mounted = now.isPresent();
        List<Operation> ops = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        boolean fstabChanged = false;
        if (!p.state().equals("unmounted")) {
            FileInfo fstab = context.facts().file(p.fstab());
            String before = FileEdit.decode(fstab.content()).orElse("");
            Fstab.Entry entry = new Fstab.Entry(p.src(), p.path(), p.fstype(), p.opts(), p.dump(), p.passno());
            Change edit = FileEdit.plan(
                    fstab,
                    content -> p.wantsEntry() ? Fstab.present(content, entry) : Fstab.absent(content, p.path()),
                    FileEdit.Creation.NEVER,
                    List.of());
            edit = WriteGuard.guard(edit, fstab, p.validate(), Boolean.TRUE.equals(p.backup()));
            fstabChanged = edit.changed();
            if (fstabChanged) {
                fields.add(new Change.FieldChange(
                        "fstab",
                        Fstab.find(before, p.path()).map(MountModule::show).orElse(""),
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
            } else if (!now.get().source().isEmpty() && !now.get().source().equals(p.src())) {
                warnings.add(p.path() + " is mounted from " + now.get().source() + ", not " + p.src()
                        + "; unmount it to mount the declared source");
            } else if (fstabChanged) {
                warnings.add(p.path() + " is already mounted: the new fstab entry takes effect at its next mount "
                        + "(umount and mount it, or reboot)");
            }
        }
        if (mounted && (p.state().equals("unmounted") || p.state().equals("absent"))) {
            fields.add(new Change.FieldChange("mounted", "yes", "no"));
        }
        if (fstabChanged && "systemd".equals(context.hostFacts().get("init"))) {
            // only where systemd generates mount units from fstab: elsewhere there is nothing to reload
            warnings.add("fstab changed: run 'systemctl daemon-reload' (systemd generates mount units from fstab)");
        }
        Change change = new Change(ops, fields, warnings, true);
        boolean mounts = p.state().equals("mounted") && !mounted;
        boolean unmounts =
                mounted && (p.state().equals("unmounted") || p.state().equals("absent"));
        // a later resource on this mount point reads what it will be
        return mounts
                ? change.predicting(mounted(p), Optional.of(new Mounted(p.src(), p.fstype())))
                : unmounts ? change.predicting(mounted(p), Optional.empty()) : change;
    }

    /** What is mounted at a mount point (findmnt's SOURCE and FSTYPE). */
    record Mounted(String source, String fstype) {}

    /**
     * Whether {@code p.path()} is a mount point, and of what: findmnt exits 1 when it is not; any
     * other failure fails the plan.
     */
    static TypedFact<Optional<Mounted>> mounted(MountParams p) {
        return new TypedFact<>(
                new Fact.CommandRun(List.of("findmnt", "-n", "-o", "SOURCE,FSTYPE", "--mountpoint", p.path())),
                out -> {
                    if (out.exitCode() == 1) {
                        return Optional.empty();
                    }
                    if (out.exitCode() != 0) {
                        throw new PlanFailure("findmnt failed (exit " + out.exitCode() + "): "
                                + out.stderr().strip());
                    }
                    String[] parts = out.stdout().strip().split("\\s+", 2);
                    return Optional.of(new Mounted(parts[0], parts.length > 1 ? parts[1] : ""));
                },
                m -> m.map(x -> new CommandOutput(0, x.source() + " " + x.fstype() + "\n", ""))
                        .orElse(new CommandOutput(1, "", "")));
    }

    private static String show(Fstab.Entry e) {
        return e.render(" ");
    }
}
