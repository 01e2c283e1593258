package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML file ({@code --report-html}): no script, no network. A summary per
 * host, the resource graph as inline SVG coloured by outcome, then per host its resources with
 * changed fields, warnings and coloured diffs.
 */
public final class HtmlReport implements Reporter {
    private final Path file;

    public HtmlReport(Path file) {
        this.file = file;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            ReportFiles.write(file, render(finished.report()), "HTML report");
        }
    }

    public static String render(RunReport report) {
        StringBuilder out = new StringBuilder();
        String title = "converge " + report.playbook() + (report.check() ? " (check mode)" : "");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Xml.escape(title))
                .append("</title>\n<style>\n")
                .append(HtmlStyle.CSS)
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(Xml.escape(title)).append("</h1>\n");
        if (report.check()) {
            out.append(
                    "<p class=\"note\">Check mode: nothing was changed; <em>changed</em> means <em>would change</em>.</p>\n");
        }
        metadata(out, report.metadata());
        summary(out, report);
        batches(out, report.batches());
        changes(out, report);
        out.append("<h2>Resource graph</h2>\n")
                .append(DagSvg.legend())
                .append("<div class=\"graph\">\n")
                .append(DagSvg.render(Dag.of(report)))
                .append("</div>\n");
        for (HostReport host : report.hosts()) {
            host(out, host);
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void metadata(StringBuilder out, RunMetadata metadata) {
        if (metadata.entries().isEmpty()) {
            return;
        }
        out.append("<dl class=\"run\">\n");
        metadata.entries()
                .forEach((k, v) -> out.append("<dt>")
                        .append(Xml.escape(k.replace('_', ' ')))
                        .append("</dt><dd>")
                        .append(Xml.escape(v))
                        .append("</dd>\n"));
        out.append("</dl>\n");
    }

    private static void summary(StringBuilder out, RunReport report) {
        out.append("<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>host</th><th>status</th>");
        for (ResourceStatus s : ResourceStatus.values()) {
            out.append("<th>").append(s.label()).append("</th>");
        }
        out.append("<th>round trips</th></tr></thead>\n<tbody>\n");
        for (HostReport host : report.hosts()) {
            out.append("<tr class=\"host-row status-")
                    .append(host.status())
                    .append("\"><td><a href=\"#host-")
                    .append(anchor(host.host()))
                    .append("\">")
                    .append(Xml.escape(host.host()))
                    .append("</a></td><td class=\"badge\">")
                    .append(host.status())
                    .append("</td>");
            Map<ResourceStatus, Integer> c = host.counts();
            for (ResourceStatus s : ResourceStatus.values()) {
                out.append("<td>").append(c.get(s)).append("</td>");
            }
            out.append("<td>").append(host.roundTrips()).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The stages of a run with {@code serial:}, in order, with what became of each. */
    private static void batches(StringBuilder out, List<BatchReport> batches) {
        if (batches.isEmpty()) {
            return;
        }
        out.append(
                "<h2>Batches</h2>\n<table class=\"summary\">\n<thead><tr><th>#</th><th>batch</th><th>status</th><th>why</th></tr></thead>\n<tbody>\n");
        for (BatchReport b : batches) {
            String status = b.status().equals(BatchReport.COMPLETED) ? "ok" : "failed";
            out.append("<tr class=\"status-")
                    .append(status)
                    .append("\"><td>")
                    .append(b.number())
                    .append("</td><td>")
                    .append(Xml.escape(b.label()))
                    .append("</td><td class=\"badge\">")
                    .append(Xml.escape(b.status().replace('_', ' ')))
                    .append("</td><td>")
                    .append(Xml.escape(b.message()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The changes-only view: each changed, failed or deferred outcome once, with every host it is identical on. */
    private static void changes(StringBuilder out, RunReport report) {
        out.append("<h2 id=\"changes\">Changes</h2>\n");
        List<OutcomeGroups.Group> groups = OutcomeGroups.of(report);
        if (groups.isEmpty()) {
            out.append("<p class=\"nothing\">Nothing ")
                    .append(report.check() ? "to change" : "changed")
                    .append(".</p>\n");
            return;
        }
        for (OutcomeGroups.Group g : groups) {
            out.append("<div class=\"change status-")
                    .append(g.status().label())
                    .append("\"><h3><span class=\"badge\">")
                    .append(g.status().label())
                    .append("</span> ")
                    .append(Xml.escape(g.id()))
                    .append(" <span class=\"module\">(")
                    .append(Xml.escape(g.module()))
                    .append(")</span> on <span class=\"hosts\">")
                    .append(Xml.escape(String.join(", ", g.hosts())))
                    .append("</span>");
            if (g.hosts().size() > 1) {
                out.append(" <span class=\"same\">")
                        .append(g.diff().isEmpty() ? "same outcome" : "same diff")
                        .append("</span>");
            }
            out.append("</h3>\n");
            if (g.status() == ResourceStatus.DEFERRED) {
                out.append(
                        "<p class=\"deferred\">Deferred: a live check, judged on the host as the apply leaves it (re-checked after the apply), "
                                + "not on the state read before it.</p>\n");
            }
            if (!g.message().isEmpty()) {
                out.append("<div class=\"message\">")
                        .append(Xml.escape(g.message()))
                        .append("</div>\n");
            }
            g.warnings()
                    .forEach(w -> out.append("<div class=\"warning\">&#9888; ")
                            .append(Xml.escape(w))
                            .append("</div>\n"));
            if (!g.diff().isEmpty()) {
                out.append(HtmlDiff.render(g.diff()));
            }
            out.append("</div>\n");
        }
    }

    private static void host(StringBuilder out, HostReport host) {
        out.append("<section class=\"host\" id=\"host-")
                .append(anchor(host.host()))
                .append("\">\n<h2>")
                .append(Xml.escape(host.host()))
                .append(" <span class=\"badge status-")
                .append(host.status())
                .append("\">")
                .append(host.status())
                .append("</span></h2>\n");
        if (!host.message().isEmpty()) {
            out.append("<p class=\"message\">")
                    .append(Xml.escape(host.message()))
                    .append("</p>\n");
        }
        List<ResourceReport> ok = host.resources().stream()
                .filter(r -> r.status() == ResourceStatus.OK)
                .toList();
        List<ResourceReport> rest = host.resources().stream()
                .filter(r -> r.status() != ResourceStatus.OK)
                .toList();
        if (!rest.isEmpty()) {
            rows(out, rest);
        }
        if (!ok.isEmpty()) {
            out.append("<details class=\"ok\"><summary>").append(ok.size()).append(" ok (nothing to do)</summary>\n");
            rows(out, ok);
            out.append("</details>\n");
        }
        out.append("</section>\n");
    }

    private static void rows(StringBuilder out, List<ResourceReport> resources) {
        out.append(
                "<table class=\"resources\">\n<thead><tr><th>resource</th><th>module</th><th>status</th><th>details</th></tr></thead>\n<tbody>\n");
        for (ResourceReport r : resources) {
            out.append("<tr class=\"status-")
                    .append(r.status().label())
                    .append("\"><td>")
                    .append(Xml.escape(r.id()))
                    .append("</td><td>")
                    .append(Xml.escape(r.module()))
                    .append("</td><td class=\"badge\">")
                    .append(r.status().label())
                    .append("</td><td>");
            if (!r.message().isEmpty()) {
                out.append("<div class=\"message\">")
                        .append(Xml.escape(r.message()))
                        .append("</div>");
            }
            for (String w : r.warnings()) {
                out.append("<div class=\"warning\">&#9888; ")
                        .append(Xml.escape(w))
                        .append("</div>");
            }
            if (!r.fields().isEmpty()) {
                out.append("<ul class=\"fields\">");
                r.fields()
                        .forEach(f -> out.append("<li><code>")
                                .append(Xml.escape(f.name()))
                                .append("</code>: <del>")
                                .append(Xml.escape(f.before()))
                                .append("</del> &#8594; <ins>")
                                .append(Xml.escape(f.after()))
                                .append("</ins></li>"));
                out.append("</ul>");
            }
            for (FileDiff d : r.diffs()) {
                out.append("<div class=\"file\"><div class=\"path\">")
                        .append(Xml.escape(d.path()))
                        .append("</div>")
                        .append(HtmlDiff.render(d.unified()))
                        .append("</div>");
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String anchor(String host) {
        return host.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
