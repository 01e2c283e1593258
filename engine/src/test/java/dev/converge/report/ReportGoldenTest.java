package dev.converge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.converge.testing.Golden;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Every report format on one fixed run, against golden files; the JSON one against its schema too. */
class ReportGoldenTest {
    private static final Path SCHEMA = Path.of("..", "docs", "report-schema.json");

    static JsonSchema schema() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }

    @Test
    void markdownReportMatchesGolden() throws Exception {
        for (boolean check : new boolean[] {false, true}) {
            Golden.assertMatches(
                    "reports/report" + (check ? "-check" : "") + ".md",
                    MarkdownReport.render(SampleReports.sample(check)));
        }
    }

    @Test
    void jsonReportMatchesGoldenAndItsSchema() throws Exception {
        for (boolean check : new boolean[] {false, true}) {
            String json = JsonReport.render(SampleReports.sample(check));
            Golden.assertMatches("reports/report" + (check ? "-check" : "") + ".json", json + "\n");
            Set<ValidationMessage> errors = schema().validate(new ObjectMapper().readTree(json));
            assertThat(errors).as("schema violations").isEmpty();
        }
    }

    @Test
    void theSchemaRejectsAReportMissingAField() throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(JsonReport.render(SampleReports.sample(false)));
        ((ObjectNode) json.get("hosts").get(0).get("resources").get(0)).remove("status");
        json.put("extra", 1);
        assertThat(schema().validate(json)).hasSize(2);
    }

    @Test
    void theSchemaDocumentsTheCurrentFormatVersion() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        assertThat(schema.at("/properties/format_version/const").asInt()).isEqualTo(JsonReport.FORMAT_VERSION);
        assertThat(Files.readString(Path.of("..", "docs", "report-json.md")))
                .contains("format_version " + JsonReport.FORMAT_VERSION);
    }

    @Test
    void junitReportMatchesGoldenAndParses() throws Exception {
        String applied = JunitReport.render(SampleReports.sample(false), false);
        String checkOnly = JunitReport.render(SampleReports.sample(true), false);
        String checkFails = JunitReport.render(SampleReports.sample(true), true);
        Golden.assertMatches("reports/junit.xml", applied);
        Golden.assertMatches("reports/junit-check.xml", checkOnly);
        Golden.assertMatches("reports/junit-check-changes-fail.xml", checkFails);
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(applied.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(9);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("3");
        assertThat(checkOnly).doesNotContain("<failure type=\"pending-change\"");
        assertThat(checkFails).contains("<failure type=\"pending-change\"");
    }

    @Test
    void htmlReportMatchesGolden() throws Exception {
        String html = HtmlReport.render(SampleReports.sample(false));
        Golden.assertMatches("reports/report.html", html);
        assertThat(html)
                .as("self-contained")
                .doesNotContain("<script", "src=", "href=\"http", "@import", "url(http")
                .contains("<svg", "HostA", "HostB", "HostC");
    }

    @Test
    void humanOutputMatchesGolden() throws Exception {
        for (boolean diff : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            HumanReporter human = new HumanReporter(new PrintStream(bytes, true, StandardCharsets.UTF_8), diff, false);
            SampleReports.events(SampleReports.sample(false)).forEach(human::on);
            Golden.assertMatches(
                    "reports/human" + (diff ? "-diff" : "") + ".txt", bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void liveProgressRedrawsOneLinePerHostAndForwardsTheLines() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LiveProgress live = new LiveProgress(out, new HumanReporter(out, false, false, true), false);
        var events = SampleReports.events(SampleReports.sample(false));
        events.subList(0, events.size() - 10).forEach(live::on);
        assertThat(live.snapshot()).containsExactly("HostA 3/3 done", "HostB 4/4 1 failed", "HostC 2/2 unreachable");
        events.subList(events.size() - 10, events.size()).forEach(live::on);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\u001b[2K", "RECAP", "HostB    mount-instances [mount] failed");
        assertThat(text.substring(text.indexOf("RECAP")))
                .as("nothing redrawn after the recap")
                .doesNotContain("\u001b[");
    }

    @Test
    void liveProgressShowsTheMostRecentlyActiveHostsOfALargeFleet() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        LiveProgress live = new LiveProgress(out, event -> {}, false);
        for (int i = 0; i < 40; i++) {
            live.on(new RunEvent.HostPlanned(String.format("host%02d", i), 2, 1));
        }
        bytes.reset();
        live.on(new RunEvent.BatchStarted("host03", List.of("a")));
        String frame = bytes.toString(StandardCharsets.UTF_8);
        assertThat(frame.lines()
                        .filter(l -> l.contains("host") && !l.contains("more hosts"))
                        .count())
                .isEqualTo(LiveProgress.MAX_LINES - 1);
        assertThat(frame)
                .contains("host03", "host39", "26 more hosts; 0 of 40 hosts finished")
                .doesNotContain("host10 ");
    }

    @Test
    void graphExportsMatchGolden() throws Exception {
        Dag dag = Dag.of(SampleReports.sample(false));
        Golden.assertMatches("reports/graph.dot", GraphExport.dot(dag));
        Golden.assertMatches("reports/graph.mmd", GraphExport.mermaid(dag));
        assertThat(dag.layers()).containsExactly(0, 1, 2, 0, 1, 2, 3, 0, 2);
    }
}
