package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline through the CLI, on this machine's local transport, with real files. */
class LocalRunTest {
    @TempDir
    Path dir;

    Path inventory;

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
                        web1: {ansible_connection: local, slot: one}
                        web2: {ansible_connection: local, slot: two}
                """.formatted(dir));
    }

    private int run(String playbook, String... flags) throws Exception {
        return new CliRun(dir, inventory).run(playbook, flags);
    }

    private JsonNode report() throws Exception {
        return new CliRun(dir, inventory).report();
    }

    private JsonNode resource(String host, String id) throws Exception {
        return new CliRun(dir, inventory).resource(host, id);
    }

    @Test
    void convergesThenNoopWithOneRoundTripPerHost() throws Exception {
        StringBuilder pb = new StringBuilder("- hosts: web\n  resources:\n");
        for (int i = 0; i < 22; i++) {
            pb.append("    - id: f")
                    .append(i)
                    .append("\n      file: {path: \"${base}/${inventory_hostname}-")
                    .append(i)
                    .append(".conf\", content: \"slot=${slot} n=")
                    .append(i)
                    .append("\\n\", mode: \"0640\"}\n");
        }
        assertThat(run(pb.toString(), "--check", "--detailed-exitcode")).isEqualTo(2);
        assertThat(dir.resolve("web1-0.conf")).doesNotExist();
        assertThat(run(pb.toString(), "--detailed-exitcode")).isEqualTo(2);
        assertThat(dir.resolve("web2-21.conf")).hasContent("slot=two n=21");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("web1-3.conf"))))
                .isEqualTo("rw-r-----");
        for (JsonNode h : report().get("hosts")) {
            assertThat(h.get("round_trips").asInt())
                    .as("gather + one apply batch that reads the host back for verify")
                    .isEqualTo(2);
        }
        assertThat(run(pb.toString(), "--detailed-exitcode")).isEqualTo(0);
        for (JsonNode h : report().get("hosts")) {
            assertThat(h.get("round_trips").asInt())
                    .as("a no-op run reads once")
                    .isEqualTo(1);
            assertThat(h.get("counts").get("ok").asInt()).isEqualTo(22);
        }
    }

    @Test
    void editsOfOneFileComposeIntoOneHonestDiff() throws Exception {
        Path conf = dir.resolve("app.conf");
        Files.writeString(conf, "keep me\n");
        String pb = """
                - hosts: web1
                  resources:
                    - id: first
                      file: {path: "${base}/app.conf", content: "one\\n"}
                    - id: second
                      file: {path: "${base}/app.conf", mode: "0600"}
                    - id: third
                      command: {cmd: [cp, "${base}/app.conf", "${base}/copy"], creates: "${base}/copy"}
                """;
        assertThat(run(pb, "--check")).isEqualTo(0);
        assertThat(resource("web1", "first").get("diff").asText()).contains("-keep me", "+one");
        assertThat(resource("web1", "second")
                        .get("changed_fields")
                        .get(0)
                        .get("after")
                        .asText())
                .isEqualTo("0600");
        assertThat(conf).hasContent("keep me");
        assertThat(run(pb)).isEqualTo(0);
        assertThat(conf).hasContent("one");
        assertThat(dir.resolve("copy"))
                .as("the command ran after the composed write")
                .hasContent("one");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)))
                .isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".converge-"));
        }
    }

    @Test
    void aFileCreatedAndEditedInOneBatchKeepsTheModeItWasCreatedWith() throws Exception {
        String pb = """
                - hosts: web1
                  resources:
                    - id: create
                      ini: {path: "${base}/nova.conf", section: DEFAULT, set: {state_path: /var/lib/nova}, create: true, mode: "0640"}
                    - id: edit
                      ini: {path: "${base}/nova.conf", section: libvirt, set: {live_migration_scheme: tcp}}
                """;
        assertThat(run(pb, "--detailed-exitcode")).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("nova.conf"))))
                .isEqualTo("rw-r-----");
        assertThat(dir.resolve("nova.conf"))
                .content()
                .contains("state_path = /var/lib/nova", "live_migration_scheme = tcp");
        assertThat(run(pb, "--detailed-exitcode")).isEqualTo(0);
    }

    @Test
    void aFailureSkipsItsDependentsWhileIndependentWorkFinishes() throws Exception {
        String pb = """
                - hosts: web
                  resources:
                    - id: breaks-on-web1
                      command: {cmd: [sh, -c, 'test "$0" != web1', "${inventory_hostname}"]}
                    - id: after-it
                      file: {path: "${base}/${inventory_hostname}.after", content: "x"}
                - hosts: web2
                  resources:
                    - id: waits-for-all
                      after: [breaks-on-web1]
                      file: {path: "${base}/cross-host", content: "x"}
                - hosts: web2
                  resources:
                    - id: independent
                      file: {path: "${base}/independent", content: "x"}
                """;
        assertThat(run(pb)).isEqualTo(1);
        assertThat(resource("web1", "breaks-on-web1").get("status").asText()).isEqualTo("failed");
        assertThat(resource("web1", "after-it").get("status").asText()).isEqualTo("skipped");
        assertThat(resource("web2", "after-it").get("status").asText()).isEqualTo("changed");
        assertThat(resource("web2", "waits-for-all").get("status").asText()).isEqualTo("skipped");
        assertThat(resource("web2", "independent").get("status").asText()).isEqualTo("changed");
        assertThat(dir.resolve("web1.after")).doesNotExist();
        assertThat(dir.resolve("cross-host")).doesNotExist();
        assertThat(dir.resolve("independent")).exists();
    }

    @Test
    void handlersRunOnceAfterTheirNotifiersAndOnlyWhenSomethingChanged() throws Exception {
        String pb = """
                - hosts: web1
                  resources:
                    - id: a
                      file: {path: "${base}/a", content: "a"}
                      notify: restart
                    - id: b
                      file: {path: "${base}/b", content: "b"}
                      notify: [restart]
                  handlers:
                    - id: restart
                      command: {cmd: [sh, -c, 'echo restarted >> "$0"', "${base}/restarts"]}
                """;
        assertThat(run(pb)).isEqualTo(0);
        assertThat(dir.resolve("restarts")).hasContent("restarted");
        assertThat(run(pb)).isEqualTo(0);
        assertThat(dir.resolve("restarts")).hasContent("restarted");
        assertThat(resource("web1", "restart").get("message").asText()).isEqualTo("not notified");
    }

    @Test
    void handlersStillRunForChangesAlreadyMadeWhenALaterResourceFails() throws Exception {
        String pb = """
                - hosts: web1
                  resources:
                    - id: config
                      file: {path: "${base}/config", content: "new"}
                      notify: restart
                    - id: breaks
                      command: {cmd: ["false"]}
                    - id: never-reached
                      file: {path: "${base}/never", content: "x"}
                  handlers:
                    - id: restart
                      command: {cmd: [sh, -c, 'echo restarted >> "$0"', "${base}/restarts"]}
                """;
        assertThat(run(pb)).isEqualTo(1);
        assertThat(dir.resolve("restarts")).hasContent("restarted");
        assertThat(dir.resolve("never")).doesNotExist();
        assertThat(resource("web1", "restart").get("status").asText()).isEqualTo("changed");
        assertThat(resource("web1", "restart").get("message").asText())
                .contains("ran for the changes already made", "breaks");
        assertThat(resource("web1", "never-reached").get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void limitTagsWhenLoopAndExtraVars() throws Exception {
        String pb = """
                - hosts: web
                  vars:
                    names: [x, y]
                  resources:
                    - id: looped
                      loop: ${names}
                      tags: [config]
                      file: {path: "${base}/${inventory_hostname}-${item}", content: "${greeting}"}
                    - id: untagged
                      file: {path: "${base}/${inventory_hostname}-untagged", content: "u"}
                    - id: only-sysv
                      when: facts.init == "no-such-init"
                      file: {path: "${base}/never", content: "n"}
                """;
        assertThat(run(pb, "-l", "web2", "-t", "config", "-e", "greeting=hi")).isEqualTo(0);
        assertThat(dir.resolve("web2-x")).hasContent("hi");
        assertThat(dir.resolve("web2-y")).hasContent("hi");
        assertThat(dir.resolve("web1-x")).doesNotExist();
        assertThat(dir.resolve("web2-untagged")).doesNotExist();
        assertThat(run(pb, "-e", "greeting=hi")).isEqualTo(0);
        assertThat(dir.resolve("never")).doesNotExist();
        assertThat(resource("web1", "only-sysv").get("status").asText()).isEqualTo("skipped");
    }

    @Test
    void binaryAndNonUtf8ContentSurviveByteForByte() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        Files.write(dir.resolve("blob"), bytes);
        String pb = """
                - hosts: web1
                  resources:
                    - id: attrs
                      file: {path: "${base}/blob", mode: "0600"}
                """;
        assertThat(run(pb)).isEqualTo(0);
        assertThat(Files.readAllBytes(dir.resolve("blob"))).isEqualTo(bytes);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("blob"))))
                .isEqualTo("rw-------");
    }

    @Test
    void hostileValuesEndUpLiterallyAndNeverRun() throws Exception {
        String hostile = "'; touch " + dir + "/pwned; echo '$(touch " + dir + "/pwned2)`touch " + dir + "/pwned3`\n";
        Files.writeString(dir.resolve("vars.yml"), "evil: " + new ObjectMapper().writeValueAsString(hostile) + "\n");
        String pb = """
                - hosts: web1
                  resources:
                    - id: literal
                      file: {path: "${base}/literal", content: "${evil}"}
                    - id: argv
                      command: {cmd: [printf, "%s", "${evil}"]}
                """;
        assertThat(run(pb, "-e", "@" + dir.resolve("vars.yml"))).isEqualTo(0);
        assertThat(dir.resolve("literal")).hasContent(hostile.strip());
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("pwned2")).doesNotExist();
        assertThat(dir.resolve("pwned3")).doesNotExist();
    }
}
