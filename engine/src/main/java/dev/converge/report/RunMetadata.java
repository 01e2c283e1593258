package dev.converge.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How and when a run was started, as every report shows it (the JSON report in its own
 * {@code metadata} block: {@code started_at} is a wall-clock value).
 *
 * @param startedAt ISO-8601 UTC, empty when unknown
 * @param commandLine the arguments as given (masked like everything a reporter sees)
 * @param inventories the inventory sources the run used
 * @param gitCommit the commit of the git tree holding the playbook, empty outside one
 * @param inputsDigest over converge's version, the invocation and every input file read (as a saved plan's)
 */
public record RunMetadata(
        String startedAt,
        String convergeVersion,
        List<String> commandLine,
        List<String> inventories,
        String limit,
        List<String> tags,
        List<String> skipTags,
        String gitCommit,
        String inputsDigest) {
    public RunMetadata {
        commandLine = List.copyOf(commandLine);
        inventories = List.copyOf(inventories);
        tags = List.copyOf(tags);
        skipTags = List.copyOf(skipTags);
    }

    /** The non-empty values, labelled, in a fixed order (for the HTML, JUnit and Markdown reports). */
    public Map<String, String> entries() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "started_at", startedAt);
        put(out, "converge_version", convergeVersion);
        put(out, "command_line", String.join(" ", commandLine));
        put(out, "inventories", String.join(", ", inventories));
        put(out, "limit", limit);
        put(out, "tags", String.join(",", tags));
        put(out, "skip_tags", String.join(",", skipTags));
        put(out, "git_commit", gitCommit);
        put(out, "inputs_digest", inputsDigest);
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }

    public static final RunMetadata NONE =
            new RunMetadata("", "", List.of(), List.of(), "", List.of(), List.of(), "", "");
}
