package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * JUnit XML ({@code --report-junit}): one {@code <testsuite>} per host, one {@code <testcase>}
 * per resource. Failed and unreachable resources are {@code <failure>}s with the reason; skipped
 * ones {@code <skipped/>}; with {@code --check}, pending changes are failures only when asked
 * ({@code --junit-changes-fail}), so a CI job can fail on drift. The layout Jenkins, GitLab and
 * GitHub test reporters read (the Ant/Surefire dialect).
 */
public final class JunitReport implements Reporter {
    private final Path file;
    private final boolean changesFail;

    public JunitReport(Path file, boolean changesFail) {
        this.file = file;
        this.changesFail = changesFail;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            ReportFiles.write(file, render(finished.report(), changesFail), "JUnit report");
        }
    }

    /** @param changesFail with --check, report pending changes as failures */
    public static String render(RunReport report, boolean changesFail) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        long totalMs = 0;
        for (HostReport host : report.hosts()) {
            int hostFailures = 0;
            int hostSkipped = 0;
            StringBuilder cases = new StringBuilder();
            for (ResourceReport r : host.resources()) {
                Kind kind = kind(r, report.check() && changesFail);
                hostFailures += kind == Kind.FAILURE ? 1 : 0;
                hostSkipped += kind == Kind.SKIPPED ? 1 : 0;
                testcase(cases, host.host(), r, kind, report.check());
            }
            tests += host.resources().size();
            failures += hostFailures;
            skipped += hostSkipped;
            totalMs += host.durationMs();
            suites.append("  <testsuite name=\"")
                    .append(Xml.escape(host.host()))
                    .append("\" tests=\"")
                    .append(host.resources().size())
                    .append("\" failures=\"")
                    .append(hostFailures)
                    .append("\" errors=\"0\" skipped=\"")
                    .append(hostSkipped)
                    .append("\" time=\"")
                    .append(seconds(host.durationMs()))
                    .append("\">\n");
            suites.append("    <properties>\n");
            property(suites, "status", host.status());
            property(suites, "round_trips", String.valueOf(host.roundTrips()));
            if (!host.message().isEmpty()) {
                property(suites, "message", host.message());
            }
            report.metadata().entries().forEach((k, v) -> property(suites, "converge." + k, v));
            suites.append("    </properties>\n");
            suites.append(cases).append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"converge " + Xml.escape(report.playbook()) + (report.check() ? " (check)" : "")
                + "\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped
                + "\" time=\"" + seconds(totalMs) + "\">\n" + suites + "</testsuites>\n";
    }

    private enum Kind {
        PASS,
        FAILURE,
        SKIPPED
    }

    private static Kind kind(ResourceReport r, boolean changesFail) {
        if (r.status() == ResourceStatus.FAILED || r.status() == ResourceStatus.UNREACHABLE) {
            return Kind.FAILURE;
        }
        if (r.status() == ResourceStatus.SKIPPED) {
            return Kind.SKIPPED;
        }
        return r.status() == ResourceStatus.CHANGED && changesFail ? Kind.FAILURE : Kind.PASS;
    }

    private static void testcase(StringBuilder out, String host, ResourceReport r, Kind kind, boolean check) {
        out.append("    <testcase classname=\"")
                .append(Xml.escape(host))
                .append("\" name=\"")
                .append(Xml.escape(r.id() + " [" + r.module() + "]"))
                .append("\" time=\"")
                .append(seconds(r.durationMs()))
                .append("\"");
        String details = details(r);
        if (kind == Kind.PASS && details.isEmpty()) {
            out.append("/>\n");
            return;
        }
        out.append(">\n");
        if (kind == Kind.FAILURE) {
            boolean pending = r.status() == ResourceStatus.CHANGED;
            String message = pending
                    ? "would change (--check)"
                    : r.status().label() + (r.message().isEmpty() ? "" : ": " + r.message());
            out.append("      <failure type=\"")
                    .append(pending ? "pending-change" : r.status().label())
                    .append("\" message=\"")
                    .append(Xml.escape(message))
                    .append("\">")
                    .append(Xml.escape(pending ? details : message + "\n" + details))
                    .append("</failure>\n");
        } else if (kind == Kind.SKIPPED) {
            out.append("      <skipped message=\"")
                    .append(Xml.escape(r.message()))
                    .append("\"/>\n");
        }
        if (!details.isEmpty() && kind != Kind.FAILURE) {
            out.append("      <system-out>")
                    .append(Xml.escape(
                            (check && r.status() == ResourceStatus.CHANGED ? "would change\n" : "") + details))
                    .append("</system-out>\n");
        }
        out.append("    </testcase>\n");
    }

    /** Changed fields, warnings and the diff, as text. */
    private static String details(ResourceReport r) {
        StringBuilder out = new StringBuilder();
        if (r.status() == ResourceStatus.DEFERRED) {
            out.append("deferred (").append(r.message()).append(")\n");
        }
        r.fields()
                .forEach(f -> out.append(f.name())
                        .append(": ")
                        .append(f.before())
                        .append(" -> ")
                        .append(f.after())
                        .append('\n'));
        r.warnings().forEach(w -> out.append("WARNING: ").append(w).append('\n'));
        out.append(r.diffs().stream().map(FileDiff::unified).collect(Collectors.joining()));
        return out.toString();
    }

    private static void property(StringBuilder out, String name, String value) {
        out.append("      <property name=\"")
                .append(Xml.escape(name))
                .append("\" value=\"")
                .append(Xml.escape(value))
                .append("\"/>\n");
    }

    private static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }
}
