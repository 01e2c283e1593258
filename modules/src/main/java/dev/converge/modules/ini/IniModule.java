package dev.converge.modules.ini;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.FileEdit;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.SecretPolicy;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** {@code ini}: options of one section of an oslo.config INI file, edited in place. */
public final class IniModule implements Module<IniParams> {

    @Override
    public String name() {
        return "ini";
    }

    @Override
    public Class<IniParams> paramsType() {
        return IniParams.class;
    }

    @Override
    public List<ParamProblem> validate(IniParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
        }
        if (p.section() == null) { // section: null is bound as NO_SECTION: the options before the first header
            checks.problem(
                    "section",
                    "missing required parameter 'section'",
                    "set section: NAME, or section: null for the options before the first section");
        }
        if (p.section() != null
                && !p.section().isEmpty()
                && (p.section().contains("]")
                        || Checks.hasLineBreak(p.section())
                        || !p.section().equals(p.section().strip()))) {
            checks.problem(
                    "section",
                    "'" + Checks.printable(p.section()) + "' is not a valid section name",
                    "a section name is one line without ']', e.g. section: libvirt");
        }
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        if (p.set().isEmpty() && p.unset().isEmpty()) {
            checks.problem("set", "nothing to do: neither 'set' nor 'unset' is given", "add set: {option: value}");
        }
        for (String key : p.set().keySet()) {
            if (key.isBlank()
                    || key.contains("=")
                    || key.contains(":")
                    || !key.equals(key.strip())
                    || Checks.hasLineBreak(key)
                    || key.startsWith("#")
                    || key.startsWith(";")
                    || key.startsWith("[")) {
                checks.problem(
                        "set",
                        "'" + Checks.printable(key) + "' is not a valid option name",
                        "option names are one line with no = : or spaces");
            }
            Object value = p.set().get(key);
            if (values(value).isEmpty() && !(p.absent() && value == null)) {
                checks.problem(
                        "set",
                        "'" + key + "': " + value + " is not a scalar or a list of scalars",
                        "give a string, number, boolean, or a list of them for a multi-valued option");
            } else if (values(value).orElse(List.of()).stream().anyMatch(v -> v.contains("\n") || v.contains("\r"))) {
                checks.problem(
                        "set", "'" + key + "': the value spans several lines", "give one value per line as a list");
            }
        }
        for (String key : p.unset()) {
            if (key == null || Checks.hasLineBreak(key)) {
                checks.problem(
                        "unset",
                        "'" + Checks.printable(String.valueOf(key)) + "' is not a valid option name",
                        "option names are one line with no = : or spaces");
            }
        }
        checks.mode("mode", p.mode());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(IniParams p) {
        return Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(IniParams p, PlanContext context) {
        FileInfo file = context.facts().file(p.path());
        String before = FileEdit.decode(file.content()).orElse("");
        String section = p.sectionOrNull();
        List<Change.FieldChange> fields = new ArrayList<>();
        UnaryOperator<String> edit = content -> {
            String out = content;
            for (Map.Entry<String, Object> e : p.set().entrySet()) {
                Optional<List<String>> wanted = values(e.getValue());
                if (!p.absent()) {
                    out = OsloIni.set(out, section, e.getKey(), wanted.orElseThrow());
                } else if (wanted.isPresent()) {
                    out = OsloIni.removeValues(out, section, e.getKey(), wanted.get());
                } else {
                    out = OsloIni.remove(out, section, List.of(e.getKey()));
                }
            }
            return OsloIni.remove(out, section, p.unset());
        };
        String after = edit.apply(before);
        List<String> keys = new ArrayList<>(p.set().keySet());
        keys.addAll(p.unset());
        for (String key : keys) {
            String was = String.join("\n", OsloIni.values(before, section, key));
            String now = String.join("\n", OsloIni.values(after, section, key));
            if (!was.equals(now)) {
                String name = section == null ? key : "[" + section + "] " + key;
                fields.add(new Change.FieldChange(name, SecretPolicy.shown(key, was), SecretPolicy.shown(key, now)));
            }
        }
        FileEdit.Creation creation =
                new FileEdit.Creation(p.create() != null && p.create(), nz(p.mode()), nz(p.owner()), nz(p.group()));
        return WriteGuard.guard(
                FileEdit.plan(file, edit, creation, fields), file, p.validate(), Boolean.TRUE.equals(p.backup()));
    }

    /** A YAML value as option values: a scalar is one value, a list several; empty when not scalar(s). */
    static Optional<List<String>> values(Object value) {
        if (value instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                Optional<String> scalar = scalar(item);
                if (scalar.isEmpty()) {
                    return Optional.empty();
                }
                out.add(scalar.get());
            }
            return Optional.of(out);
        }
        return scalar(value).map(List::of);
    }

    private static Optional<String> scalar(Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        return Optional.empty();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
