package dev.converge.modules.file;

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
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** A file (whole content or template), a directory, or the absence of either; with mode and owner. */
public final class FileModule implements Module<FileParams> {
    private static final Set<String> STATES = Set.of("file", "directory", "absent");

    @Override
    public String name() {
        return "file";
    }

    @Override
    public Class<FileParams> paramsType() {
        return FileParams.class;
    }

    @Override
    public List<ParamProblem> validate(FileParams p, TemplateRenderer templates) {
        List<ParamProblem> problems = new ArrayList<>();
        if (p.path() == null || !p.path().startsWith("/")) {
            problems.add(new ParamProblem("path", "path must be an absolute path", "write path: /etc/example.conf"));
        } else if (p.path().contains("\n")
                || p.path().contains("\0")
                || Arrays.asList(p.path().split("/")).contains("..")) {
            problems.add(new ParamProblem(
                    "path", "path must not contain '..', newlines or NUL", "write the plain absolute path"));
        }
        if (!STATES.contains(p.stateOrDefault())) {
            problems.add(new ParamProblem(
                    "state", "state must be file, directory or absent, not '" + p.state() + "'", "write state: file"));
        }
        if (p.content() != null && p.template() != null) {
            problems.add(new ParamProblem("template", "content and template exclude each other", "keep one of them"));
        }
        if (!p.stateOrDefault().equals("file") && (p.content() != null || p.template() != null)) {
            problems.add(new ParamProblem(
                    "state", "content and template need state: file", "remove them, or set state: file"));
        }
        if (p.validate() != null) {
            checkValidate(p.validate(), problems);
        }
        if (!p.stateOrDefault().equals("file") && (p.validate() != null || p.backupOrDefault())) {
            problems.add(new ParamProblem(
                    p.validate() != null ? "validate" : "backup",
                    "validate and backup need state: file",
                    "remove them, or set state: file"));
        }
        if (p.mode() != null && !Modes.valid(p.mode())) {
            problems.add(new ParamProblem(
                    "mode",
                    "mode must be octal digits such as '0644', not '" + p.mode() + "'",
                    "quote it: mode: \"0644\" (an unquoted 644 is fine too)"));
        }
        if (p.template() != null && problems.isEmpty()) {
            try {
                templates.render(p.template());
            } catch (TemplateRenderer.TemplateProblem e) {
                problems.add(new ParamProblem("template", e.getMessage(), "fix the template or the variables it uses"));
            }
        }
        return problems;
    }

    private static void checkValidate(List<String> argv, List<ParamProblem> problems) {
        if (argv.isEmpty() || argv.stream().anyMatch(a -> a == null || a.isEmpty() || a.indexOf('\0') >= 0)) {
            problems.add(new ParamProblem(
                    "validate",
                    "validate is empty or holds an empty or NUL argument",
                    "write validate: [visudo, -cf, \"%s\"]"));
        } else if (argv.size() == 1 && argv.get(0).strip().contains(" ")) {
            problems.add(new ParamProblem(
                    "validate",
                    "validate must be an argument list, not a shell string: '" + argv.get(0) + "'",
                    "write validate: [" + String.join(", ", argv.get(0).strip().split("\\s+")) + "]"));
        } else if (argv.stream().noneMatch(a -> a.contains("%s"))) {
            problems.add(new ParamProblem(
                    "validate",
                    "validate does not name the file to check with %s",
                    "add \"%s\" where the file goes, e.g. [visudo, -cf, \"%s\"]"));
        }
    }

    @Override
    public Set<Fact> facts(FileParams p) {
        return Set.of(new Fact.FileRead(p.path(), p.followOrDefault()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(FileParams p, PlanContext context) {
        FileInfo current = context.facts().file(p.path());
        return switch (p.stateOrDefault()) {
            case "absent" ->
                current.exists()
                        ? Change.of(
                                List.of(new Operation.RemovePath(p.path())),
                                List.of(new FieldChange(
                                        "state", current.kind().name().toLowerCase(), "absent")))
                        : Change.none();
            case "directory" -> planDirectory(p, current);
            default -> planFile(p, current, context);
        };
    }

    private static Change planDirectory(FileParams p, FileInfo current) {
        String mode = Modes.normalize(p.mode());
        if (!current.exists()) {
            return Change.of(
                    List.of(new Operation.MakeDirectory(
                            p.path(), mode.isEmpty() ? "0755" : mode, nz(p.owner()), nz(p.group()))),
                    List.of(new FieldChange("state", "absent", "directory")));
        }
        if (current.kind() != FileInfo.Kind.DIRECTORY) {
            throw new PlanFailure(
                    p.path() + " exists but is a " + current.kind().name().toLowerCase() + ", not a directory");
        }
        return attributes(p, current);
    }

    private static Change planFile(FileParams p, FileInfo current, PlanContext context) {
        if (current.exists() && current.kind() != FileInfo.Kind.FILE) {
            throw new PlanFailure(
                    p.path() + " exists but is a " + current.kind().name().toLowerCase() + ", not a regular file");
        }
        byte[] wanted = desiredContent(p, context);
        if (!current.exists() || (wanted != null && !Arrays.equals(wanted, current.content()))) {
            byte[] content = wanted != null ? wanted : new byte[0];
            List<FieldChange> fields = current.exists()
                    ? List.of(
                            new FieldChange("content", current.content().length + " bytes", content.length + " bytes"))
                    : List.of(new FieldChange("state", "absent", "file"));
            String mode = Modes.normalize(p.mode());
            List<Operation> ops = new ArrayList<>();
            if (p.validate() != null) {
                ops.add(WriteGuard.validation(p.path(), content, p.validate()));
            }
            ops.add(Operation.WriteFile.replacing(
                            current,
                            content,
                            mode.isEmpty() && !current.exists() ? "0644" : mode,
                            nz(p.owner()),
                            nz(p.group()))
                    .withFollow(p.followOrDefault())
                    .withBackup(p.backupOrDefault()));
            return Change.of(ops, fields);
        }
        return attributes(p, current);
    }

    private static byte[] desiredContent(FileParams p, PlanContext context) {
        if (p.content() != null) {
            return p.content().getBytes(StandardCharsets.UTF_8);
        }
        if (p.template() != null) {
            return context.templates().render(p.template()).getBytes(StandardCharsets.UTF_8);
        }
        return null;
    }

    private static Change attributes(FileParams p, FileInfo current) {
        String mode = Modes.normalize(p.mode());
        List<FieldChange> fields = new ArrayList<>();
        if (!mode.isEmpty() && !mode.equals(current.mode())) {
            fields.add(new FieldChange("mode", current.mode(), mode));
        }
        if (p.owner() != null && !p.owner().equals(current.owner())) {
            fields.add(new FieldChange("owner", current.owner(), p.owner()));
        }
        if (p.group() != null && !p.group().equals(current.group())) {
            fields.add(new FieldChange("group", current.group(), p.group()));
        }
        if (fields.isEmpty()) {
            return Change.none();
        }
        return Change.of(
                List.of(new Operation.SetAttributes(
                        p.path(),
                        mode.equals(current.mode()) ? "" : mode,
                        p.owner() == null || p.owner().equals(current.owner()) ? "" : p.owner(),
                        p.group() == null || p.group().equals(current.group()) ? "" : p.group())),
                fields);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
