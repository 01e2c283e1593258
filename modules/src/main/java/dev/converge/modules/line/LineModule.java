package dev.converge.modules.line;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.FileEdit;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** {@code line}: one line in a text file, like Ansible's {@code lineinfile}. */
public final class LineModule implements Module<LineParams> {

    @Override
    public String name() {
        return "line";
    }

    @Override
    public Class<LineParams> paramsType() {
        return LineParams.class;
    }

    @Override
    public List<ParamProblem> validate(LineParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        if (p.stateOrDefault().equals("present")) {
            checks.required("line", p.line());
        } else if (p.line() == null && p.regexp() == null) {
            checks.problem(
                    "regexp",
                    "state: absent needs 'regexp' or 'line' to know what to remove",
                    "add regexp: '^pattern' or line: 'exact text'");
        }
        checks.singleLine("line", p.line());
        checks.regex("regexp", p.regexp());
        if (p.insertAfter() != null && p.insertBefore() != null) {
            checks.problem("insert_before", "insert_after and insert_before are mutually exclusive", "keep only one");
        }
        if (p.insertAfter() != null
                && !p.insertAfter().equals("EOF")
                && !p.insertAfter().equals("BOF")) {
            checks.regex("insert_after", p.insertAfter());
        }
        if (p.insertBefore() != null && !p.insertBefore().equals("BOF")) {
            checks.regex("insert_before", p.insertBefore());
        }
        checks.mode("mode", p.mode());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(LineParams p) {
        return Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(LineParams p, PlanContext context) {
        Pattern regexp = p.regexp() == null ? null : Pattern.compile(p.regexp());
        UnaryOperator<String> edit;
        if (p.stateOrDefault().equals("absent")) {
            edit = content -> LineInFile.absent(content, p.line(), regexp);
        } else {
            LineInFile.Anchor anchor = LineInFile.Anchor.of(p.insertAfter(), p.insertBefore());
            edit = content -> LineInFile.present(content, p.line(), regexp, anchor);
        }
        FileEdit.Creation creation =
                new FileEdit.Creation(p.createOrDefault(), nz(p.mode()), nz(p.owner()), nz(p.group()));
        FileInfo target = context.facts().file(p.path());
        return WriteGuard.guard(
                FileEdit.plan(
                        target,
                        edit,
                        creation,
                        List.of(new Change.FieldChange(
                                "line", "", p.stateOrDefault().equals("absent") ? "absent" : p.line()))),
                target,
                p.validate(),
                Boolean.TRUE.equals(p.backup()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
