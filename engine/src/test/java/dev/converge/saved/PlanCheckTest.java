package dev.converge.saved;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.gather.GatherResult;
import dev.converge.report.HostReport;
import dev.converge.report.RunReport;
import dev.converge.secret.Secrets;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A saved plan's hosts are recorded with their stage and checked in it: same facts pass, moved facts or another stage refuse. */
class PlanCheckTest {
    private static final Fact CONF = new Fact.FileRead("/etc/app.conf", false);

    private static GatherResult read(String content) {
        return new GatherResult(
                Map.of(
                        CONF,
                        new FileInfo(
                                "/etc/app.conf",
                                FileInfo.Kind.FILE,
                                "0644",
                                "root",
                                "root",
                                content.getBytes(StandardCharsets.UTF_8))),
                Map.of());
    }

    private static RunReport planned(String host) {
        return new RunReport("site.yml", true, List.of(new HostReport(host, false, 1, List.of(), "")));
    }

    private static SavedPlan recorded() {
        PlanRecorder recorder = new PlanRecorder(List.of());
        recorder.review(1, Map.of("w1", read("one\n")), planned("w1"), Secrets.none());
        recorder.review(2, Map.of("w1", read("one\n"), "w2", read("two\n")), planned("w2"), Secrets.none());
        return new SavedPlan(
                SavedPlan.FORMAT_VERSION,
                "1",
                new SavedPlan.Invocation("site.yml", List.of(), "", List.of(), List.of(), List.of(), 1, 1, 1, "strict"),
                new SavedPlan.Inputs("sha256:x", List.of()),
                recorder.hosts(),
                planned("w1"));
    }

    @Test
    void theRecorderKeepsEachHostOfTheStageItReviewsWithThatStage() {
        assertThat(recorded().hosts())
                .extracting(h -> h.host() + "@" + h.stage())
                .containsExactly("w1@1", "w2@2");
    }

    @Test
    void aHostIsAppliedInItsStageWhenNothingMovedAndRefusedOtherwise() {
        PlanCheck check = new PlanCheck(recorded());
        assertThat(check.review(2, Map.of("w2", read("two\n")), planned("w2"), Secrets.none()))
                .isEmpty();
        assertThat(check.review(2, Map.of("w2", read("edited\n")), planned("w2"), Secrets.none()))
                .containsOnlyKeys("w2")
                .extractingByKey("w2")
                .asString()
                .startsWith("changed since the plan: /etc/app.conf (sha256:");
        assertThat(check.review(3, Map.of("w2", read("two\n")), planned("w2"), Secrets.none()))
                .containsEntry(
                        "w2",
                        "planned in stage 2 of the run, reached in stage 3; nothing was applied on w2;"
                                + " make a new plan and review it");
    }
}
