package dev.converge.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The machine-readable report ({@code --report-json}): stable key order, no wall-clock values.
 * Schema version 1: see docs/report-json.md.
 */
public final class JsonReport implements Reporter {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path file;

    public JsonReport(Path file) {
        this.file = file;
    }

    @Override
    public void on(RunEvent event) {
        if (event instanceof RunEvent.RunFinished finished) {
            try {
                Files.writeString(file, render(finished.report()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the JSON report to " + file, e);
            }
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
            h.put("status", host.unreachable() ? "unreachable" : host.failed() ? "failed" : host.changed() ? "changed" : "ok");
            h.put("round_trips", host.roundTrips());
            h.put("message", host.message());
            ObjectNode counts = h.putObject("counts");
            for (Map.Entry<ResourceStatus, Integer> c : host.counts().entrySet()) {
                counts.put(c.getKey().label(), c.getValue());
                totals.put(c.getKey().label(), totals.get(c.getKey().label()).asInt() + c.getValue());
            }
            ArrayNode resources = h.putArray("resources");
            for (ResourceReport r : host.resources()) {
                ObjectNode node = resources.addObject();
                node.put("id", r.id());
                node.put("module", r.module());
                node.put("status", r.status().label());
                ArrayNode fields = node.putArray("changed_fields");
                r.fields().forEach(f -> fields.addObject().put("name", f.name()).put("before", f.before()).put("after", f.after()));
                node.put("diff", r.diffs().stream().map(FileDiff::unified).collect(Collectors.joining()));
                ArrayNode warnings = node.putArray("warnings");
                r.warnings().forEach(warnings::add);
                node.put("message", r.message());
            }
        }
        root.set("totals", totals);
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
