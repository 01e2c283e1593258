package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code converge inventory}: the shapes of ansible-inventory's --list, --graph and --host, and its errors. */
class InventoryCommandTest {
    private static final Path CORPUS = Path.of("src/test/resources/inventory-corpus");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listPrintsWhatAnsibleInventoryPrints() throws Exception {
        Run r = run("inventory", "-i", CORPUS.resolve("ex-hadoop/hosts").toString(), "--list");
        assertThat(r.code()).isZero();
        JsonNode expected = JSON.readTree(CORPUS.resolve("ORACLE.json").toFile())
                .get("ex-hadoop")
                .get("list");
        assertThat(JSON.readTree(r.out())).isEqualTo(expected);
    }

    @Test
    void hostPrintsOneHostsMergedVariables() throws Exception {
        Run r = run("inventory", "-i", CORPUS.resolve("ex-hadoop/hosts").toString(), "--host", "hadoop2");
        assertThat(r.code()).isZero();
        JsonNode expected = JSON.readTree(CORPUS.resolve("ORACLE.json").toFile())
                .get("ex-hadoop")
                .get("list")
                .get("_meta")
                .get("hostvars")
                .get("hadoop2");
        assertThat(JSON.readTree(r.out())).isEqualTo(expected);
        assertThat(run("inventory", "-i", CORPUS.resolve("ex-hadoop/hosts").toString(), "--host", "hadoop*")
                        .code())
                .isEqualTo(3);
    }

    @Test
    void graphPrintsTheGroupTreeAsAnsibleInventoryDoes() throws Exception {
        String inventory = CORPUS.resolve("ex-hadoop/hosts").toString();
        Run r = run("inventory", "-i", inventory, "--graph");
        assertThat(r.code()).isZero();
        String expected = """
                @all:
                  |--@ungrouped:
                  |--@hadoop_all:
                  |  |--@hadoop_masters:
                  |  |  |--@hadoop_master_primary:
                  |  |  |  |--hadoop1
                  |  |  |--@hadoop_master_secondary:
                  |  |  |  |--hadoop2
                  |  |--@hadoop_slaves:
                  |  |  |--hadoop1
                  |  |  |--hadoop2
                  |  |  |--hadoop3
                  |  |--@qjournal_servers:
                  |  |  |--hadoop1
                  |  |  |--hadoop2
                  |  |  |--hadoop3
                  |  |--@zookeeper_servers:
                  |  |  |--hadoop1
                  |  |  |--hadoop2
                  |  |  |--hadoop3
                """;
        assertThat(r.out()).isEqualTo(expected);
        if (Files.isExecutable(Path.of("/usr/bin/ansible-inventory"))) {
            ProcessBuilder pb = new ProcessBuilder("ansible-inventory", "-i", inventory, "--graph")
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("ANSIBLE_CONFIG", "/nonexistent");
            Process p = pb.start();
            String ansible = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ansible).as("ansible-inventory --graph").isEqualTo(expected);
        }
        assertThat(run("inventory", "-i", inventory, "--graph", "hadoop_masters")
                        .out())
                .startsWith("@hadoop_masters:\n  |--@hadoop_master_primary:\n");
    }

    @Test
    void listWithALimitKeepsOnlyTheSelectedHostsAndTheGroupsLeadingToThem() throws Exception {
        Run r = run(
                "inventory",
                "-i",
                CORPUS.resolve("docs-basic/hosts").toString(),
                "--limit",
                "webservers:!bar.example.com",
                "--list");
        assertThat(r.code()).isZero();
        assertThat(JSON.readTree(r.out())).isEqualTo(JSON.readTree("""
                {"_meta": {"hostvars": {}},
                 "all": {"children": ["ungrouped", "webservers", "dbservers"]},
                 "webservers": {"hosts": ["foo.example.com"]}}
                """));
    }

    @Test
    void aMalformedInventoryIsExitThreeWithFileLineColumnAndHint() throws Exception {
        Path bad = dir.resolve("hosts");
        Files.writeString(bad, "[web]\nweb[1:x]\n[web:vars]\nport\n");
        Run r = run("inventory", "-i", bad.toString(), "--list");
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err())
                .contains(
                        bad + ":2:1: error: host range 'web[1:x]': 'x' in a host range is not a number",
                        bad + ":4:1: error: expected name=value in [web:vars], got 'port'",
                        "hint: ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownPatternsInALimitAreWarnings() {
        Run r = run("inventory", "-i", "a,b,", "--limit", "a:nosuch", "--list");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("WARNING: <--limit>:1:1: could not match supplied host pattern, ignoring: nosuch");
    }

    @Test
    void vaultEncryptedGroupVarsAndVaultValuesResolveWithTheVaultOptions() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "pw\n");
        Files.writeString(dir.resolve("hosts"), "[web]\nw1\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Path vars = Files.writeString(dir.resolve("group_vars/web.yml"), "db_pass: s3cret\nport: 0755\n");
        assertThat(run("vault", "encrypt", "--vault-password-file", pw.toString(), vars.toString())
                        .code())
                .isZero();
        Run locked = run("inventory", "-i", dir.resolve("hosts").toString(), "--list");
        assertThat(locked.code()).isEqualTo(3);
        assertThat(locked.err()).contains(vars + ":1:1: error: vault file:");
        Run open = run(
                "inventory",
                "-i",
                dir.resolve("hosts").toString(),
                "--host",
                "w1",
                "--vault-password-file",
                pw.toString());
        assertThat(open.code()).as(open.err()).isZero();
        assertThat(JSON.readTree(open.out())).isEqualTo(JSON.readTree("{\"db_pass\": \"s3cret\", \"port\": 493}"));
    }
}
