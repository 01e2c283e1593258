package dev.converge.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.hash.Hashing;
import dev.converge.plan.ResourceStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CI annotations ({@code --annotations github|gitlab}): each failure and warning, at the playbook
 * line that declares the resource. GitHub: workflow commands on standard output
 * ({@code ::error file=F,line=L,title=T::message}); GitLab: a Code Quality report
 * ({@code gl-code-quality-report.json}, for {@code artifacts:reports:codequality}).
 */
public final class Annotations implements Reporter {
    /** Where annotations go. */
    public enum Flavour {
        GITHUB,
        GITLAB
    }

    public static final Path GITLAB_FILE = Path.of("gl-code-quality-report.json");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Flavour flavour;
    private final PrintStream out;
    private final Path gitlabFile;

    public Annotations(Flavour flavour, PrintStream out, Path gitlabFile) {
        this.flavour = flavour;
        this.out = out;
        this.gitlabFile = gitlabFile;
    }

    /** One annotation: {@code error} or {@code warning}, at {@code file:line}. */
    record Note(String level, String file, int line, String title, String message) {}

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            List<Note> notes = notes(finished.report());
            if (flavour == Flavour.GITHUB) {
                notes.forEach(n -> out.println(github(n)));
            } else {
                ReportFiles.write(gitlabFile, gitlab(notes), "GitLab Code Quality report");
            }
        }
    }

    static List<Note> notes(RunReport report) {
        List<Note> notes = new ArrayList<>();
        for (HostReport host : report.hosts()) {
            if (host.unreachable()) {
                notes.add(new Note(
                        "error", report.playbook(), 1, "converge: " + host.host() + " unreachable", host.message()));
                continue;
            }
            for (ResourceReport r : host.resources()) {
                int colon = r.source().lastIndexOf(':');
                String file = colon > 0 ? r.source().substring(0, colon) : report.playbook();
                int line = colon > 0 ? Integer.parseInt(r.source().substring(colon + 1)) : 1;
                if (r.status() == ResourceStatus.FAILED) {
                    notes.add(new Note(
                            "error", file, line, "converge: " + r.id() + " failed on " + host.host(), r.message()));
                }
                r.warnings()
                        .forEach(w -> notes.add(
                                new Note("warning", file, line, "converge: " + r.id() + " on " + host.host(), w)));
            }
        }
        return notes;
    }

    static String github(Note n) {
        return "::" + n.level() + " file=" + property(n.file()) + ",line=" + n.line() + ",title=" + property(n.title())
                + "::" + data(n.message());
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }

    static String gitlab(List<Note> notes) {
        ArrayNode issues = MAPPER.createArrayNode();
        for (Note n : notes) {
            ObjectNode issue = issues.addObject();
            issue.put("description", n.title() + ": " + n.message());
            issue.put("check_name", "converge-" + n.level());
            issue.put(
                    "fingerprint",
                    Hashing.sha256()
                            .hashString(
                                    n.level() + n.file() + n.line() + n.title() + n.message(), StandardCharsets.UTF_8)
                            .toString()
                            .substring(0, 32));
            issue.put("severity", n.level().equals("error") ? "major" : "minor");
            ObjectNode location = issue.putObject("location");
            location.put("path", n.file());
            location.putObject("lines").put("begin", n.line());
        }
        try {
            return MAPPER.writeValueAsString(issues) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
