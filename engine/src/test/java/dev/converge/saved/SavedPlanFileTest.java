package dev.converge.saved;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.report.BatchReport;
import dev.converge.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan file's format: a round trip keeps each host's stage and the batches; format 1 still reads; others do not. */
class SavedPlanFileTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path dir;

    private static SavedPlan plan() {
        return new SavedPlan(
                SavedPlan.FORMAT_VERSION,
                "1.2.3",
                new SavedPlan.Invocation(
                        "site.yml", List.of("hosts.yml"), "", List.of(), List.of(), List.of(), 5, 10, 0, "strict"),
                new SavedPlan.Inputs(DIGEST, List.of(new SavedPlan.InputFile("site.yml", DIGEST))),
                List.of(
                        new SavedPlan.SavedHost("w1", 1, DIGEST, Map.of("/etc/app.conf", DIGEST)),
                        new SavedPlan.SavedHost("w2", 2, DIGEST, Map.of("/etc/app.conf", "absent"))),
                new RunReport("site.yml", true, List.of())
                        .with(List.of(
                                new BatchReport(1, "play 'web' batch 1/2 (w1)", List.of("w1"), "completed", ""),
                                new BatchReport(2, "play 'web' batch 2/2 (w2)", List.of("w2"), "completed", ""))));
    }

    @Test
    void aRoundTripKeepsEachHostsStageAndTheBatches() throws Exception {
        Path file = dir.resolve("site.plan");
        SavedPlanFile.write(file, plan());
        SavedPlan read = SavedPlanFile.read(file);
        assertThat(read.formatVersion()).isEqualTo(2);
        assertThat(read.hosts()).isEqualTo(plan().hosts());
        assertThat(read.host("w2").stage()).isEqualTo(2);
        assertThat(read.report().batches()).isEqualTo(plan().report().batches());
    }

    @Test
    void aFormatOnePlanWithoutStagesReadsEveryHostInStageOne() throws Exception {
        String v2 = SavedPlanFile.render(plan());
        String v1 =
                v2.replace("\"format_version\" : 2", "\"format_version\" : 1").replaceAll("\n *\"stage\" : \\d+,", "");
        assertThat(v1).doesNotContain("\"stage\"").contains("\"format_version\" : 1");
        Path file = Files.writeString(dir.resolve("old.plan"), v1);
        SavedPlan read = SavedPlanFile.read(file);
        assertThat(read.hosts()).extracting(SavedPlan.SavedHost::stage).containsExactly(1, 1);
        assertThat(read.host("w1").facts()).containsEntry("/etc/app.conf", DIGEST);
    }

    @Test
    void anUnknownFormatIsAClearError() throws Exception {
        String v3 = SavedPlanFile.render(plan()).replace("\"format_version\" : 2", "\"format_version\" : 3");
        Path file = Files.writeString(dir.resolve("new.plan"), v3);
        assertThatThrownBy(() -> SavedPlanFile.read(file))
                .isInstanceOf(SavedPlanFile.BadPlanException.class)
                .hasMessage(file + ": plan format 3, this converge reads formats 1 to 2;"
                        + " make the plan again with this converge");
    }
}
