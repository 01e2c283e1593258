package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serial:, max_fail_percentage: and any_errors_fatal: through the CLI, on the local transport (four "hosts" on this machine). */
class SerialRunTest {
    @TempDir
    Path dir;

    Path inventory;
    CliRun cli;

    @BeforeEach
    void inventory() throws Exception {
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  vars:
                    base: %s
                  children:
                    web:
                      hosts:
                        w1: {ansible_connection: local}
                        w2: {ansible_connection: local}
                        w3: {ansible_connection: local}
                        w4: {ansible_connection: local}
                    dead:
                      hosts:
                        d1: {ansible_host: 127.0.0.1, ansible_port: 1, ansible_connection: ssh}
                """.formatted(dir));
        cli = new CliRun(dir, inventory);
    }

    private List<String> batches(String field) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode b : cli.report().get("batches")) {
            out.add(b.get(field).asText());
        }
        return out;
    }

    private static final String MARK = """
                - id: mark
                  file: {path: "${base}/${inventory_hostname}.done", content: "ok\\n"}
            """;

    @Test
    void batchesFollowTheWrittenSizesTheLastRepeatingAndEachIsReported() throws Exception {
        String pb = "- hosts: web\n  serial: [1, \"50%\"]\n  resources:\n" + MARK;
        assertThat(cli.run(pb, "--check", "--detailed-exitcode")).isEqualTo(2);
        assertThat(dir.resolve("w1.done")).doesNotExist();
        assertThat(batches("label"))
                .containsExactly(
                        "play 'web' batch 1/3 (w1)", "play 'web' batch 2/3 (w2, w3)", "play 'web' batch 3/3 (w4)");
        assertThat(cli.output())
                .contains("BATCH 1/3: play 'web' batch 1/3 (w1)")
                .contains("BATCH 3/3: play 'web' batch 3/3 (w4)");
        assertThat(cli.run(pb)).as(cli::output).isEqualTo(0);
        assertThat(batches("status")).containsOnly("completed");
        for (String h : List.of("w1", "w2", "w3", "w4")) {
            assertThat(dir.resolve(h + ".done")).hasContent("ok");
            assertThat(cli.resource(h, "mark").get("status").asText()).isEqualTo("changed");
        }
        assertThat(cli.output()).contains("batch 2 play 'web' batch 2/3 (w2, w3): completed");
        assertThat(cli.run(pb, "--detailed-exitcode"))
                .as("converged: nothing to do in any batch")
                .isEqualTo(0);
    }

    @Test
    void aLongBatchNamesItsFirstHostsAndHowManyMore() throws Exception {
        Files.writeString(
                inventory,
                Files.readString(inventory)
                        .replace(
                                "        w4: {ansible_connection: local}\n",
                                "        w4: {ansible_connection: local}\n        w5: {ansible_connection: local}\n        w6: {ansible_connection: local}\n"));
        assertThat(cli.run(
                        "- hosts: web\n  serial: [6]\n  resources:\n" + MARK
                                + "- hosts: w1\n  serial: 1\n  resources:\n" + MARK.replace("id: mark", "id: again"),
                        "--check"))
                .as(cli::output)
                .isZero();
        assertThat(batches("label"))
                .containsExactly("play 'web' batch 1/1 (w1, w2, w3, w4 and 2 more)", "play 'w1' batch 1/1 (w1)");
        assertThat(cli.report().get("batches").get(0).get("hosts")).hasSize(6);
    }

    @Test
    void anUnreachableHostInTheFirstBatchWithMaxFailPercentageZeroLeavesTheLaterBatchesUntouched() throws Exception {
        String pb = "- hosts: dead:web\n  serial: 2\n  max_fail_percentage: 0\n  resources:\n" + MARK;
        assertThat(cli.run(pb, "--report-html", dir.resolve("report.html").toString()))
                .as(cli::output)
                .isEqualTo(1);
        assertThat(dir.resolve("report.html"))
                .content()
                .contains(
                        "<h2>Batches</h2>",
                        "<td class=\"badge\">stopped</td>",
                        "<td class=\"badge\">not run</td>",
                        "play &#39;dead:web&#39; batch 3/3 (w4)");
        assertThat(batches("status")).containsExactly("stopped", "not_run", "not_run");
        assertThat(dir.resolve("w1.done"))
                .as("batch 1's reachable host is converged")
                .hasContent("ok");
        for (String h : List.of("w2", "w3", "w4")) {
            assertThat(dir.resolve(h + ".done")).as(h + " is in a later batch").doesNotExist();
            assertThat(cli.resource(h, "mark").get("status").asText()).isEqualTo("skipped");
            assertThat(cli.resource(h, "mark").get("message").asText())
                    .startsWith(
                            "not run: batch 1 stopped the run: play 'dead:web' batch 1/3 (d1, w1): 1 of 2 hosts failed (d1), above max_fail_percentage 0");
        }
        assertThat(cli.output()).contains("the 2 later batches were not started");
    }

    @Test
    void withoutALimitOnlyAWhollyFailedBatchStopsTheRun() throws Exception {
        String pb = """
                - hosts: web
                  serial: 2
                  resources:
                    - id: fails-on-w1-w2
                      when: "['w1', 'w2']?seq_contains(inventory_hostname)"
                      command: {cmd: ["false"]}
                """ + MARK.replace("    - id: mark", "    - id: mark");
        assertThat(cli.run(pb)).as(cli::output).isEqualTo(1);
        assertThat(batches("status")).containsExactly("stopped", "not_run");
        assertThat(dir.resolve("w3.done")).doesNotExist();
        String partly = pb.replace("['w1', 'w2']", "['w1']");
        assertThat(cli.run(partly)).as(cli::output).isEqualTo(1);
        assertThat(batches("status"))
                .as("one of two failed: the run goes on")
                .containsExactly("completed", "completed");
        assertThat(dir.resolve("w3.done")).hasContent("ok");
    }

    @Test
    void anAfterOnAnEarlierBatchIsSatisfiedByItsCompletionAndSkippedWhenItFailed() throws Exception {
        String pb = """
                - hosts: web
                  serial: 2
                  resources:
                    - id: step
                      command: {cmd: ["${(inventory_hostname == 'w1')?then('false', 'true')}"]}
                    - id: follow
                      after: step
                      file: {path: "${base}/${inventory_hostname}.follow", content: "x\\n"}
                - hosts: w2
                  resources:
                    - id: after-w1
                      after: step
                      file: {path: "${base}/after-w1", content: "x\\n"}
                """;
        assertThat(cli.run(pb.replace("'false', 'true'", "'true', 'true'")))
                .as(cli::output)
                .isEqualTo(0);
        assertThat(batches("status")).containsExactly("completed", "completed", "completed");
        assertThat(dir.resolve("w4.follow")).hasContent("x");
        assertThat(dir.resolve("after-w1")).hasContent("x");
        for (String h : List.of("w1", "w2", "w3", "w4")) {
            Files.delete(dir.resolve(h + ".follow"));
        }
        Files.delete(dir.resolve("after-w1"));
        assertThat(cli.run(pb)).as(cli::output).isEqualTo(1);
        assertThat(batches("status"))
                .as("one host of two failed: no limit, so the run goes on")
                .containsExactly("completed", "completed", "completed");
        assertThat(cli.resource("w2", "follow").get("status").asText()).isEqualTo("skipped");
        for (String h : List.of("w3", "w4")) {
            assertThat(cli.resource(h, "step").get("status").asText()).isEqualTo("changed");
            assertThat(dir.resolve(h + ".follow"))
                    .as("after: step waits for step on every host, as without serial")
                    .doesNotExist();
            assertThat(cli.resource(h, "follow").get("message").asText())
                    .isEqualTo("skipped: step on w1 did not succeed in an earlier batch");
        }
        assertThat(cli.resource("w2", "after-w1").get("status").asText()).isEqualTo("skipped");
        assertThat(dir.resolve("after-w1")).doesNotExist();
    }

    @Test
    void anAfterOnALaterBatchIsInvalidInput() throws Exception {
        String pb = """
                - hosts: web
                  serial: 2
                  resources:
                    - id: early
                      file: {path: "${base}/${inventory_hostname}.early", content: "x\\n"}
                - hosts: w1
                  resources:
                    - id: first
                      file: {path: "${base}/first", content: "x\\n"}
                - hosts: w4
                  serial: 1
                  resources:
                    - id: waits
                      after: first
                      file: {path: "${base}/waits", content: "x\\n"}
                """;
        // first (plays 2, stage 3) before waits (play 3, stage 4): fine; now the other way round
        assertThat(cli.run(pb, "--check")).isEqualTo(0);
        String backwards = """
                - hosts: web
                  serial: 2
                  resources:
                    - id: early
                      after: late
                      file: {path: "${base}/${inventory_hostname}.early", content: "x\\n"}
                - hosts: w1
                  resources:
                    - id: late
                      file: {path: "${base}/late", content: "x\\n"}
                """;
        assertThat(cli.run(backwards)).isEqualTo(3);
        assertThat(cli.output())
                .contains(
                        "playbook.yml:5:14: error: 'early' on w1 (in play 'web' batch 1/2 (w1, w2)) waits for 'late' on w1,"
                                + " which runs later, in play 'w1' (w1): a batch runs to completion before the next one starts");
        assertThat(dir.resolve("w1.early")).doesNotExist();
    }

    @Test
    void aCrossHostAgreementSplitOverBatchesIsInvalidInput() throws Exception {
        String pb = """
                - hosts: web
                  serial: 2
                  resources:
                    - id: same-hostname-file
                      agree: {file: /etc/hostname}
                """;
        assertThat(cli.run(pb)).as(cli::output).isEqualTo(3);
        assertThat(cli.output())
                .contains("playbook.yml:5:7: error: 'same-hostname-file' (agree) compares its hosts with each other,"
                        + " but serial: splits play 'web' into batches that never run together");
        assertThat(cli.run(pb.replace("serial: 2", "serial: 4")))
                .as("one batch holds them all")
                .isEqualTo(0);
    }

    @Test
    void badSerialValuesAreInvalidInputWithTheirPlace() throws Exception {
        String pb = """
                - hosts: web
                  serial: [1, "150%", many]
                  max_fail_percentage: lots
                  any_errors_fatal: maybe
                  resources:
                """ + MARK;
        assertThat(cli.run(pb)).as(cli::output).isEqualTo(3);
        assertThat(cli.output())
                .contains(
                        "playbook.yml:2:15: error: serial: '150%' is neither a number of hosts nor a percentage up to 100%")
                .contains("playbook.yml:2:23: error: serial: 'many' is neither")
                .contains(
                        "playbook.yml:3:24: error: max_fail_percentage: must be a whole number from 0 to 100, not 'lots'")
                .contains("playbook.yml:4:21: error: any_errors_fatal: must be true or false");
    }
}
