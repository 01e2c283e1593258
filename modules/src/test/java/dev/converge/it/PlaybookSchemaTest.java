package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code converge schema}: the playbook language's JSON Schema, generated from the registered modules. */
class PlaybookSchemaTest {
    private static JsonNode schemaJson;
    private static JsonSchema schema;

    @BeforeAll
    static void generate() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "schema");
        assertThat(exit).isZero();
        schemaJson = new ObjectMapper().readTree(out.toByteArray());
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schemaJson);
    }

    private static Set<ValidationMessage> validate(String yaml) {
        Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return schema.validate(new ObjectMapper().valueToTree(doc));
    }

    @Test
    void theFlagshipPlaybookIsValid() throws Exception {
        String flagship = Files.readString(Path.of("..", "playbooks", "live-migration.yml"));
        assertThat(validate(flagship)).isEmpty();
    }

    @Test
    void everyRegisteredModuleHasItsParametersWithJavaTypes() {
        JsonNode defs = schemaJson.get("definitions");
        for (String module : new String[] {
            "blockinfile",
            "command",
            "exports",
            "file",
            "group",
            "hosts_entry",
            "ini",
            "iptables",
            "keyvalue",
            "line",
            "mount",
            "service",
            "user"
        }) {
            assertThat(defs.has("module." + module)).as(module).isTrue();
        }
        JsonNode user = defs.at("/module.user/properties");
        assertThat(user.at("/name/type").asText()).isEqualTo("string");
        assertThat(user.at("/uid/anyOf/0/type").asText()).isEqualTo("integer");
        assertThat(user.at("/system/anyOf/0/type").asText()).isEqualTo("boolean");
        assertThat(user.at("/create_home").isMissingNode())
                .as("@JsonProperty names")
                .isFalse();
        assertThat(defs.at("/module.ini/properties/set/type").asText()).isEqualTo("object");
        assertThat(defs.at("/resource/oneOf").size())
                .as("one per module, besides template, names, vars, plays, play, include, resources, resource")
                .isEqualTo(defs.size() - 8);
    }

    @Test
    void anUnknownModuleOrParameterIsRejected() {
        assertThat(validate("""
                - hosts: all
                  resources:
                    - id: a
                      fiel: {path: /tmp/x}
                """)).isNotEmpty();
        assertThat(validate("""
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x, modee: "0644"}
                """)).isNotEmpty();
        assertThat(validate("""
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x}
                      command: {cmd: [true]}
                """)).as("two modules").isNotEmpty();
        assertThat(validate("""
                - hosts: all
                  resources:
                    - id: a
                      user: {name: nova, uid: many}
                """)).as("a word where a number goes").isNotEmpty();
        assertThat(validate("""
                secrets: [db_password]
                plays:
                  - hosts: all
                    resources:
                      - id: a
                        user: {name: nova, uid: "${nova_uid}"}
                """)).as("a template where a number goes").isEmpty();
    }
}
