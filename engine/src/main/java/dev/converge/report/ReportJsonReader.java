package dev.converge.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a JSON report ({@link JsonReport}) back, to render a saved plan with any reporter. */
public final class ReportJsonReader {
    private ReportJsonReader() {}

    /** @throws RuntimeException when a required key is missing */
    public static RunReport read(JsonNode root) {
        List<HostReport> hosts = new ArrayList<>();
        for (JsonNode h : root.get("hosts")) {
            List<ResourceReport> resources = new ArrayList<>();
            for (JsonNode r : h.get("resources")) {
                List<Change.FieldChange> fields = new ArrayList<>();
                r.get("changed_fields")
                        .forEach(f -> fields.add(new Change.FieldChange(
                                f.get("name").asText(),
                                f.get("before").asText(),
                                f.get("after").asText())));
                String diff = r.get("diff").asText();
                List<String> warnings = new ArrayList<>();
                r.get("warnings").forEach(w -> warnings.add(w.asText()));
                List<ResourceReport.Dependency> deps = new ArrayList<>();
                r.get("depends_on")
                        .forEach(d -> deps.add(new ResourceReport.Dependency(
                                d.get("host").asText(),
                                d.get("id").asText(),
                                d.get("kind").asText())));
                resources.add(new ResourceReport(
                        r.get("id").asText(),
                        r.get("module").asText(),
                        ResourceStatus.valueOf(r.get("status").asText().toUpperCase(Locale.ROOT)),
                        fields,
                        diff.isEmpty() ? List.of() : List.of(new FileDiff("", diff)),
                        warnings,
                        r.get("message").asText(),
                        deps,
                        0,
                        r.path("source").asText()));
            }
            hosts.add(new HostReport(
                    h.get("host").asText(),
                    "unreachable".equals(h.get("status").asText()),
                    h.get("round_trips").asInt(),
                    resources,
                    h.get("message").asText()));
        }
        return new RunReport(
                        root.get("playbook").asText(),
                        root.get("check").asBoolean(),
                        hosts,
                        metadata(root.get("metadata")))
                .with(batches(root.get("batches")));
    }

    /** The batches of a run with {@code serial:}: none when the key is absent. */
    private static List<BatchReport> batches(JsonNode array) {
        List<BatchReport> out = new ArrayList<>();
        if (array != null) {
            array.forEach(b -> out.add(new BatchReport(
                    b.get("number").asInt(),
                    b.get("label").asText(),
                    strings(b.get("hosts")),
                    b.get("status").asText(),
                    b.get("message").asText())));
        }
        return out;
    }

    private static RunMetadata metadata(JsonNode m) {
        if (m == null) {
            return RunMetadata.NONE;
        }
        return new RunMetadata(
                m.path("started_at").asText(),
                m.path("converge_version").asText(),
                strings(m.get("command_line")),
                strings(m.get("inventories")),
                m.path("limit").asText(),
                strings(m.get("tags")),
                strings(m.get("skip_tags")),
                m.path("git_commit").asText(),
                m.path("inputs_digest").asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
