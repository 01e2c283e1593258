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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports of real runs (applied, failed, unreachable host, check) validate against docs/report-schema.json. */
class ReportSchemaTest {
    @TempDir
    Path dir;

    @Test
    void realReportsValidate() throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(new ObjectMapper()
                        .readTree(Path.of("..", "docs", "report-schema.json").toFile()));
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars: {base: %s}
                  hosts:
                    web1: {ansible_connection: local}
                    gone: {ansible_host: 127.0.0.1, ansible_port: 1}
                """.formatted(dir));
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  resources:
                    - id: conf
                      file: {path: "${base}/${inventory_hostname}.conf", content: "x\\n"}
                    - id: breaks
                      command: {cmd: ["false"]}
                    - id: after-break
                      file: {path: "${base}/${inventory_hostname}.after", content: "y\\n"}
                """);
        Path json = dir.resolve("r.json");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (String mode : new String[] {"--check", "--diff"}) {
            int exit = Main.run(
                    quiet,
                    quiet,
                    "-i",
                    inventory.toString(),
                    "--timeout",
                    "2",
                    "--report-json",
                    json.toString(),
                    mode,
                    playbook.toString());
            assertThat(exit).isEqualTo(1);
            JsonNode report = new ObjectMapper().readTree(json.toFile());
            assertThat(schema.validate(report)).as(mode).isEmpty();
            assertThat(report.at("/hosts/1/status").asText()).isEqualTo("unreachable");
        }
        JsonNode applied = new ObjectMapper().readTree(json.toFile());
        assertThat(applied.at("/hosts/0/resources/1/status").asText()).isEqualTo("failed");
        assertThat(applied.at("/hosts/0/resources/1/depends_on/0/id").asText()).isEqualTo("conf");
        assertThat(applied.at("/timing/hosts/0/resources/0/id").asText()).isEqualTo("conf");
    }
}
