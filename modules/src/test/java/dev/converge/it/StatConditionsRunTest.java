package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code facts.stat[PATH]} in {@code when:}, through the CLI on the local transport: read in the one gather, predicted through earlier changes. */
class StatConditionsRunTest {
    @TempDir
    Path dir;

    CliRun cli;

    @BeforeEach
    void setUp() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    h1: {ansible_connection: local, conf_dir: %s/etc}
                  vars:
                    base: %s
                """.formatted(dir, dir));
        Files.createDirectories(dir.resolve("etc/sshd_config.d"));
        Files.writeString(dir.resolve("etc/present.conf"), "abc\n");
        cli = new CliRun(dir, inventory);
    }

    private String state(String id) throws Exception {
        return cli.resource("h1", id).get("status").asText();
    }

    @Test
    void conditionsOnStatSeeTheHostAsReadInTheOneGather() throws Exception {
        String yaml = """
                - hosts: all
                  resources:
                    - id: dropin
                      when: facts.stat[conf_dir + "/sshd_config.d"].isdir
                      file: {path: "${conf_dir}/sshd_config.d/50-converge.conf", content: "PasswordAuthentication no\\n"}
                    - id: monolith
                      when: '!facts.stat["%1$s/etc/sshd_config.d"].exists'
                      file: {path: "${conf_dir}/sshd_config", content: "PasswordAuthentication no\\n"}
                    - id: by-size
                      when:
                        - facts.stat["%1$s/etc/present.conf"].size == 4
                        - facts.stat["%1$s/etc/present.conf"].mode == "0644"
                        - facts.stat["%1$s/etc/present.conf"].sha256 == "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"
                      file: {path: "${conf_dir}/sized", content: "x\\n"}
                """.formatted(dir);
        Files.setPosixFilePermissions(dir.resolve("etc/present.conf"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli.run(yaml, "--check")).as(cli.output()).isZero();
        assertThat(cli.roundTrips("h1"))
                .as("the stat facts are read with the others")
                .isEqualTo(1);
        assertThat(cli.run(yaml)).as(cli.output()).isZero();
        assertThat(dir.resolve("etc/sshd_config.d/50-converge.conf")).exists();
        assertThat(dir.resolve("etc/sshd_config")).doesNotExist();
        assertThat(dir.resolve("etc/sized")).hasContent("x");
        assertThat(state("monolith")).isEqualTo("skipped");
        assertThat(cli.roundTrips("h1"))
                .as("gather + one apply batch read back")
                .isEqualTo(2);
    }

    @Test
    void aConditionOnAPathAnEarlierResourceCreatesSeesThePrediction() throws Exception {
        String yaml = """
                - hosts: all
                  resources:
                    - id: flag
                      file: {path: "${base}/flag", content: "on\\n"}
                    - id: follows-flag
                      when: facts.stat[base + "/flag"].exists && facts.stat[base + "/flag"].size == 3
                      file: {path: "${base}/followed", content: "yes\\n"}
                """;
        assertThat(cli.run(yaml, "--check")).as(cli.output()).isZero();
        assertThat(state("follows-flag"))
                .as("planned on the predicted flag, in --check too")
                .isEqualTo("changed");
        assertThat(cli.run(yaml)).as(cli.output()).isZero();
        assertThat(dir.resolve("followed")).hasContent("yes");
        assertThat(cli.run(yaml, "--detailed-exitcode")).as(cli.output()).isZero();
    }

    @Test
    void aPathOnlyKnownFromFactsIsInvalidInputNamingTheCondition() throws Exception {
        String yaml = """
                - hosts: all
                  resources:
                    - id: bad
                      when: facts.stat["/etc/" + facts.hostname].exists
                      file: {path: "${base}/never", content: "x\\n"}
                """;
        assertThat(cli.run(yaml)).isEqualTo(3);
        assertThat(cli.output())
                .contains(
                        "playbook.yml:4:13: error: when: the path of facts.stat[\"/etc/\" + facts.hostname] must be known "
                                + "before the host is read")
                .contains("facts cannot name it");
        assertThat(dir.resolve("never")).doesNotExist();
    }
}
