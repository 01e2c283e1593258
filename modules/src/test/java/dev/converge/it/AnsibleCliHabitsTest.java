package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
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

/** ansible-playbook's everyday flags: questions answered without contacting a host, and selections that select nothing warned about. */
class AnsibleCliHabitsTest {
    @TempDir
    Path dir;

    Path playbook;
    Path inventory;
    String out;

    @BeforeEach
    void write() throws Exception {
        // ssh hosts on a closed loopback port: contacting one would show as unreachable
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars: {ansible_host: 127.0.0.1, ansible_port: 1}
                  children:
                    web:
                      hosts: {web1: {}, web2: {}}
                    db:
                      hosts: {db1: {}}
                """);
        playbook = Files.writeString(dir.resolve("site.yml"), """
                - name: web servers
                  hosts: web
                  resources:
                    - id: conf
                      tags: [config]
                      file: {path: /tmp/converge-habits, content: "x\\n"}
                    - id: restart
                      tags: [service]
                      command: {cmd: [true], creates: /tmp/converge-habits}
                - name: databases
                  hosts: db
                  resources:
                    - id: db-conf
                      file: {path: /tmp/converge-habits-db, content: "x\\n"}
                """);
    }

    private int run(String... flags) {
        List<String> args = new ArrayList<>(List.of("-i", inventory.toString(), "--no-color"));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = Main.run(print, print, args.toArray(String[]::new));
        out = bytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void syntaxCheckValidatesWithoutContactingAnyHost() throws Exception {
        assertThat(run("--syntax-check")).as(out).isZero();
        assertThat(out).contains("syntax: ok").doesNotContain("UNREACHABLE").doesNotContain("unreachable");
        Files.writeString(playbook, "- hosts: web\n  resources:\n    - id: a\n      fiel: {}\n");
        assertThat(run("--syntax-check")).isEqualTo(3);
        assertThat(out).contains("site.yml:4:7: error: unknown module 'fiel'");
    }

    @Test
    void listHostsTasksAndTags() {
        assertThat(run("--list-hosts", "-l", "web1:db")).as(out).isZero();
        assertThat(out)
                .contains(
                        "play #1 (web): web servers",
                        "hosts (1):\n      web1\n",
                        "play #2 (db): databases",
                        "      db1")
                .doesNotContain("web2");
        assertThat(run("--list-tasks", "-t", "config")).as(out).isZero();
        assertThat(out).contains("conf [file]  TAGS: [config]").doesNotContain("restart [command]");
        assertThat(run("--list-tags")).as(out).isZero();
        assertThat(out).contains("TASK TAGS: [config, service]", "TASK TAGS: []");
    }

    @Test
    void verbosityIsAcceptedAsAnsiblePlaybookTakesIt() {
        assertThat(run("-vvv", "--syntax-check")).as(out).isZero();
        assertThat(run("-v", "--syntax-check")).as(out).isZero();
    }

    @Test
    void connectionFlagsAreAnsiblePlaybooks() {
        assertThat(run(
                        "-b",
                        "--become-user",
                        "nova",
                        "-u",
                        "admin",
                        "--private-key",
                        "/nonexistent/key",
                        "--syntax-check"))
                .as(out)
                .isZero();
        assertThat(run("--become", "--user", "admin", "--key-file", "/k", "--syntax-check"))
                .as(out)
                .isZero();
    }

    @Test
    void anUnknownTagOrALimitThatMatchesNothingIsAWarningNamingTheFlag() {
        assertThat(run("--syntax-check", "-t", "nosuchtag")).as(out).isZero();
        assertThat(out).contains("<--tags>", "--tags 'nosuchtag' is no tag of the playbook", "config, service");
        assertThat(run("--syntax-check", "-l", "nosuch")).as(out).isZero();
        assertThat(out).contains("--limit 'nosuch' matches no host of the inventory");
    }

    @Test
    void aLimitThatLeavesACrossHostCheckWithOneHostIsAWarning() throws Exception {
        Files.writeString(playbook, """
                - name: web servers
                  hosts: web
                  resources:
                    - id: ids-agree
                      agree: {cmd: [id, nova]}
                """);
        assertThat(run("--syntax-check", "-l", "web1")).as(out).isZero();
        assertThat(out)
                .contains(
                        "site.yml:5:7",
                        "--limit 'web1' leaves 'ids-agree' (agree) with one host of 'web' (web1):"
                                + " it has no other host to compare with");
        assertThat(run("--syntax-check", "-l", "web")).as(out).isZero();
        assertThat(out).doesNotContain("no other host to compare with");
    }

    @Test
    void startAtTaskSkipsTheResourcesWrittenBeforeIt() throws Exception {
        Path graph = dir.resolve("g.dot");
        String conf = "label=\"conf\\nfile";
        assertThat(run("--graph", graph.toString())).as(out).isZero();
        assertThat(Files.readString(graph)).contains(conf);
        assertThat(run("--start-at-task", "restart", "--graph", graph.toString()))
                .as(out)
                .isZero();
        assertThat(Files.readString(graph))
                .contains("restart")
                .contains("db-conf")
                .doesNotContain(conf);
        assertThat(run("--start-at-task", "Restart", "--graph", graph.toString()))
                .as("by the name the id derives from")
                .isZero();
        assertThat(run("--start-at-task", "restrat", "--syntax-check")).isEqualTo(3);
        assertThat(out)
                .contains("--start-at-task 'restrat' names no resource of the playbook", "did you mean 'restart'?");
    }

    @Test
    void graphRefusesAFormatItDoesNotWrite() {
        assertThat(run("--graph", dir.resolve("g.svg").toString())).isEqualTo(3);
        assertThat(out).contains("--graph writes Graphviz DOT (.dot, .gv) or Mermaid (.mmd, .mermaid), not 'g.svg'");
        assertThat(dir.resolve("g.svg")).doesNotExist();
    }
}
