package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** converge plan -o PLAN, converge apply PLAN, converge show PLAN on the local transport, with real files. */
class SavedPlanTest {
    static final String CANARY = "C4NARY-9d1e77-saved-plan";

    @TempDir
    Path dir;

    Path inventory;
    Path playbook;
    Path plan;
    final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars:
                    base: %s
                  hosts:
                    web1: {ansible_connection: local}
                    web2: {ansible_connection: local}
                """.formatted(dir));
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(
                dir.resolve("templates/app.conf.ftl"), "host=${inventory_hostname}\npassword=${db_password}\n");
        playbook = Files.writeString(dir.resolve("site.yml"), """
                vars:
                  db_password: %s
                plays:
                  - hosts: web1
                    resources:
                      - id: web1-conf
                        file: {path: "${base}/web1.conf", template: app.conf.ftl}
                      - id: web1-after-web2
                        after: [web2-conf]
                        file: {path: "${base}/web1.ready", content: "web2 is configured\\n"}
                  - hosts: web2
                    resources:
                      - id: web2-conf
                        file: {path: "${base}/web2.conf", template: app.conf.ftl}
                      - id: web2-after-web1
                        after: [web1-conf]
                        file: {path: "${base}/web2.ready", content: "web1 is configured\\n"}
                """.formatted(CANARY));
        Files.writeString(dir.resolve("web1.conf"), "old web1\n");
        Files.writeString(dir.resolve("web2.conf"), "old web2\n");
        plan = dir.resolve("out/site.plan");
    }

    private static JsonSchema schema(String name) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(
                        new ObjectMapper().readTree(Path.of("..", "docs", name).toFile()));
    }

    /** {@code mode} less this process's umask (as {@code sh -c umask} prints it), as rwx text. */
    private static String modeLessUmask(int mode) throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "umask").start();
        int umask = Integer.parseInt(new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip(), 8);
        int m = mode & ~umask;
        StringBuilder out = new StringBuilder();
        for (int bit = 8; bit >= 0; bit--) {
            out.append((m & (1 << bit)) == 0 ? '-' : "rwx".charAt((8 - bit) % 3));
        }
        return out.toString();
    }

    private int converge(String... args) {
        output.reset();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        return Main.run(print, print, args);
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private int plan(String... flags) {
        List<String> args =
                new ArrayList<>(List.of("plan", "-i", inventory.toString(), "--no-color", "-o", plan.toString()));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        return converge(args.toArray(String[]::new));
    }

    @Test
    void planChangesNothingAndSavesAPlanWithoutSecretsReadableByItsOwnerOnly() throws Exception {
        assertThat(plan("--detailed-exitcode")).as(output()).isEqualTo(2);
        assertThat(dir.resolve("web1.conf")).hasContent("old web1");
        assertThat(dir.resolve("web2.ready")).doesNotExist();
        String text = Files.readString(plan);
        assertThat(text).doesNotContain(CANARY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan)))
                .isEqualTo("rw-------");
        JsonNode root = new ObjectMapper().readTree(text);
        assertThat(schema("plan-schema.json").validate(root)).isEmpty();
        assertThat(schema("report-schema.json").validate(root.get("report"))).isEmpty();
        assertThat(root.get("format").asText()).isEqualTo("converge-plan");
        List<String> inputs = new ArrayList<>();
        root.get("inputs").get("files").forEach(f -> inputs.add(f.get("path").asText()));
        assertThat(inputs)
                .anySatisfy(p -> assertThat(p).endsWith("site.yml"))
                .anySatisfy(p -> assertThat(p).endsWith("hosts.yml"))
                .anySatisfy(p -> assertThat(p).endsWith("app.conf.ftl"));
        JsonNode web1 = root.get("hosts").get(0);
        assertThat(web1.get("host").asText()).isEqualTo("web1");
        assertThat(web1.get("facts").get(dir.resolve("web1.conf").toString()).asText())
                .startsWith("sha256:");
        assertThat(root.get("report")
                        .get("hosts")
                        .get(0)
                        .get("resources")
                        .get(0)
                        .get("diff")
                        .asText())
                .contains("-old web1", "+host=web1");
        JsonNode metadata = root.get("report").get("metadata");
        assertThat(metadata.get("inputs_digest").asText())
                .as("the run's inputs are the plan's")
                .isEqualTo(root.get("inputs").get("digest").asText());
        assertThat(metadata.get("command_line").get(0).asText()).isEqualTo("plan");
        assertThat(metadata.get("inventories").get(0).asText()).isEqualTo(inventory.toString());
        assertThat(metadata.get("started_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    @Test
    void applyAppliesExactlyThePlanOnAHostThatDidNotMove() throws Exception {
        assertThat(plan()).as(output()).isZero();
        assertThat(converge("apply", "--detailed-exitcode", plan.toString()))
                .as(output())
                .isEqualTo(2);
        assertThat(dir.resolve("web1.conf")).hasContent("host=web1\npassword=" + CANARY);
        assertThat(dir.resolve("web2.ready")).hasContent("web1 is configured");
        assertThat(dir.resolve("web1.ready")).hasContent("web2 is configured");
        assertThat(output()).doesNotContain(CANARY);
    }

    @Test
    void aFileEditedAfterThePlanRefusesItsHostUntouchedAndSkipsWhatWaitsForIt() throws Exception {
        assertThat(plan()).as(output()).isZero();
        Files.writeString(dir.resolve("web2.conf"), "edited by hand\n");
        Files.writeString(dir.resolve("web1.conf"), "old web1\n"); // rewritten, same content: not a move
        assertThat(converge("apply", "--no-color", "--annotations", "github", plan.toString()))
                .as(output())
                .isEqualTo(1);
        assertThat(output())
                .as("an annotation at the refused resource's playbook line")
                .contains("::error file=" + playbook
                        + ",line=13,title=converge%3A web2-conf failed on web2::refused: changed since the plan");
        assertThat(dir.resolve("web2.conf")).hasContent("edited by hand");
        assertThat(dir.resolve("web2.ready")).doesNotExist();
        assertThat(dir.resolve("web1.conf")).hasContent("host=web1\npassword=" + CANARY);
        assertThat(dir.resolve("web1.ready")).as("waits for web2-conf").doesNotExist();
        assertThat(output())
                .contains(
                        "web2 refused: changed since the plan: " + dir.resolve("web2.conf") + " (sha256:",
                        " → sha256:",
                        "; nothing was applied on web2; make a new plan and review it",
                        "web2-conf [file] failed (refused: changed since the plan: ",
                        "web1-after-web2 [file] skipped (depends on failed web2/web2-conf)");
    }

    @Test
    void anEditedInputIsExit3NamingIt() throws Exception {
        assertThat(plan()).as(output()).isZero();
        Files.writeString(dir.resolve("templates/app.conf.ftl"), "host=${inventory_hostname}\n");
        assertThat(converge("apply", plan.toString())).as(output()).isEqualTo(3);
        assertThat(output())
                .contains(
                        "the inputs changed since the plan was made: ", "app.conf.ftl (sha256:", "nothing was touched");
        assertThat(dir.resolve("web1.conf")).hasContent("old web1");
    }

    @Test
    void aSecretOnTheCommandLineIsNotSaved() throws Exception {
        assertThat(plan("-e", "db_password=" + CANARY + "x")).isEqualTo(3);
        assertThat(output()).contains("a plan never holds a secret");
        assertThat(plan).doesNotExist();
    }

    @Test
    void connectionFlagsThePlanCannotSaveAreRefused() throws Exception {
        assertThat(plan("-b")).isEqualTo(3);
        assertThat(output()).contains("converge plan does not save -u, -b", "nothing was touched");
        assertThat(plan).doesNotExist();
    }

    @Test
    void showRendersThePlanAsTheTerminalReportAndAsReportFiles() throws Exception {
        assertThat(plan()).as(output()).isZero();
        Path json = dir.resolve("out/shown.json");
        assertThat(converge("show", "--diff", "--no-color", "--report-json", json.toString(), plan.toString()))
                .as(output())
                .isZero();
        assertThat(output()).contains("web1-conf", "+host=web1").doesNotContain(CANARY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(json)))
                .as("a report file respects the umask")
                .isEqualTo(modeLessUmask(0666));
        JsonNode shown = new ObjectMapper().readTree(json.toFile());
        JsonNode saved = new ObjectMapper().readTree(plan.toFile()).get("report");
        assertThat(shown.get("hosts")).isEqualTo(saved.get("hosts"));
    }
}
