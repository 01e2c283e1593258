package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static ResourceReport conf(String diff) {
        return new ResourceReport(
                "app-conf",
                "file",
                ResourceStatus.CHANGED,
                List.of(),
                List.of(new FileDiff("/etc/app.conf", diff)),
                List.of(),
                "");
    }

    @Test
    void anIdenticalDiffIsShownOnceNamingItsHostsAndADifferentOneApart() {
        String same = "--- a\n+++ b\n@@ -1 +1 @@\n-x=1\n+x=2\n";
        RunReport report = new RunReport(
                "site.yml",
                true,
                List.of(
                        new HostReport("HostA", false, 1, List.of(conf("--- a\n+++ b\n@@ -1 +1 @@\n-x=0\n+x=2\n")), ""),
                        new HostReport("HostB", false, 1, List.of(conf(same)), ""),
                        new HostReport("HostC", false, 1, List.of(conf(same)), "")));
        String md = MarkdownReport.render(report);
        assertThat(md)
                .contains(
                        "### app-conf (file): changed (would change) on HostB, HostC\n",
                        "### app-conf (file): changed (would change) on HostA\n");
        assertThat(md.split("\\+x=2", -1)).hasSize(3);
    }

    @Test
    void aDiffHoldingBackticksGetsALongerFenceAndCellsAreEscaped() {
        RunReport report = new RunReport(
                "site.yml",
                false,
                List.of(new HostReport("Host|A", false, 2, List.of(conf("@@ -1 +1 @@\n-```\n+````\n")), "")));
        String md = MarkdownReport.render(report);
        assertThat(md).contains("| Host\\|A | changed |", "`````diff\n@@ -1 +1 @@\n-```\n+````\n`````\n");
    }
}
