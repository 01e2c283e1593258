package dev.converge.modules.hosts;

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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code hosts_entry}: one address and its names in {@code /etc/hosts}, no duplicates elsewhere. */
public final class HostsEntryModule implements Module<HostsEntryParams> {
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

    @Override
    public String name() {
        return "hosts_entry";
    }

    @Override
    public Class<HostsEntryParams> paramsType() {
        return HostsEntryParams.class;
    }

    @Override
    public List<ParamProblem> validate(HostsEntryParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        checks.absolutePath("path", p.path());
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        WriteGuard.check(checks, p.validate());
        if (checks.required("address", p.address())
                && !IPV4.matcher(p.address()).matches()
                && !IPV6.matcher(p.address()).matches()) {
            checks.problem(
                    "address",
                    "'" + p.address() + "' is not an IPv4 or IPv6 address",
                    "/etc/hosts maps addresses to names, e.g. address: 10.77.0.12");
        }
        if (p.names().isEmpty() && !p.absent()) {
            checks.problem("names", "missing required parameter 'names'", "names: [hostb.example.org, hostb]");
        }
        Set<String> seen = new HashSet<>();
        for (String name : p.names()) {
            if (name == null || !NAME.matcher(name).matches()) {
                checks.problem(
                        "names",
                        "'" + name + "' is not a valid host name",
                        "letters, digits, '-' and '.', starting and ending with a letter or digit");
            } else if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                checks.problem("names", "'" + name + "' is listed twice", "list each name once");
            }
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(HostsEntryParams p) {
        return Set.of(new Fact.FileRead(p.path()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(HostsEntryParams p, PlanContext context) {
        List<Change.FieldChange> fields =
                List.of(new Change.FieldChange(p.address(), "", p.absent() ? "absent" : String.join(" ", p.names())));
        FileInfo file = context.facts().file(p.path());
        return WriteGuard.guard(
                FileEdit.plan(
                        file,
                        content -> p.absent()
                                ? HostsFile.absent(content, p.address(), p.names())
                                : HostsFile.present(content, p.address(), p.names()),
                        FileEdit.Creation.NEVER,
                        fields),
                file,
                p.validate(),
                Boolean.TRUE.equals(p.backup()));
    }
}
