package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.plan.ResourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A deferred live check reads as deferred in every report, never as skipped. */
class DeferredReportTest {
    private static final String WHY =
            "re-checked after the apply: it checks live state, and the changes before it (from uid on) may change what it reads";

    private final RunReport report = new RunReport(
            "p.yml",
            true,
            List.of(new HostReport(
                    "HostA",
                    false,
                    1,
                    List.of(new ResourceReport(
                            "uids-agree", "agree", ResourceStatus.DEFERRED, List.of(), List.of(), List.of(), WHY)),
                    "")));

    @Test
    void theTerminalSaysDeferredAndCountsItApart() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HumanReporter human = new HumanReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, false);
        report.hosts().get(0).resources().forEach(r -> human.on(new RunEvent.ResourceFinished("HostA", r)));
        human.on(new RunEvent.RunFinished(report));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out)
                .contains("uids-agree [agree] deferred (" + WHY + ")")
                .contains("skipped=0")
                .contains("deferred=1");
        assertThat(out).doesNotContain("skipped (");
    }

    @Test
    void jsonAndJunitSayDeferred() {
        assertThat(JsonReport.render(report))
                .contains("\"status\" : \"deferred\"")
                .contains("\"deferred\" : 1");
        String junit = JunitReport.render(report, false);
        assertThat(junit).contains("deferred (" + WHY + ")").doesNotContain("<skipped");
    }
}
