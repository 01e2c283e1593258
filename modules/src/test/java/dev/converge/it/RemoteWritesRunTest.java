package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's reproductions as whole runs on the local transport: a command's appended line is
 * never lost to a later rewrite of the file, and a file that cannot be read fails only the
 * resources that read it.
 */
class RemoteWritesRunTest {
    @TempDir
    Path dir;

    CliRun cli;

    @BeforeEach
    void inventory() throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        cli = new CliRun(dir, inventory);
        Files.writeString(inventory, """
                all:
                  vars: {base: %s, converge_max_file_bytes: 1024}
                  hosts:
                    one: {ansible_connection: local}
                """.formatted(dir));
    }

    @Test
    void aLineAppendedByACommandSurvivesALaterEditOfTheSameFile() throws Exception {
        Files.writeString(dir.resolve("x.conf"), "original\n");
        String playbook = """
                - hosts: all
                  resources:
                    - id: append
                      command: {cmd: [sh, -c, 'echo added-by-command >> "$1"; touch "$2"', append, "${base}/x.conf", "${base}/x.done"], creates: "${base}/x.done"}
                    - id: managed
                      after: [append]
                      line: {path: "${base}/x.conf", line: "managed = yes"}
                """;
        assertThat(cli.run(playbook)).as(cli.output()).isEqualTo(1);
        assertThat(cli.resource("one", "managed").get("status").asText()).isEqualTo("failed");
        assertThat(cli.resource("one", "managed").get("message").asText())
                .contains(dir.resolve("x.conf") + " changed since it was read (sha256:", "; run again");
        assertThat(dir.resolve("x.conf")).hasContent("original\nadded-by-command");

        assertThat(cli.run(playbook, "--detailed-exitcode")).as(cli.output()).isEqualTo(2);
        assertThat(dir.resolve("x.conf")).hasContent("original\nadded-by-command\nmanaged = yes");
        assertThat(cli.run(playbook, "--detailed-exitcode")).as(cli.output()).isZero();
    }

    @Test
    void aChangedResourceSaysWhereItsBackupIs() throws Exception {
        Files.writeString(dir.resolve("b.conf"), "old\n");
        String playbook = """
                - hosts: all
                  resources:
                    - id: kept
                      file: {path: "${base}/b.conf", content: "new\\n", backup: true}
                """;
        assertThat(cli.run(playbook)).as(cli.output()).isZero();
        assertThat(cli.resource("one", "kept").get("message").asText())
                .matches("backup of \\Q" + dir.resolve("b.conf") + "\\E kept as \\Q" + dir.resolve("b.conf")
                        + "\\E\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~");
        assertThat(cli.output()).contains("backup of " + dir.resolve("b.conf") + " kept as ");
    }

    @Test
    void anOversizedFileFailsOnlyTheResourcesThatReadIt() throws Exception {
        Files.writeString(dir.resolve("huge.log"), "x".repeat(4096));
        String playbook = """
                - hosts: all
                  resources:
                    - id: huge
                      line: {path: "${base}/huge.log", line: "marker"}
                - hosts: all
                  resources:
                    - id: unrelated
                      file: {path: "${base}/unrelated.conf", content: "fine\\n"}
                """;
        assertThat(cli.run(playbook)).as(cli.output()).isEqualTo(1);
        assertThat(cli.resource("one", "huge").get("status").asText()).isEqualTo("failed");
        assertThat(cli.resource("one", "huge").get("message").asText())
                .contains(dir.resolve("huge.log")
                        + " is 4096 bytes, more than converge reads (host variable converge_max_file_bytes");
        assertThat(cli.resource("one", "unrelated").get("status").asText())
                .as(cli.output())
                .isEqualTo("changed");
        assertThat(dir.resolve("unrelated.conf")).hasContent("fine");
    }

    @Test
    void aMalformedAnsibleHostIsInvalidInputWithItsLocation() throws Exception {
        Files.writeString(dir.resolve("bad.yml"), """
                all:
                  hosts:
                    one: {ansible_host: "a|b"}
                """);
        CliRun bad = new CliRun(dir, dir.resolve("bad.yml"));
        assertThat(bad.run(
                        "- hosts: all\n  resources:\n    - id: x\n      file: {path: /tmp/x, content: x}\n", "--check"))
                .isEqualTo(3);
        assertThat(bad.output()).contains("bad.yml:3:", "ansible_host 'a|b' is not a host name or IP address");
    }
}
