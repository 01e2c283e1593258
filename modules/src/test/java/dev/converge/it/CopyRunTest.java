package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import dev.converge.testing.AnsibleCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copy} through the CLI on the local transport: where sources are found, vaulted and binary sources, a missing one. */
class CopyRunTest {
    private static final String CANARY = "COPY-VAULT-C4NARY-77";

    @TempDir
    Path dir;

    Path inventory;
    Path playbook;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    h1: {ansible_connection: local}
                  vars:
                    base: %s/host
                """.formatted(dir));
        Files.createDirectories(dir.resolve("host"));
        playbook = dir.resolve("site.yml");
        out = Files.createDirectories(dir.resolve("out"));
    }

    private record Outputs(int exit, Map<String, String> texts) {}

    private Outputs run(String yaml, String... flags) throws Exception {
        Files.writeString(playbook, yaml);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(
                "-i",
                inventory.toString(),
                "--diff",
                "--no-color",
                "--report-json",
                out.resolve("r.json").toString(),
                "--report-html",
                out.resolve("r.html").toString()));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        int exit = Main.run(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("stdout", stdout.toString(StandardCharsets.UTF_8));
        texts.put("stderr", stderr.toString(StandardCharsets.UTF_8));
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.sorted().toList()) {
                texts.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return new Outputs(exit, texts);
    }

    @Test
    void aRolesFilesFolderComesBeforeThePlaybooksAndAPlayResourceUsesThePlaybooks() throws Exception {
        Files.writeString(Files.createDirectories(dir.resolve("files")).resolve("motd"), "from the playbook\n");
        Path role = Files.createDirectories(dir.resolve("roles/base/resources"));
        Files.writeString(
                Files.createDirectories(dir.resolve("roles/base/files")).resolve("motd"), "from the role\n");
        Files.writeString(role.resolve("main.yml"), """
                - id: role-motd
                  copy: {src: motd, dest: "${base}/role-motd"}
                """);
        String yaml = """
                - hosts: all
                  roles: [base]
                  resources:
                    - id: play-motd
                      copy: {src: motd, dest: "${base}/play-motd", mode: "0600"}
                """;
        Outputs first = run(yaml, "--detailed-exitcode");
        assertThat(first.exit())
                .as(first.texts().get("stderr") + first.texts().get("stdout"))
                .isEqualTo(2);
        assertThat(dir.resolve("host/role-motd")).hasContent("from the role");
        assertThat(dir.resolve("host/play-motd")).hasContent("from the playbook");
        assertThat(run(yaml, "--detailed-exitcode").exit())
                .as("the second run changes nothing")
                .isZero();
    }

    @Test
    void aVaultedSourceIsDecryptedOnTheHostAndMaskedInEveryOutput() throws Exception {
        Path pw = Files.writeString(dir.resolve("vault-pw"), "copy-pass\n");
        Path key = Files.writeString(
                Files.createDirectories(dir.resolve("files")).resolve("api.key"), "token = " + CANARY + "\n");
        AnsibleCli.vault(dir, "encrypt", "--vault-password-file", pw.toString(), key.toString());
        assertThat(key).content().startsWith("$ANSIBLE_VAULT;1.1;AES256");
        Files.writeString(dir.resolve("host/api.key"), "token = old-one\n");
        String yaml = """
                - hosts: all
                  resources:
                    - id: api-key
                      copy: {src: api.key, dest: "${base}/api.key", mode: "0600"}
                """;
        Outputs check = run(yaml, "--check", "--vault-password-file", pw.toString());
        assertThat(check.exit()).as(check.texts().get("stderr")).isZero();
        assertThat(check.texts().get("stdout")).contains("api.key");
        check.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(CANARY, "old-one"));
        Outputs applied = run(yaml, "--vault-password-file", pw.toString());
        assertThat(applied.exit()).as(applied.texts().get("stderr")).isZero();
        applied.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(CANARY));
        assertThat(dir.resolve("host/api.key")).hasContent("token = " + CANARY);

        Outputs noPassword = run(yaml);
        assertThat(noPassword.exit()).isEqualTo(3);
        assertThat(noPassword.texts().get("stderr"))
                .contains(playbook + ":4:14: error: src " + key
                        + ": encrypted with Ansible Vault, and no vault password was given")
                .contains("hint: give --vault-password-file FILE");
        assertThat(dir.resolve("host/api.key")).hasContent("token = " + CANARY);
    }

    @Test
    void aPlainSourceMarkedSecretIsMaskedInEveryOutput() throws Exception {
        Files.writeString(
                Files.createDirectories(dir.resolve("files")).resolve("db.conf"), "[db]\nurl = " + CANARY + "-PLAIN\n");
        Files.writeString(dir.resolve("host/db.conf"), "[db]\nurl = old\n");
        String yaml = """
                - hosts: all
                  resources:
                    - id: db
                      copy: {src: db.conf, dest: "${base}/db.conf", secret: true}
                """;
        Outputs check = run(yaml, "--check");
        assertThat(check.exit()).as(check.texts().get("stderr")).isZero();
        assertThat(check.texts().get("stdout")).contains("db.conf").contains("********");
        check.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(CANARY));
        assertThat(run(yaml).exit()).isZero();
        assertThat(dir.resolve("host/db.conf")).hasContent("[db]\nurl = " + CANARY + "-PLAIN");
    }

    @Test
    void aBinaryChangeIsShownByItsDigests() throws Exception {
        Files.write(Files.createDirectories(dir.resolve("files")).resolve("blob.bin"), new byte[] {0, 1, 2, 3});
        Files.write(dir.resolve("host/blob.bin"), new byte[] {0, 9});
        String yaml = """
                - hosts: all
                  resources:
                    - id: blob
                      copy: {src: blob.bin, dest: "${base}/blob.bin"}
                """;
        Outputs check = run(yaml, "--check");
        assertThat(check.texts().get("stdout"))
                .contains("binary file changed: " + dir.resolve("host/blob.bin") + " (sha256 "
                        + sha256(new byte[] {0, 9}) + " -> " + sha256(new byte[] {0, 1, 2, 3}) + ", 2 -> 4 bytes)");
    }

    @Test
    void aMissingSourceIsInvalidInputAtItsLineAndNothingIsTouched() throws Exception {
        Files.writeString(dir.resolve("host/kept"), "kept\n");
        String yaml = """
                - hosts: all
                  resources:
                    - id: first
                      file: {path: "${base}/kept", content: "changed\\n"}
                    - id: missing
                      copy:
                        src: nowhere.conf
                        dest: "${base}/nowhere.conf"
                """;
        Outputs outputs = run(yaml);
        assertThat(outputs.exit()).isEqualTo(3);
        assertThat(outputs.texts().get("stderr"))
                .contains(playbook + ":7:9: error: src 'nowhere.conf' not found (looked in " + dir.resolve("files")
                        + ", " + dir + ")");
        assertThat(dir.resolve("host/kept")).hasContent("kept");
        assertThat(dir.resolve("host/nowhere.conf")).doesNotExist();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
