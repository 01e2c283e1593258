package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.converge.cli.Main;
import dev.converge.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan of a playbook with {@code serial:} (every host in one stage): plan gathers and plans
 * every batch up front, apply applies them batch by batch as a run does, checking each batch's hosts
 * against the plan just before it; on the local transport, three "hosts" on this machine.
 */
class SerialSavedPlanTest {
    @TempDir
    Path dir;

    Path inventory;
    Path playbook;
    Path plan;
    Path report;
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars:
                    base: %s
                  children:
                    web:
                      hosts:
                        w1: {ansible_connection: local}
                        w2: {ansible_connection: local}
                        w3: {ansible_connection: local}
                """.formatted(dir));
        for (String h : List.of("w1", "w2", "w3")) {
            Files.writeString(dir.resolve(h + ".conf"), "old " + h + "\n");
        }
        plan = dir.resolve("rolling.plan");
        report = dir.resolve("report.json");
    }

    /** One play, {@code serial: 1}: each host's conf rewritten; its handler logs the host, so the log is the order. */
    private void rolling(String limits) throws Exception {
        playbook = Files.writeString(dir.resolve("rolling.yml"), """
                - name: web
                  hosts: web
                  serial: 1
                %s  resources:
                    - id: conf
                      file: {path: "${base}/${inventory_hostname}.conf", content: "new ${inventory_hostname}\\n"}
                      notify: log
                  handlers:
                    - id: log
                      command: {cmd: [sh, -c, "echo \\"$1\\" >> \\"$2\\"", sh, "${inventory_hostname}", "${base}/order.log"]}
                """.formatted(limits));
    }

    private int converge(String... args) {
        output.reset();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return Main.run(print, print, args);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private int plan() {
        return converge("plan", "-i", inventory.toString(), "--no-color", "-o", plan.toString(), playbook.toString());
    }

    private int apply() {
        return converge("apply", "--no-color", "--report-json", report.toString(), plan.toString());
    }

    private List<String> batches(String field) throws Exception {
        List<String> out = new ArrayList<>();
        new ObjectMapper()
                .readTree(report.toFile())
                .get("batches")
                .forEach(b -> out.add(b.get(field).asText()));
        return out;
    }

    private String status(String host, String id) throws Exception {
        for (JsonNode h : new ObjectMapper().readTree(report.toFile()).get("hosts")) {
            for (JsonNode r : h.get("resources")) {
                if (h.get("host").asText().equals(host) && r.get("id").asText().equals(id)) {
                    return r.get("status").asText() + ": " + r.get("message").asText();
                }
            }
        }
        throw new AssertionError("no " + id + " on " + host);
    }

    @Test
    void planRecordsEveryBatchUpFrontAndApplyAppliesThemOneAfterAnother() throws Exception {
        rolling("");
        assertThat(plan()).as(output()).isZero();
        assertThat(output()).contains("BATCH 1/3: play 'web' batch 1/3 (w1)", "BATCH 3/3: play 'web' batch 3/3 (w3)");
        assertThat(dir.resolve("w3.conf")).as("plan changes nothing").hasContent("old w3");
        assertThat(dir.resolve("order.log")).doesNotExist();
        JsonNode saved = new ObjectMapper().readTree(plan.toFile());
        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(new ObjectMapper()
                                .readTree(Path.of("..", "docs", "plan-schema.json")
                                        .toFile()))
                        .validate(saved))
                .isEmpty();
        List<String> stages = new ArrayList<>();
        saved.get("hosts")
                .forEach(h ->
                        stages.add(h.get("host").asText() + "@" + h.get("stage").asInt()));
        assertThat(stages).containsExactly("w1@1", "w2@2", "w3@3");
        assertThat(saved.get("report").get("batches")).hasSize(3);

        assertThat(converge("--list-hosts", "-i", inventory.toString(), playbook.toString()))
                .as(output())
                .isZero();
        assertThat(output())
                .as("as Ansible's hosts (N): list, then the batches")
                .contains("hosts (3):\n      w1\n      w2\n      w3\n    batch 1 (1): w1\n    batch 2 (1): w2\n"
                        + "    batch 3 (1): w3\n");

        assertThat(converge("show", "--no-color", plan.toString())).as(output()).isZero();
        assertThat(output())
                .contains(
                        "batch 1 play 'web' batch 1/3 (w1): completed", "batch 3 play 'web' batch 3/3 (w3): completed");

        assertThat(apply()).as(output()).isZero();
        assertThat(dir.resolve("order.log"))
                .as("each batch applied, its handler run, before the next")
                .hasContent("w1\nw2\nw3");
        for (String h : List.of("w1", "w2", "w3")) {
            assertThat(dir.resolve(h + ".conf")).hasContent("new " + h);
        }
        assertThat(batches("status")).containsExactly("completed", "completed", "completed");
        assertThat(output())
                .containsSubsequence(
                        "BATCH 1/3: play 'web' batch 1/3 (w1)",
                        "BATCH 2/3: play 'web' batch 2/3 (w2)",
                        "BATCH 3/3: play 'web' batch 3/3 (w3)")
                .doesNotContain("refused");
    }

    @Test
    void aBatchTwoHostThatMovedIsRefusedUntouchedWhileTheOthersAreApplied() throws Exception {
        rolling("  max_fail_percentage: 100\n");
        assertThat(plan()).as(output()).isZero();
        Files.writeString(dir.resolve("w2.conf"), "edited by hand\n");
        assertThat(apply()).as(output()).isEqualTo(1);
        assertThat(dir.resolve("w1.conf")).hasContent("new w1");
        assertThat(dir.resolve("w2.conf")).hasContent("edited by hand");
        assertThat(dir.resolve("w3.conf")).hasContent("new w3");
        assertThat(dir.resolve("order.log")).hasContent("w1\nw3");
        assertThat(status("w2", "conf"))
                .startsWith("failed: refused: changed since the plan: " + dir.resolve("w2.conf") + " (sha256:")
                .endsWith("; nothing was applied on w2; make a new plan and review it");
        assertThat(status("w2", "log")).startsWith("failed: refused: changed since the plan: ");
        assertThat(output()).contains("w2 refused: changed since the plan: ");
        assertThat(batches("status")).containsExactly("completed", "completed", "completed");
    }

    @Test
    void aRefusedHostStopsTheRolloutAsAFailedOneDoes() throws Exception {
        rolling("");
        assertThat(plan()).as(output()).isZero();
        Files.writeString(dir.resolve("w2.conf"), "edited by hand\n");
        assertThat(apply()).as(output()).isEqualTo(1);
        assertThat(batches("status"))
                .as("serial: without a limit stops when every host of a batch failed")
                .containsExactly("completed", "stopped", "not_run");
        assertThat(dir.resolve("w3.conf")).hasContent("old w3");
        assertThat(status("w3", "conf")).startsWith("skipped: not run: batch 2 stopped the run: ");
    }

    @Test
    void aFailedFirstBatchWithMaxFailPercentageZeroLeavesTheLaterBatchesNotRun() throws Exception {
        playbook = Files.writeString(dir.resolve("rolling.yml"), """
                - name: web
                  hosts: web
                  serial: 1
                  max_fail_percentage: 0
                  resources:
                    - id: step
                      command: {cmd: ["${(inventory_hostname == 'w1')?then('false', 'true')}"]}
                    - id: conf
                      file: {path: "${base}/${inventory_hostname}.conf", content: "new ${inventory_hostname}\\n"}
                """);
        assertThat(plan()).as(output()).isZero();
        assertThat(apply()).as(output()).isEqualTo(1);
        assertThat(batches("status")).containsExactly("stopped", "not_run", "not_run");
        assertThat(status("w1", "step")).startsWith("failed");
        for (String h : List.of("w2", "w3")) {
            assertThat(dir.resolve(h + ".conf")).hasContent("old " + h);
            assertThat(status(h, "conf"))
                    .startsWith(
                            "skipped: not run: batch 1 stopped the run: play 'web' batch 1/3 (w1): 1 of 1 host failed");
        }
        assertThat(output()).contains("the 2 later batches were not started").doesNotContain("refused");
    }

    @Test
    void aHostInTwoStagesIsRefusedBeforeAnyHostIsContacted() throws Exception {
        playbook = Files.writeString(dir.resolve("rolling.yml"), """
                - name: rolling
                  hosts: web
                  serial: 2
                  resources:
                    - id: conf
                      file: {path: "${base}/${inventory_hostname}.conf", content: "new\\n"}
                - name: after the rollout
                  hosts: w1:w3
                  resources:
                    - id: done
                      file: {path: "${base}/${inventory_hostname}.done", content: "done\\n"}
                - name: one more
                  hosts: w2
                  serial: 1
                  resources:
                    - id: again
                      file: {path: "${base}/${inventory_hostname}.again", content: "again\\n"}
                """);
        assertThat(plan()).as(output()).isEqualTo(3);
        assertThat(plan).doesNotExist();
        assertThat(dir.resolve("w1.conf")).hasContent("old w1");
        Golden.assertMatches(
                "errors/saved-plan-serial.txt", output().replace(dir + "/", "").replace(dir.toString(), "DIR"));
        assertThat(converge("--check", "-i", inventory.toString(), "--no-color", playbook.toString()))
                .as("a run (here --check) plans each stage on what the earlier ones made: no refusal")
                .isZero();
    }
}
