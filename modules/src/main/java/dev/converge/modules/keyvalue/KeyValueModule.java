package dev.converge.modules.keyvalue;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * {@code keyvalue}: settings in libvirt's conf syntax or in shell-variable files, edited in place.
 * Emits security warnings for settings that open libvirt to the network.
 */
public final class KeyValueModule implements Module<KeyValueParams> {
    private static final Pattern LIBVIRT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern SHELL_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> SOCKET_KEYS =
            Set.of("listen_tcp", "listen_tls", "tcp_port", "tls_port", "listen_addr");

    @Override
    public String name() {
        return "keyvalue";
    }

    @Override
    public Class<KeyValueParams> paramsType() {
        return KeyValueParams.class;
    }

    @Override
    public List<ParamProblem> validate(KeyValueParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
        }
        if (checks.required("syntax", p.syntax())) {
            checks.oneOf("syntax", p.syntax(), Set.of("libvirt", "shell"));
        }
        if (p.set().isEmpty() && p.unset().isEmpty()) {
            checks.problem("set", "nothing to do: neither 'set' nor 'unset' is given", "add set: {key: value}");
        }
        boolean libvirt = "libvirt".equals(p.syntax());
        Pattern keyPattern = libvirt ? LIBVIRT_KEY : SHELL_KEY;
        for (String key : concat(p.set().keySet(), p.unset())) {
            if (!keyPattern.matcher(key).matches()) {
                checks.problem(
                        p.unset().contains(key) ? "unset" : "set",
                        "'" + key + "' is not a valid key name",
                        "keys are letters, digits and _, starting with a letter");
            }
        }
        p.set().forEach((key, value) -> {
            if (libvirt) {
                String error = LibvirtKeys.convert(key, value).error();
                if (error != null) {
                    checks.problem("set", error, "see the stock libvirtd.conf for the type of '" + key + "'");
                }
            } else if ("shell".equals(p.syntax()) && shellValue(value).isEmpty()) {
                checks.problem(
                        "set",
                        "'" + key + "': " + value + " is not a string or number",
                        "quote it in YAML (yes/no/true/false are booleans there), e.g. " + key + ": \"no\"");
            }
        });
        checks.mode("mode", p.mode());
        WriteGuard.check(checks, p.validate());
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(KeyValueParams p) {
        return Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(KeyValueParams p, PlanContext context) {
        FileInfo file = context.facts().file(p.path());
        String before = FileEdit.decode(file.content()).orElse("");
        UnaryOperator<String> edit;
        List<Change.FieldChange> fields = new ArrayList<>();
        List<String> warnings;
        if (p.syntax().equals("libvirt")) {
            Map<String, LibvirtValue> set = new LinkedHashMap<>();
            p.set()
                    .forEach((key, value) ->
                            set.put(key, LibvirtKeys.convert(key, value).value()));
            edit = content -> LibvirtConf.apply(content, set, p.unset());
            set.forEach((key, value) -> field(
                    fields,
                    key,
                    LibvirtConf.effective(before, key).map(LibvirtValue::render),
                    Optional.of(value.render())));
            p.unset()
                    .forEach(key -> field(
                            fields,
                            key,
                            LibvirtConf.effective(before, key).map(LibvirtValue::render),
                            Optional.empty()));
            warnings = LibvirtWarnings.of(set);
        } else {
            Map<String, String> set = new LinkedHashMap<>();
            p.set().forEach((key, value) -> set.put(key, shellValue(value).orElseThrow()));
            edit = content -> ShellVars.apply(content, set, p.unset());
            set.forEach((key, value) -> field(fields, key, ShellVars.effective(before, key), Optional.of(value)));
            p.unset().forEach(key -> field(fields, key, ShellVars.effective(before, key), Optional.empty()));
            warnings = LibvirtWarnings.ofShell(set);
        }
        FileEdit.Creation creation =
                new FileEdit.Creation(p.create() != null && p.create(), nz(p.mode()), nz(p.owner()), nz(p.group()));
        return WriteGuard.guard(
                        FileEdit.plan(file, edit, creation, fields),
                        file,
                        p.validate(),
                        Boolean.TRUE.equals(p.backup()))
                .withWarnings(warnings);
    }

    private static void field(
            List<Change.FieldChange> fields, String key, Optional<String> before, Optional<String> after) {
        if (!before.equals(after)) {
            fields.add(new Change.FieldChange(
                    key, SecretPolicy.shown(key, before.orElse("")), SecretPolicy.shown(key, after.orElse(""))));
        }
    }

    private static Optional<String> shellValue(Object value) {
        if (value instanceof String s) {
            return s.indexOf('\n') >= 0 ? Optional.empty() : Optional.of(s);
        }
        if (value instanceof Number n) {
            return Optional.of(n.toString());
        }
        return Optional.empty();
    }

    private static List<String> concat(Set<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static boolean isSocketKey(String key) {
        return SOCKET_KEYS.contains(key);
    }
}
