package dev.converge.report;

import dev.converge.plan.ResourceStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Markdown summary ({@code --report-markdown FILE}) for a CI job page ({@code $GITHUB_STEP_SUMMARY})
 * or a merge request comment: the run's metadata, a table per host, then what changed, failed or
 * was deferred, with diffs; a diff identical on several hosts is shown once, naming them.
 */
public final class MarkdownReport implements Reporter {
    private final Path file;

    public MarkdownReport(Path file) {
        this.file = file;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            ReportFiles.write(file, render(finished.report()), "Markdown report");
        }
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        out.append("## converge ")
                .append(code(report.playbook()))
                .append(report.check() ? " (check mode: nothing was changed)" : "")
                .append("\n\n");
        report.metadata()
                .entries()
                .forEach((k, v) -> out.append("- **")
                        .append(k.replace('_', ' '))
                        .append("**: ")
                        .append(code(v))
                        .append('\n'));
        if (!report.metadata().entries().isEmpty()) {
            out.append('\n');
        }
        out.append("| host | status |");
        for (ResourceStatus s : ResourceStatus.values()) {
            out.append(' ').append(s.label()).append(" |");
        }
        out.append("\n|---|---|")
                .append("---:|".repeat(ResourceStatus.values().length))
                .append('\n');
        for (HostReport host : report.hosts()) {
            out.append("| ")
                    .append(cell(host.host()))
                    .append(" | ")
                    .append(host.status())
                    .append(" |");
            host.counts().values().forEach(n -> out.append(' ').append(n).append(" |"));
            out.append('\n');
        }
        report.hosts().stream()
                .filter(HostReport::unreachable)
                .forEach(h -> out.append("\n**")
                        .append(cell(h.host()))
                        .append("** unreachable: ")
                        .append(cell(h.message()))
                        .append('\n'));
        List<OutcomeGroups.Group> items = OutcomeGroups.of(report);
        if (items.isEmpty()) {
            out.append("\nNothing ")
                    .append(report.check() ? "to change" : "changed")
                    .append(".\n");
        }
        for (OutcomeGroups.Group item : items) {
            out.append("\n### ")
                    .append(cell(item.id()))
                    .append(" (")
                    .append(item.module())
                    .append("): ")
                    .append(item.status().label())
                    .append(report.check() && item.status() == ResourceStatus.CHANGED ? " (would change)" : "")
                    .append(" on ")
                    .append(cell(String.join(", ", item.hosts())))
                    .append('\n');
            if (!item.message().isEmpty()) {
                out.append('\n').append(quote(item.message())).append('\n');
            }
            item.warnings()
                    .forEach(w -> out.append("\n> **warning**: ")
                            .append(w.replace("\n", " "))
                            .append('\n'));
            if (!item.diff().isEmpty()) {
                String fence = fence(item.diff());
                out.append('\n')
                        .append(fence)
                        .append("diff\n")
                        .append(item.diff())
                        .append(item.diff().endsWith("\n") ? "" : "\n")
                        .append(fence)
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** A fence longer than any run of backticks in the text. */
    private static String fence(String text) {
        int longest = 0;
        int run = 0;
        for (char c : text.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("<", "&lt;");
    }

    private static String code(String text) {
        String t = text.replace("\n", " ");
        String ticks = t.contains("`") ? "``" : "`";
        return ticks + (ticks.length() > 1 ? " " + t + " " : t) + ticks;
    }

    private static String quote(String text) {
        return text.lines().map(l -> "> " + l.replace("<", "&lt;")).collect(Collectors.joining("\n"));
    }
}
