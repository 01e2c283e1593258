package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example playbooks of the repository compile, and the template example plans on this machine. */
class ExamplePlaybooksTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theMotdExampleRendersItsTemplateInCheckMode() throws Exception {
        Path report = dir.resolve("report.json");
        int code = Main.run(
                "-i",
                "localhost,",
                "--check",
                "--no-color",
                "--report-json",
                report.toString(),
                REPO.resolve("playbooks/motd.yml").toString());
        assertThat(code).isZero();
        assertThat(report).content().contains("\"id\" : \"motd\"", "localhost is managed by converge");
    }

    @Test
    void withoutAnInventoryAllMatchesNothingAndTheRunIsRefused() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
        int code = Main.run(
                print,
                print,
                "--check",
                "--no-color",
                REPO.resolve("playbooks/motd.yml").toString());
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(
                        "motd.yml:4:3: error: no inventory was given, so 'all' matches no host",
                        "the implicit localhost matches only 'localhost', never 'all'",
                        "pass one with -i")
                .doesNotContain("planned");
    }

    @Test
    void theFlagshipCompilesAgainstTheSeedsExampleInventory() throws Exception {
        Path graph = dir.resolve("flagship.dot");
        int code = Main.run(
                "-i",
                REPO.resolve("inventory/example.yml").toString(),
                "--graph",
                graph.toString(),
                REPO.resolve("playbooks/live-migration.yml").toString());
        assertThat(code).isZero();
        assertThat(Files.readString(graph)).contains("migrate", "libvirtd-conf", "HostB", "HostC");
    }

    /** The tree example and its single-file form (lab/test-playbook-tree runs them on the lab) plan the same, batch by batch. */
    @Test
    void theTreeExampleAndItsSingleFileFormPlanTheSameChangesInTheSameBatches() throws Exception {
        Path inventory = Files.writeString(
                dir.resolve("hosts.yml"),
                "all:\n  hosts:\n    a: {ansible_connection: local}\n"
                        + "    b: {ansible_connection: local}\n    c: {ansible_connection: local}\n");
        JsonNode tree = checked(inventory, "playbooks/examples/tree/site.yml");
        JsonNode single = checked(inventory, "playbooks/examples/tree-single.yml");
        assertThat(single.get("hosts")).isEqualTo(tree.get("hosts"));
        assertThat(single.get("batches")).isEqualTo(tree.get("batches"));
        assertThat(tree.get("batches").findValuesAsText("label"))
                .containsExactly(
                        "play 'base' (a, b, c)",
                        "play 'rolling' batch 1/3 (a)",
                        "play 'rolling' batch 2/3 (b)",
                        "play 'rolling' batch 3/3 (c)");
        assertThat(tree.toString())
                .contains("+name=tree-demo", "+port=8080", "+workers=2", "+b is managed by operations");
    }

    private JsonNode checked(Path inventory, String playbook) throws Exception {
        Path report = dir.resolve("tree.json");
        int code = Main.run(
                "-i",
                inventory.toString(),
                "--check",
                "--no-color",
                "-e",
                "tree_root=" + dir.resolve("root"),
                "--report-json",
                report.toString(),
                REPO.resolve(playbook).toString());
        assertThat(code).as(playbook).isZero();
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(report.toFile());
        json.get("hosts").forEach(h -> h.get("resources").forEach(r -> ((ObjectNode) r).remove("source")));
        return json;
    }
}
