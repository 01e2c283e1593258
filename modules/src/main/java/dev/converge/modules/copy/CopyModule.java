package dev.converge.modules.copy;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Change.FieldChange;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Modes;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.SourceFiles;
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code copy}: a local file, a local directory (recursively) or a given content, onto the host,
 * as Ansible's {@code copy}. Every write is the engine's compare-and-swap {@code WriteFile}
 * (private temp file, rename), guarded by {@code validate:}/{@code backup:} as every file writer.
 */
public final class CopyModule implements Module<CopyParams> {

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public Class<CopyParams> paramsType() {
        return CopyParams.class;
    }

    @Override
    public List<ParamProblem> validate(CopyParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("dest", p.dest())) {
            checks.absolutePath("dest", p.dest());
        }
        if (p.src() == null && p.content() == null) {
            checks.problem(
                    "src", "copy needs src (a local file or directory) or content", "add src: FILE or content: TEXT");
        } else if (p.src() != null && p.content() != null) {
            checks.problem("content", "src and content exclude each other", "keep one of them");
        }
        if (p.content() != null && p.dest() != null && p.dest().endsWith("/")) {
            checks.problem(
                    "dest",
                    "with content, dest must name the file, not a directory ('" + p.dest() + "')",
                    "write dest: " + p.dest() + "NAME");
        }
        checks.mode("mode", p.mode());
        checks.mode("directory_mode", p.directoryMode());
        WriteGuard.check(checks, p.validate());
        if (p.src() != null && p.content() == null && checks.problems().isEmpty()) {
            try {
                SourceFiles.Source source = templates.sources().read(p.src(), p.secretOrDefault());
                if (source instanceof SourceFiles.Directory && p.validate() != null) {
                    checks.problem(
                            "validate",
                            "validate checks one file; src " + source.location() + " is a directory",
                            "copy the file that needs checking with its own resource");
                }
            } catch (SourceFiles.SourceProblem e) {
                checks.problem("src", e.getMessage(), e.hint());
            }
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(CopyParams p) {
        Set<Fact> facts = new LinkedHashSet<>();
        facts.add(new Fact.FileRead(p.destPath(), p.followOrDefault()));
        if (p.src() != null) {
            facts.add(new Fact.FileRead(p.destPath() + "/" + p.srcName(), p.followOrDefault()));
        }
        return facts;
    }

    @Override
    public Set<Fact> facts(CopyParams p, TemplateRenderer templates) {
        if (p.src() == null) {
            return facts(p);
        }
        SourceFiles.Source source;
        try {
            source = templates.sources().read(p.src(), p.secretOrDefault());
        } catch (SourceFiles.SourceProblem e) {
            return facts(p); // invalid input, reported by validate
        }
        if (!(source instanceof SourceFiles.Directory dir)) {
            return facts(p);
        }
        Set<Fact> facts = new LinkedHashSet<>();
        String root = root(p);
        facts.add(new Fact.FileRead(root));
        dir.directories().forEach(d -> facts.add(new Fact.FileRead(root + "/" + d)));
        dir.files().keySet().forEach(f -> facts.add(new Fact.FileRead(root + "/" + f, p.followOrDefault())));
        return facts;
    }

    @Override
    public Set<String> paths(CopyParams p) {
        return p.src() == null ? Set.of(p.destPath()) : Set.of(p.destPath(), p.destPath() + "/" + p.srcName());
    }

    /** The directory a directory src lands in: {@code dest} for {@code src: DIR/}, else {@code dest/DIR}. */
    private static String root(CopyParams p) {
        return p.src().endsWith("/") ? p.destPath() : p.destPath() + "/" + p.srcName();
    }

    @Override
    public Change plan(CopyParams p, PlanContext context) {
        if (p.content() != null) {
            return file(p, context.facts().file(p.destPath()), p.content().getBytes(StandardCharsets.UTF_8));
        }
        SourceFiles.Source source;
        try {
            source = context.templates().sources().read(p.src(), p.secretOrDefault());
        } catch (SourceFiles.SourceProblem e) {
            throw new PlanFailure(e.getMessage());
        }
        if (source instanceof SourceFiles.File f) {
            FileInfo dest = context.facts().file(p.destPath());
            boolean into = p.dest().endsWith("/") || dest.kind() == FileInfo.Kind.DIRECTORY;
            if (!into) {
                return file(p, dest, f.content());
            }
            FileInfo inside = context.facts().file(p.destPath() + "/" + p.srcName());
            return dest.exists() ? file(p, inside, f.content()) : intoNewDirectory(p, inside, f.content());
        }
        return directory(p, (SourceFiles.Directory) source, context);
    }

    /**
     * A file copied to {@code dest/} where there is no such directory yet: made first, as Ansible
     * makes it ({@code directory_mode}, else 0755, with the task's owner and group).
     */
    private static Change intoNewDirectory(CopyParams p, FileInfo inside, byte[] wanted) {
        String dirMode = Modes.normalize(p.directoryMode());
        Change write = write(p, inside, wanted);
        List<Operation> ops = new ArrayList<>();
        ops.add(new Operation.MakeDirectory(
                p.destPath(), dirMode.isEmpty() ? "0755" : dirMode, nz(p.owner()), nz(p.group())));
        ops.addAll(write.operations());
        List<FieldChange> fields = new ArrayList<>();
        fields.add(new FieldChange(p.destPath(), "absent", "directory"));
        fields.addAll(write.fields());
        return WriteGuard.guard(Change.of(ops, fields), inside, p.validate(), p.backupOrDefault());
    }

    private static Change file(CopyParams p, FileInfo current, byte[] wanted) {
        Change change = write(p, current, wanted);
        return WriteGuard.guard(change, current, p.validate(), p.backupOrDefault());
    }

    /** The write (or attribute change) that makes {@code current} hold {@code wanted}, unguarded. */
    private static Change write(CopyParams p, FileInfo current, byte[] wanted) {
        if (current.exists() && current.kind() != FileInfo.Kind.FILE) {
            throw new PlanFailure(current.path() + " exists but is a "
                    + current.kind().name().toLowerCase() + ", not a regular file");
        }
        String mode = Modes.normalize(p.mode());
        if (!current.exists() || (p.forceOrDefault() && !Arrays.equals(wanted, current.content()))) {
            FieldChange field = current.exists()
                    ? new FieldChange(current.path(), current.content().length + " bytes", wanted.length + " bytes")
                    : new FieldChange(current.path(), "absent", "file, " + wanted.length + " bytes");
            return Change.of(
                    List.of(Operation.WriteFile.replacing(
                                    current,
                                    wanted,
                                    mode.isEmpty() && !current.exists() ? "0644" : mode,
                                    nz(p.owner()),
                                    nz(p.group()))
                            .withFollow(p.followOrDefault())),
                    List.of(field));
        }
        return attributes(current, mode, p.owner(), p.group());
    }

    private static Change directory(CopyParams p, SourceFiles.Directory source, PlanContext context) {
        String root = root(p);
        List<String> dirs = new ArrayList<>(List.of(root));
        source.directories().forEach(d -> dirs.add(root + "/" + d));
        List<Operation> ops = new ArrayList<>();
        List<FieldChange> fields = new ArrayList<>();
        String dirMode = Modes.normalize(p.directoryMode());
        for (String d : dirs) {
            FileInfo now = context.facts().file(d);
            if (!now.exists()) {
                ops.add(new Operation.MakeDirectory(
                        d, dirMode.isEmpty() ? "0755" : dirMode, nz(p.owner()), nz(p.group())));
                fields.add(new FieldChange(d, "absent", "directory"));
            } else if (now.kind() != FileInfo.Kind.DIRECTORY) {
                throw new PlanFailure(
                        d + " exists but is a " + now.kind().name().toLowerCase() + ", not a directory");
            } else {
                Change attrs = attributes(now, dirMode, p.owner(), p.group());
                ops.addAll(attrs.operations());
                fields.addAll(attrs.fields());
            }
        }
        List<FileInfo> written = new ArrayList<>();
        for (Map.Entry<String, SourceFiles.File> f : source.files().entrySet()) {
            FileInfo now = context.facts().file(root + "/" + f.getKey());
            Change one = write(p, now, f.getValue().content());
            ops.addAll(one.operations());
            fields.addAll(one.fields());
            written.add(now);
        }
        Change change = Change.of(ops, fields);
        for (FileInfo now : written) {
            change = WriteGuard.guard(change, now, null, p.backupOrDefault());
        }
        return change;
    }

    private static Change attributes(FileInfo current, String mode, String owner, String group) {
        List<FieldChange> fields = new ArrayList<>();
        if (!mode.isEmpty() && !mode.equals(current.mode())) {
            fields.add(new FieldChange(current.path() + " mode", current.mode(), mode));
        }
        if (owner != null && !owner.equals(current.owner())) {
            fields.add(new FieldChange(current.path() + " owner", current.owner(), owner));
        }
        if (group != null && !group.equals(current.group())) {
            fields.add(new FieldChange(current.path() + " group", current.group(), group));
        }
        if (fields.isEmpty()) {
            return Change.none();
        }
        return Change.of(
                List.of(new Operation.SetAttributes(
                        current.path(),
                        mode.equals(current.mode()) ? "" : mode,
                        owner == null || owner.equals(current.owner()) ? "" : owner,
                        group == null || group.equals(current.group()) ? "" : group)),
                fields);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
