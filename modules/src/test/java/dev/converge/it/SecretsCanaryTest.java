package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import dev.converge.testing.AnsibleCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plants canary secrets (one marked by {@code secrets:}, one by its {@code *password*} name) in a
 * playbook that writes them into a nova.conf, runs the CLI with every output, and greps every
 * output for them: they may appear in the written file only.
 */
class SecretsCanaryTest {
    static final String CANARY = "C4NARY-7f3a9e1b-declared";
    static final String DB_PASSWORD = "C4NARY-55aa0c-by-name";

    @TempDir
    Path dir;

    Path inventory;
    Path playbook;
    Path out;

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createDirectories(dir.resolve("out"));
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    compute1: {ansible_connection: local, base: %s}
                """.formatted(dir));
        playbook = dir.resolve("secrets.yml");
    }

    private record Outputs(int exit, Map<String, String> texts) {}

    private Outputs run(String yaml, String... flags) throws Exception {
        return run(List.of(), yaml, flags);
    }

    /** @param command what comes before the options ({@code plan -o FILE}) */
    private Outputs run(List<String> command, String yaml, String... flags) throws Exception {
        Files.writeString(playbook, yaml);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(
                "-i",
                inventory.toString(),
                "--diff",
                "--no-color",
                "--report-json",
                out.resolve("r.json").toString(),
                "--report-junit",
                out.resolve("r.xml").toString(),
                "--report-html",
                out.resolve("r.html").toString(),
                "--report-markdown",
                out.resolve("r.md").toString()));
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

    private static void assertNoCanary(Outputs outputs) {
        outputs.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(CANARY, DB_PASSWORD));
    }

    private static final String WRITES_NOVA_CONF = """
            secrets: [canary]
            vars:
              canary: %s
              db_password: %s
            plays:
              - hosts: all
                resources:
                  - id: keystone-authtoken
                    ini:
                      path: ${base}/nova.conf
                      section: keystone_authtoken
                      set: {auth_type: password, username: nova, password: "${canary}"}
                      create: true
                      mode: "0640"
                  - id: database
                    ini:
                      path: ${base}/nova.conf
                      section: database
                      set: {connection: "mysql+pymysql://nova:${db_password}@controller/nova"}
            """.formatted(CANARY, DB_PASSWORD);

    @Test
    void secretsReachTheFileButNoOutput() throws Exception {
        Outputs planned = run(WRITES_NOVA_CONF, "--check");
        assertThat(planned.exit()).as(planned.texts().get("stderr")).isZero();
        assertNoCanary(planned);
        assertThat(planned.texts().get("stdout"))
                .contains("+password = ********", "mysql+pymysql://nova:********@controller/nova");
        assertThat(planned.texts().get("r.json")).contains("+password = ********");
        assertThat(planned.texts()).containsKeys("r.json", "r.xml", "r.html", "r.md");
        assertThat(planned.texts().get("r.md")).contains("+password = ********");

        Outputs applied = run(WRITES_NOVA_CONF);
        assertThat(applied.exit()).as(applied.texts().get("stderr")).isZero();
        assertNoCanary(applied);
        assertThat(dir.resolve("nova.conf")).content().contains("password = " + CANARY, "nova:" + DB_PASSWORD + "@");

        Outputs again = run(WRITES_NOVA_CONF, "--check");
        assertThat(again.exit()).isZero();
        assertNoCanary(again);
    }

    @Test
    void aSavedPlanHoldsNoSecretAndItsApplyPrintsNone() throws Exception {
        Files.writeString(
                dir.resolve("nova.conf"),
                "[database]\nconnection = mysql+pymysql://nova:" + DB_PASSWORD + "@old/nova\n");
        String readsWithTheSecret = WRITES_NOVA_CONF + """
                  - id: probe
                    command: {cmd: [touch, "${base}/probe-${canary}"], creates: "${base}/probe-${canary}"}
            """;
        Outputs planned = run(List.of("plan", "-o", out.resolve("saved.plan").toString()), readsWithTheSecret);
        assertThat(planned.exit())
                .as(planned.texts().get("stderr") + planned.texts().get("stdout"))
                .isZero();
        assertThat(planned.texts()).containsKey("saved.plan");
        assertNoCanary(planned);
        assertThat(planned.texts().get("saved.plan")).contains("+password = ********", "nova:********@controller");

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                "apply",
                "--no-color",
                "--diff",
                out.resolve("saved.plan").toString());
        assertThat(exit).as(stdout.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).doesNotContain(CANARY, DB_PASSWORD);
        assertThat(dir.resolve("nova.conf"))
                .content()
                .contains("password = " + CANARY, "nova:" + DB_PASSWORD + "@controller");
    }

    @Test
    void theCommandLineInTheReportsMetadataIsMasked() throws Exception {
        Outputs planned = run("""
                - hosts: all
                  resources:
                    - id: database
                      ini:
                        path: ${base}/nova.conf
                        section: database
                        set: {connection: "mysql+pymysql://nova:${db_password}@controller/nova"}
                        create: true
                """, "--check", "-e", "db_password=" + DB_PASSWORD);
        assertThat(planned.exit()).as(planned.texts().get("stderr")).isZero();
        assertNoCanary(planned);
        assertThat(planned.texts().get("r.json")).contains("\"db_password=********\"");
        assertThat(planned.texts().get("r.xml")).contains("name=\"converge.command_line\"", "db_password=********");
        assertThat(planned.texts().get("r.html")).contains("db_password=********");
    }

    @Test
    void anOldPasswordAlreadyInTheFileIsMaskedInDiffsToo() throws Exception {
        Files.writeString(dir.resolve("nova.conf"), "[keystone_authtoken]\npassword = old-unknown-value\n");
        Outputs planned = run(WRITES_NOVA_CONF, "--check");
        assertThat(planned.exit()).isZero();
        planned.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain("old-unknown-value"));
        assertThat(planned.texts().get("stdout")).contains("-password = ********");
    }

    @Test
    void aFailureWithTheSecretInItsCommandLineIsMasked() throws Exception {
        Outputs failed = run("""
                secrets: [canary]
                vars: {canary: %s}
                plays:
                  - hosts: all
                    resources:
                      - id: login
                        command: {cmd: [sh, -c, 'echo "login failed for secret $0" >&2; exit 3', "${canary}"]}
                      - id: after-login
                        file: {path: "${base}/after", content: "${canary}"}
                """.formatted(CANARY));
        assertThat(failed.exit()).isEqualTo(1);
        assertNoCanary(failed);
        assertThat(failed.texts().get("stdout")).contains("login failed for secret ********");
        assertThat(failed.texts().get("r.xml"))
                .contains("<failure type=\"failed\"", "login failed for secret ********");
        assertThat(failed.texts().get("stdout"))
                .contains("WARNING: a secret is a command-line argument of 'sh': every user on the host sees it"
                        + " in ps; give it on the command's standard input (stdin:)");
    }

    @Test
    void invalidInputNamingTheSecretOrAValueDerivedFromItIsMasked() throws Exception {
        String derived = CANARY.toLowerCase().replace('-', '+');
        for (String mode : List.of("${canary}", "${canary?lower_case?replace('-', '+')}")) {
            Outputs invalid = run("""
                    secrets: [canary]
                    vars: {canary: %s}
                    plays:
                      - hosts: all
                        resources:
                          - id: bad-mode
                            file: {path: "${base}/x", content: "x", mode: "%s"}
                    """.formatted(CANARY, mode));
            assertThat(invalid.exit()).isEqualTo(3);
            invalid.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(CANARY, derived));
            assertThat(invalid.texts().get("stderr")).contains("not '********'");
        }
    }

    static final String KEY_LINE_1 = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
    static final String KEY_LINE_2 = "QyNTUxOQAAACDJJAd2vSdOOvwM7u3sSeH0Ke+0G0ZUyLdXJKbMH1q4QQAAAJgkDbIhJA2y";
    static final String OLD_KEY_LINE = "T0xELUtFWS1MSU5FLW9sZC1rZXktbWF0ZXJpYWwtb24tdGhlLWhvc3Q";

    @Test
    void aMultiLineKeyAndTheKeyItReplacesAreMaskedOnEveryLineOfEveryOutput() throws Exception {
        Files.writeString(
                dir.resolve("id_ed25519"),
                "-----BEGIN OPENSSH PRIVATE KEY-----\n" + OLD_KEY_LINE + "\n-----END OPENSSH PRIVATE KEY-----\n");
        String yaml = """
                secrets: [deploy_key]
                vars:
                  deploy_key: |
                    -----BEGIN OPENSSH PRIVATE KEY-----
                    %s
                    %s
                    -----END OPENSSH PRIVATE KEY-----
                plays:
                  - hosts: all
                    resources:
                      - id: key
                        file: {path: "${base}/id_ed25519", content: "${deploy_key}", mode: "0600"}
                """.formatted(KEY_LINE_1, KEY_LINE_2);
        for (String[] flags : List.of(new String[] {"--check"}, new String[0])) {
            Outputs outputs = run(yaml, flags);
            assertThat(outputs.exit()).as(outputs.texts().get("stderr")).isZero();
            outputs.texts()
                    .forEach((name, text) ->
                            assertThat(text).as(name).doesNotContain(KEY_LINE_1, KEY_LINE_2, OLD_KEY_LINE));
        }
        assertThat(dir.resolve("id_ed25519")).content().contains(KEY_LINE_1, KEY_LINE_2);
    }

    @Test
    void credentialsAlreadyInAnExistingNovaConfAreMaskedOnContextLines() throws Exception {
        Files.writeString(dir.resolve("nova.conf"), """
                [DEFAULT]
                transport_url = rabbit://openstack:RABBIT-C4NARY-91@ctl:5672/
                debug = true
                [database]
                connection = mysql+pymysql://nova:DB-C4NARY-92@controller/nova
                [api]
                auth_strategy = keystone
                """);
        Outputs planned = run("""
                plays:
                  - hosts: all
                    resources:
                      - id: debug
                        ini: {path: "${base}/nova.conf", section: DEFAULT, set: {debug: "false"}}
                      - id: api
                        ini: {path: "${base}/nova.conf", section: api, set: {auth_strategy: noauth2}}
                """, "--check");
        assertThat(planned.exit()).as(planned.texts().get("stderr")).isZero();
        planned.texts()
                .forEach((name, text) -> assertThat(text).as(name).doesNotContain("RABBIT-C4NARY-91", "DB-C4NARY-92"));
        assertThat(planned.texts().get("stdout"))
                .contains(
                        "transport_url = rabbit://openstack:********@ctl:5672/",
                        "connection = mysql+pymysql://nova:********@controller/nova",
                        "-debug = true",
                        "+debug = false");
    }

    @Test
    void valuesDerivedFromASecretByBuiltInsAreMasked() throws Exception {
        String yaml = """
                secrets: [canary]
                vars:
                  canary: "%s@/x"
                  db_password: %s
                plays:
                  - hosts: all
                    resources:
                      - id: database
                        ini:
                          path: ${base}/nova.conf
                          section: database
                          create: true
                          mode: "0640"
                          set:
                            connection: "mysql+pymysql://nova:${canary?url('UTF-8')}@controller/nova"
                            shouted: "${canary?upper_case}"
                            replaced: "${db_password?replace('-', '_')}"
                """.formatted(CANARY, DB_PASSWORD);
        List<String> derived = List.of(CANARY.toUpperCase(), DB_PASSWORD.replace('-', '_'), CANARY + "%40%2Fx");
        for (String[] flags : List.of(new String[] {"--check"}, new String[0])) {
            Outputs outputs = run(yaml, flags);
            assertThat(outputs.exit()).as(outputs.texts().get("stderr")).isZero();
            assertNoCanary(outputs);
            outputs.texts().forEach((name, text) -> assertThat(text).as(name).doesNotContain(derived));
        }
        assertThat(dir.resolve("nova.conf")).content().contains(derived);
    }

    private String ansibleVault(String... args) throws Exception {
        return AnsibleCli.vault(dir, args);
    }

    @Test
    void valuesFromAnsibleVaultAreSecretWhateverTheirNameAndAWrongPasswordIsExit3() throws Exception {
        Path password = Files.writeString(dir.resolve("vault-pw"), "vault-pass-1\n");
        Path vaultVars = Files.writeString(dir.resolve("vaulted.yml"), "api_blob: VAULT-FILE-C4NARY-31\n");
        ansibleVault("encrypt", "--vault-password-file", password.toString(), vaultVars.toString());
        Path groupVars = Files.writeString(
                Files.createDirectories(dir.resolve("group_vars")).resolve("all.yml"),
                "group_blob: VAULT-GROUP-C4NARY-33\n");
        ansibleVault("encrypt", "--vault-password-file", password.toString(), groupVars.toString());
        String inline = ansibleVault(
                "encrypt_string",
                "--vault-password-file",
                password.toString(),
                "--name",
                "inline_blob",
                "VAULT-INLINE-C4NARY-32");
        String yaml = "vars:\n" + inline.strip().replaceAll("(?m)^", "  ") + "\n" + """
                plays:
                  - hosts: all
                    resources:
                      - id: app
                        file: {path: "${base}/app.conf", content: "a=${api_blob}\\nb=${inline_blob?lower_case}\\nc=${group_blob}\\n", mode: "0600"}
                """;
        Outputs outputs = run(yaml, "--vault-password-file", password.toString(), "-e", "@" + vaultVars);
        assertThat(outputs.exit()).as(outputs.texts().get("stderr")).isZero();
        outputs.texts()
                .forEach((name, text) -> assertThat(text)
                        .as(name)
                        .doesNotContain(
                                "VAULT-FILE-C4NARY-31",
                                "VAULT-INLINE-C4NARY-32",
                                "vault-inline-c4nary-32",
                                "VAULT-GROUP-C4NARY-33"));
        assertThat(dir.resolve("app.conf"))
                .content()
                .isEqualTo("a=VAULT-FILE-C4NARY-31\nb=vault-inline-c4nary-32\nc=VAULT-GROUP-C4NARY-33\n");

        Path wrong = Files.writeString(dir.resolve("wrong-pw"), "not-it\n");
        Outputs refused = run(yaml, "--vault-password-file", wrong.toString(), "-e", "@" + vaultVars);
        assertThat(refused.exit()).isEqualTo(3);
        assertThat(refused.texts().get("stderr"))
                .contains(vaultVars + ":1:1: error: vault file: cannot decrypt: wrong vault password (tried " + wrong
                        + ")");
    }

    @Test
    void aNewFileThatReceivesASecretWithADefaultModeIsWarnedAbout() throws Exception {
        Outputs planned = run("""
                secrets: [canary]
                vars: {canary: %s}
                plays:
                  - hosts: all
                    resources:
                      - id: token
                        file: {path: "${base}/token", content: "token=${canary}\\n"}
                      - id: private-token
                        file: {path: "${base}/private-token", content: "token=${canary}\\n", mode: "0600"}
                """.formatted(CANARY), "--check");
        assertThat(planned.exit()).as(planned.texts().get("stderr")).isZero();
        assertNoCanary(planned);
        String warning = dir.resolve("token")
                + " receives a secret but every user on the host can read it (mode 0644): set mode: \"0600\"";
        assertThat(planned.texts().get("stdout"))
                .contains(warning)
                .doesNotContain(dir.resolve("private-token") + " receives");
        assertThat(planned.texts().get("r.json")).contains(warning.replace("\"", "\\\""));
    }
}
