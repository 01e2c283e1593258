package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.plan.ResourceStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnotationsTest {
    @TempDir
    Path dir;

    private static final RunReport REPORT = new RunReport(
            "playbooks/site.yml",
            false,
            List.of(
                    new HostReport(
                            "HostB",
                            false,
                            2,
                            List.of(
                                    new ResourceReport(
                                            "mount",
                                            "mount",
                                            ResourceStatus.FAILED,
                                            List.of(),
                                            List.of(),
                                            List.of(),
                                            "exit 32: refused, 100%\nretry",
                                            List.of(),
                                            0,
                                            "playbooks/site.yml:12"),
                                    new ResourceReport(
                                            "libvirtd",
                                            "keyvalue",
                                            ResourceStatus.CHANGED,
                                            List.of(),
                                            List.of(),
                                            List.of("auth_tcp = \"none\": open"),
                                            "",
                                            List.of(),
                                            0,
                                            "playbooks/libvirt.yml:4"),
                                    new ResourceReport(
                                            "ok",
                                            "file",
                                            ResourceStatus.OK,
                                            List.of(),
                                            List.of(),
                                            List.of(),
                                            "",
                                            List.of(),
                                            0,
                                            "playbooks/site.yml:3")),
                            ""),
                    new HostReport("HostC", true, 0, List.of(), "cannot connect to 10.0.0.13:22")));

    @Test
    void githubWorkflowCommandsAtThePlaybookLineEscaped() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Annotations(Annotations.Flavour.GITHUB, new PrintStream(out, true, StandardCharsets.UTF_8), null)
                .on(new RunEvent.RunFinished(REPORT));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("""
                ::error file=playbooks/site.yml,line=12,title=converge%3A mount failed on HostB::exit 32: refused, 100%25%0Aretry
                ::warning file=playbooks/libvirt.yml,line=4,title=converge%3A libvirtd on HostB::auth_tcp = "none": open
                ::error file=playbooks/site.yml,line=1,title=converge%3A HostC unreachable::cannot connect to 10.0.0.13:22
                """);
    }

    @Test
    void gitlabCodeQualityReport() throws Exception {
        Path file = dir.resolve("gl-code-quality-report.json");
        new Annotations(Annotations.Flavour.GITLAB, null, file).on(new RunEvent.RunFinished(REPORT));
        JsonNode issues = new ObjectMapper().readTree(Files.readString(file));
        assertThat(issues).hasSize(3);
        assertThat(issues.get(0).get("location").get("path").asText()).isEqualTo("playbooks/site.yml");
        assertThat(issues.get(0).get("location").get("lines").get("begin").asInt())
                .isEqualTo(12);
        assertThat(issues.get(0).get("severity").asText()).isEqualTo("major");
        assertThat(issues.get(1).get("severity").asText()).isEqualTo("minor");
        assertThat(issues.get(0).get("fingerprint").asText())
                .hasSize(32)
                .isNotEqualTo(issues.get(1).get("fingerprint").asText());
    }
}
