package dev.converge.modules.exports;

import dev.converge.modules.support.Checks;
import dev.converge.modules.support.Failure;
import dev.converge.modules.support.FileEdit;
import dev.converge.modules.support.WriteGuard;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code exports}: one NFS export and its clients. Reloading the table ({@code exportfs -ra}) is
 * a separate {@code command} resource notified by this one.
 */
public final class ExportsModule implements Module<ExportsParams> {
    private static final Pattern PREFIX = Pattern.compile(".*/(\\d+)$");

    @Override
    public String name() {
        return "exports";
    }

    @Override
    public Class<ExportsParams> paramsType() {
        return ExportsParams.class;
    }

    @Override
    public List<ParamProblem> validate(ExportsParams p, TemplateRenderer templates) {
        Checks checks = new Checks();
        if (checks.required("path", p.path())) {
            checks.absolutePath("path", p.path());
        }
        checks.absolutePath("file", p.file());
        checks.oneOf("state", p.state(), Set.of("present", "absent"));
        WriteGuard.check(checks, p.validate());
        Clients clients = Clients.read(p.clients());
        clients.problems.forEach(reason -> checks.problem(
                "clients", reason, "clients: [{host: 10.77.0.0/24, options: [rw, sync, no_root_squash]}]"));
        if (!p.absent() && clients.byHost.isEmpty() && clients.problems.isEmpty()) {
            checks.problem("clients", "missing required parameter 'clients'", "clients: {10.77.0.0/24: [rw, sync]}");
        }
        return checks.problems();
    }

    @Override
    public Set<Fact> facts(ExportsParams p) {
        return Set.of(new Fact.FileRead(p.file()));
    }

    @Override
    public boolean editsTheFilesItReads() {
        return true; // paths() is its file facts
    }

    @Override
    public Change plan(ExportsParams p, PlanContext context) {
        Map<String, List<String>> clients = Clients.read(p.clients()).byHost;
        FileInfo file = context.facts().file(p.file());
        String before = FileEdit.decode(file.content()).orElse("");
        List<String> warnings = new ArrayList<>();
        List<Change.FieldChange> fields = new ArrayList<>();
        clients.forEach((host, options) -> {
            Optional<List<String>> was = ExportsFile.options(before, p.path(), host);
            Optional<List<String>> now = p.absent() ? Optional.empty() : Optional.of(options);
            if (!was.map(HashSet::new).equals(now.map(HashSet::new))) {
                fields.add(new Change.FieldChange(
                        host,
                        was.map(o -> ExportsFile.render("", o)).orElse(""),
                        now.map(o -> ExportsFile.render("", o)).orElse("")));
            }
            if (!p.absent() && options.contains("no_root_squash") && isWide(host)) {
                warnings.add("SECURITY: " + p.path() + " is exported with no_root_squash to " + host
                        + ": root on any machine matching it is root on the export; list the compute hosts instead.");
            }
        });
        if (!p.absent() && clients.values().stream().anyMatch(o -> o.contains("fsid=0") || o.contains("fsid=root"))) {
            Optional<String> other = ExportsFile.otherFsidRoot(before, p.path());
            if (other.isPresent()) {
                return Failure.change(p.file() + ": " + other.get() + " is already the NFSv4 root (fsid=0); only one "
                        + "export can be; drop fsid=0 from " + p.path() + " or from " + other.get());
            }
        }
        boolean dropIn = p.file().startsWith("/etc/exports.d/");
        FileEdit.Creation creation = new FileEdit.Creation(
                dropIn,
                "0644",
                "root",
                "root",
                "no NFS server seems installed "
                        + "here (nfs-kernel-server or nfs-utils creates it): install one, or create the file first with a file "
                        + "resource ({path: " + p.file() + "}), or use a drop-in: file: /etc/exports.d/NAME.exports");
        Change change = FileEdit.plan(
                file,
                content -> p.absent()
                        ? ExportsFile.absent(content, p.path(), List.copyOf(clients.keySet()))
                        : ExportsFile.present(content, p.path(), clients),
                creation,
                fields);
        return WriteGuard.guard(change, file, p.validate(), Boolean.TRUE.equals(p.backup()))
                .withWarnings(warnings);
    }

    /** A client spec matching more than a few hosts: everyone, wildcards, or a prefix shorter than /24. */
    static boolean isWide(String host) {
        if (host.contains("*") || host.contains("?") || host.contains("[")) {
            return true;
        }
        Matcher m = PREFIX.matcher(host);
        return m.matches() && Integer.parseInt(m.group(1)) < (host.contains(":") ? 64 : 24);
    }
}
