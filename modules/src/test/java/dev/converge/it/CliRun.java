package dev.converge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI on a playbook written into a directory, with a JSON report, and reads that report back. */
final class CliRun {
    private final Path dir;
    private final Path inventory;
    private final Path report;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    CliRun(Path dir, Path inventory) {
        this.dir = dir;
        this.inventory = inventory;
        this.report = dir.resolve("report.json");
    }

    /** Writes {@code playbook} and runs it; returns the exit code (output in {@link #output()}). */
    int run(String playbook, String... flags) throws Exception {
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, playbook);
        List<String> args =
                new ArrayList<>(List.of("-i", inventory.toString(), "--report-json", report.toString(), "--no-color"));
        args.addAll(List.of(flags));
        args.add(file.toString());
        output.reset();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return Main.run(print, print, args.toArray(String[]::new));
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    JsonNode report() throws Exception {
        return new ObjectMapper().readTree(report.toFile());
    }

    JsonNode resource(String host, String id) throws Exception {
        for (JsonNode h : report().get("hosts")) {
            if (h.get("host").asText().equals(host)) {
                for (JsonNode r : h.get("resources")) {
                    if (r.get("id").asText().equals(id)) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no resource " + id + " on " + host);
    }

    int roundTrips(String host) throws Exception {
        for (JsonNode h : report().get("hosts")) {
            if (h.get("host").asText().equals(host)) {
                return h.get("round_trips").asInt();
            }
        }
        throw new AssertionError("no host " + host);
    }
}
