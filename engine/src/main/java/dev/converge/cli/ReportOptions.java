package dev.converge.cli;

import dev.converge.report.Annotations;
import dev.converge.report.HtmlReport;
import dev.converge.report.HumanReporter;
import dev.converge.report.JsonReport;
import dev.converge.report.JunitReport;
import dev.converge.report.LiveProgress;
import dev.converge.report.MarkdownReport;
import dev.converge.report.Reporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The output flags, and the reporters they ask for. */
public final class ReportOptions {
    @Option(
            names = "--report-json",
            paramLabel = "FILE",
            description = "Write the JSON report to FILE (schema: docs/report-schema.json).")
    Path json;

    @Option(
            names = "--report-junit",
            paramLabel = "FILE",
            description = "Write a JUnit XML report to FILE: a test suite per host, a test case per resource.")
    Path junit;

    @Option(
            names = "--junit-changes-fail",
            description = "With --check, report pending changes as JUnit failures (fail CI on drift).")
    boolean junitChangesFail;

    @Option(
            names = "--report-html",
            paramLabel = "FILE",
            description = "Write a self-contained HTML report (summary, diffs, resource graph) to FILE.")
    Path html;

    @Option(
            names = "--report-markdown",
            paramLabel = "FILE",
            description =
                    "Write a Markdown summary (table, then what changed or failed, "
                            + "with diffs; identical diffs once for all their hosts) to FILE, e.g. $GITHUB_STEP_SUMMARY or a merge request comment.")
    Path markdown;

    @Option(
            names = "--annotations",
            paramLabel = "github|gitlab",
            description =
                    "CI annotations of failures and warnings at the "
                            + "playbook's file:line: github prints workflow commands; gitlab writes gl-code-quality-report.json (Code Quality).")
    Annotations.Flavour annotations;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    /** @param terminal whether standard output is a terminal (live progress and colours) */
    List<Reporter> reporters(PrintStream out, boolean diff, boolean terminal) {
        return reporters(out, diff, terminal, 0);
    }

    /** @param verbosity how much detail the terminal shows: 0, or -v 1, -vv 2, -vvv 3 */
    List<Reporter> reporters(PrintStream out, boolean diff, boolean terminal, int verbosity) {
        boolean colour = terminal && !noColor && System.getenv("NO_COLOR") == null;
        List<Reporter> reporters = new ArrayList<>();
        if (terminal) {
            reporters.add(
                    new LiveProgress(out, new HumanReporter(out, diff, colour, true).verbosity(verbosity), colour));
        } else {
            reporters.add(new HumanReporter(out, diff, colour).verbosity(verbosity));
        }
        if (json != null) {
            reporters.add(new JsonReport(json));
        }
        if (junit != null) {
            reporters.add(new JunitReport(junit, junitChangesFail));
        }
        if (annotations != null) {
            reporters.add(new Annotations(annotations, out, Annotations.GITLAB_FILE));
        }
        if (markdown != null) {
            reporters.add(new MarkdownReport(markdown));
        }
        if (html != null) {
            reporters.add(new HtmlReport(html));
        }
        return reporters;
    }
}
