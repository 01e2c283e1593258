package dev.converge.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine-readable report ({@code --report-json}): stable key order, hosts in inventory
 * order, resources in graph order. Everything but the {@code timing} block is a pure function of
 * the plan and its outcomes; wall-clock values live only in {@code timing}. Schema:
 * docs/report-schema.json, described in docs/report-json.md.
 */
public final class JsonReport implements Reporter {
    public static final int FORMAT_VERSION = 2;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public JsonReport(Path file) {
        this.file = file;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            ReportFiles.write(file, render(finished.report()) + "\n", "JSON report");
        }
    }

    public static String render(RunReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("playbook", report.playbook());
        root.put("check", report.check());
        ArrayNode hosts = root.putArray("hosts");
        ObjectNode totals = MAPPER.createObjectNode();
        for (ResourceStatus s : ResourceStatus.values()) {
            totals.put(s.label(), 0);
        }
        for (HostReport host : report.hosts()) {
            ObjectNode h = hosts.addObject();
            h.put("host", host.host());
            h.put("status", host.status());
            h.put("round_trips", host.roundTrips());
            h.put("message", host.message());
            ObjectNode counts = h.putObject("counts");
            for (Map.Entry<ResourceStatus, Integer> c : host.counts().entrySet()) {
                counts.put(c.getKey().label(), c.getValue());
                totals.put(c.getKey().label(), totals.get(c.getKey().label()).asInt() + c.getValue());
            }
            ArrayNode resources = h.putArray("resources");
            host.resources().forEach(r -> resource(resources.addObject(), r));
        }
        root.set("totals", totals);
        if (!report.batches().isEmpty()) {
            ArrayNode batches = root.putArray("batches");
            for (BatchReport b : report.batches()) {
                ObjectNode o = batches.addObject();
                o.put("number", b.number());
                o.put("label", b.label());
                ArrayNode bh = o.putArray("hosts");
                b.hosts().forEach(bh::add);
                o.put("status", b.status());
                o.put("message", b.message());
            }
        }
        root.set("timing", timing(report));
        root.set("metadata", metadata(report.metadata()));
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void resource(ObjectNode node, ResourceReport r) {
        node.put("id", r.id());
        node.put("module", r.module());
        node.put("source", r.source());
        node.put("status", r.status().label());
        ArrayNode fields = node.putArray("changed_fields");
        r.fields()
                .forEach(f -> fields.addObject()
                        .put("name", f.name())
                        .put("before", f.before())
                        .put("after", f.after()));
        node.put("diff", r.diffs().stream().map(FileDiff::unified).collect(Collectors.joining()));
        ArrayNode warnings = node.putArray("warnings");
        r.warnings().forEach(warnings::add);
        node.put("message", r.message());
        ArrayNode deps = node.putArray("depends_on");
        r.dependsOn()
                .forEach(d ->
                        deps.addObject().put("host", d.host()).put("id", d.id()).put("kind", d.kind()));
    }

    /** How the run was started: its own block (started_at is a wall-clock value). */
    private static ObjectNode metadata(RunMetadata m) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("started_at", m.startedAt());
        node.put("converge_version", m.convergeVersion());
        m.commandLine().forEach(node.putArray("command_line")::add);
        m.inventories().forEach(node.putArray("inventories")::add);
        node.put("limit", m.limit());
        m.tags().forEach(node.putArray("tags")::add);
        m.skipTags().forEach(node.putArray("skip_tags")::add);
        node.put("git_commit", m.gitCommit());
        node.put("inputs_digest", m.inputsDigest());
        return node;
    }

    /** The only wall-clock values: apply time per host and per resource, same order as {@code hosts}. */
    private static ObjectNode timing(RunReport report) {
        ObjectNode timing = MAPPER.createObjectNode();
        ArrayNode hosts = timing.putArray("hosts");
        for (HostReport host : report.hosts()) {
            ObjectNode h = hosts.addObject();
            h.put("host", host.host());
            h.put("duration_ms", host.durationMs());
            ArrayNode resources = h.putArray("resources");
            host.resources()
                    .forEach(r -> resources.addObject().put("id", r.id()).put("duration_ms", r.durationMs()));
        }
        return timing;
    }
}
