package dev.converge.saved;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.report.JsonReport;
import dev.converge.report.ReportJsonReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A saved plan as a file: versioned JSON (docs/plan-schema.json), mode 0600, written whole. */
public final class SavedPlanFile {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SavedPlanFile() {}

    /** A plan file that cannot be used: what is wrong with it. */
    public static final class BadPlanException extends Exception {
        public BadPlanException(String message) {
            super(message);
        }
    }

    public static String render(SavedPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", "converge-plan");
        root.put("format_version", plan.formatVersion());
        root.put("converge_version", plan.convergeVersion());
        SavedPlan.Invocation inv = plan.invocation();
        ObjectNode run = root.putObject("invocation");
        run.put("playbook", inv.playbook());
        strings(run.putArray("inventories"), inv.inventories());
        run.put("limit", inv.limit());
        strings(run.putArray("tags"), inv.tags());
        strings(run.putArray("skip_tags"), inv.skipTags());
        strings(run.putArray("extra_vars"), inv.extraVars());
        run.put("forks", inv.forks());
        run.put("connect_timeout", inv.connectTimeout());
        run.put("command_timeout", inv.commandTimeout());
        run.put("host_key_checking", inv.hostKeyChecking());
        ObjectNode inputs = root.putObject("inputs");
        inputs.put("digest", plan.inputs().digest());
        ArrayNode files = inputs.putArray("files");
        plan.inputs()
                .files()
                .forEach(f -> files.addObject().put("path", f.path()).put("digest", f.digest()));
        ArrayNode hosts = root.putArray("hosts");
        for (SavedPlan.SavedHost h : plan.hosts()) {
            ObjectNode host = hosts.addObject();
            host.put("host", h.host());
            host.put("stage", h.stage());
            host.put("plan_digest", h.planDigest());
            ObjectNode facts = host.putObject("facts");
            new TreeMap<>(h.facts()).forEach(facts::put);
        }
        try {
            root.set("report", MAPPER.readTree(JsonReport.render(plan.report())));
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes it readable by its owner only (it names hosts, paths and what is read there). */
    public static void write(Path file, SavedPlan plan) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(
                dir,
                "." + file.getFileName(),
                ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, render(plan), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static SavedPlan read(Path file) throws BadPlanException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            throw new BadPlanException(
                    file + ": cannot read the plan (" + e.getMessage() + "); make it with converge plan -o " + file);
        }
        if (root == null || !"converge-plan".equals(root.path("format").asText())) {
            throw new BadPlanException(
                    file + ": not a converge plan (no \"format\": \"converge-plan\"); make one with converge plan -o "
                            + file);
        }
        int version = root.path("format_version").asInt();
        if (version < SavedPlan.OLDEST_FORMAT_VERSION || version > SavedPlan.FORMAT_VERSION) {
            throw new BadPlanException(file + ": plan format " + version + ", this converge reads formats "
                    + SavedPlan.OLDEST_FORMAT_VERSION + " to " + SavedPlan.FORMAT_VERSION
                    + "; make the plan again with this converge");
        }
        try {
            JsonNode run = root.get("invocation");
            SavedPlan.Invocation inv = new SavedPlan.Invocation(
                    run.get("playbook").asText(),
                    strings(run.get("inventories")),
                    run.get("limit").asText(),
                    strings(run.get("tags")),
                    strings(run.get("skip_tags")),
                    strings(run.get("extra_vars")),
                    run.get("forks").asInt(),
                    run.get("connect_timeout").asInt(),
                    run.get("command_timeout").asInt(),
                    run.get("host_key_checking").asText());
            List<SavedPlan.InputFile> files = new ArrayList<>();
            root.get("inputs")
                    .get("files")
                    .forEach(f -> files.add(new SavedPlan.InputFile(
                            f.get("path").asText(), f.get("digest").asText())));
            List<SavedPlan.SavedHost> hosts = new ArrayList<>();
            for (JsonNode h : root.get("hosts")) {
                Map<String, String> facts = new TreeMap<>();
                h.get("facts")
                        .properties()
                        .forEach(e -> facts.put(e.getKey(), e.getValue().asText()));
                hosts.add(new SavedPlan.SavedHost(
                        h.get("host").asText(),
                        version == 1 ? 1 : h.get("stage").asInt(),
                        h.get("plan_digest").asText(),
                        facts));
            }
            return new SavedPlan(
                    version,
                    root.get("converge_version").asText(),
                    inv,
                    new SavedPlan.Inputs(root.get("inputs").get("digest").asText(), files),
                    hosts,
                    ReportJsonReader.read(root.get("report")));
        } catch (RuntimeException e) {
            throw new BadPlanException(file + ": the plan is malformed (" + e + "); make it again with converge plan");
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
