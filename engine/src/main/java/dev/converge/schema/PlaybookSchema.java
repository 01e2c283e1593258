package dev.converge.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.converge.bind.ModuleRegistry;
import dev.converge.spi.Module;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON Schema (draft-07, what the YAML language server reads best) of the playbook language,
 * generated from the registered modules' parameter records, so editors validate playbooks as
 * users type: {@code java -jar converge.jar schema > playbook.schema.json}.
 */
public final class PlaybookSchema {
    public static final String ID = "https://converge.dev/schema/playbook.json";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlaybookSchema() {}

    public static String render(ModuleRegistry registry) {
        try {
            return MAPPER.writeValueAsString(of(registry)) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode of(ModuleRegistry registry) {
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$id", ID);
        root.put("title", "converge playbook");
        root.put("description", "A list of plays, or a map with vars:, secrets: and plays:. See docs/playbook.md.");
        ArrayNode oneOf = root.putArray("oneOf");
        oneOf.add(ref("plays"));
        ObjectNode map = oneOf.addObject().put("type", "object");
        ObjectNode mapProps = map.putObject("properties");
        mapProps.set("vars", ref("vars"));
        mapProps.set("secrets", ref("names"));
        mapProps.set("plays", ref("plays"));
        map.put("additionalProperties", false);

        ObjectNode defs = root.putObject("definitions");
        defs.putObject("template")
                .put("type", "string")
                .put("pattern", "\\$\\{")
                .put("description", "a ${...} expression, rendered before binding");
        ObjectNode names = defs.putObject("names");
        names.putArray("anyOf")
                .add(JSON.objectNode().put("type", "string"))
                .add(JSON.objectNode()
                        .put("type", "array")
                        .set("items", JSON.objectNode().put("type", "string")));
        defs.putObject("vars").put("type", "object").put("description", "variables: name to any value");
        ObjectNode playItem = JSON.objectNode();
        ObjectNode importPlaybook = JSON.objectNode().put("type", "object").put("additionalProperties", false);
        importPlaybook.putObject("properties").putObject("import_playbook").put("type", "string");
        ((ObjectNode) importPlaybook.get("properties")).putObject("name").put("type", "string");
        importPlaybook.putArray("required").add("import_playbook");
        playItem.putArray("oneOf").add(ref("play")).add(importPlaybook);
        defs.putObject("plays").put("type", "array").set("items", playItem);
        ObjectNode include = defs.putObject("include")
                .put("type", "object")
                .put("additionalProperties", false)
                .put(
                        "description",
                        "the resources of a file, ids prefixed with id: (default: the file's name), with vars:");
        ObjectNode includeProps = include.putObject("properties");
        includeProps.putObject("include").put("type", "string");
        includeProps.putObject("id").put("type", "string").put("pattern", "^[A-Za-z0-9_.-]+$");
        includeProps.putObject("name").put("type", "string");
        includeProps.set("vars", ref("vars"));
        include.putArray("required").add("include");
        defs.putObject("resources")
                .put("type", "array")
                .set(
                        "items",
                        JSON.objectNode()
                                .set(
                                        "anyOf",
                                        JSON.arrayNode().add(ref("resource")).add(ref("include"))));
        defs.set("play", play());
        ArrayNode modules = JSON.arrayNode();
        for (Module<?> module : registry.all()) {
            ObjectNode params = ParamsSchema.of(module.paramsType());
            params.put("title", module.name() + " parameters");
            defs.set("module." + module.name(), params);
            modules.add(resourceWith(module.name()));
        }
        ObjectNode resource = defs.putObject("resource")
                .put("type", "object")
                .put(
                        "description",
                        "id (or a name: it is derived from), optional after/notify/when/tags/loop, and exactly one module key");
        resource.putArray("anyOf")
                .add(JSON.objectNode().set("required", JSON.arrayNode().add("id")))
                .add(JSON.objectNode().set("required", JSON.arrayNode().add("name")));
        resource.set("oneOf", modules);
        return root;
    }

    private static ObjectNode play() {
        ObjectNode play = JSON.objectNode().put("type", "object");
        ObjectNode props = play.putObject("properties");
        props.putObject("name").put("type", "string");
        props.putObject("hosts").put("type", "string").put("description", "an Ansible host pattern");
        props.set("vars", ref("vars"));
        props.set("secrets", ref("names"));
        props.set("vars_files", ref("names"));
        ObjectNode role = JSON.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode roleProps = role.putObject("properties");
        roleProps.putObject("role").put("type", "string");
        roleProps.putObject("name").put("type", "string");
        roleProps.set("vars", ref("vars"));
        props.putObject("roles")
                .put("type", "array")
                .set(
                        "items",
                        JSON.objectNode()
                                .set(
                                        "anyOf",
                                        JSON.arrayNode()
                                                .add(JSON.objectNode().put("type", "string"))
                                                .add(role)));
        props.set("resources", ref("resources"));
        props.set("handlers", ref("resources"));
        ObjectNode size = JSON.objectNode();
        size.putArray("anyOf")
                .add(JSON.objectNode().put("type", "integer").put("minimum", 0))
                .add(JSON.objectNode().put("type", "string").put("pattern", "^\\s*(100|[0-9]{1,2})%\\s*$"));
        ObjectNode serial = props.putObject("serial")
                .put(
                        "description",
                        "batches of hosts, each converged before the next: a count, a percentage, or a list of them (the last repeating)");
        serial.putArray("anyOf")
                .add(size)
                .add(JSON.objectNode().put("type", "array").put("minItems", 1).set("items", size));
        props.putObject("max_fail_percentage")
                .put("type", "integer")
                .put("minimum", 0)
                .put("maximum", 100)
                .put("description", "stop the run when more than this percentage of a batch's hosts failed");
        props.putObject("any_errors_fatal")
                .put("type", "boolean")
                .put("description", "stop the run after a batch where any host failed");
        props.putObject("become")
                .put("type", "boolean")
                .put("description", "connect with sudo to root (or become_user) on this play's hosts");
        props.putObject("become_user")
                .put("type", "string")
                .put("description", "the user become: runs as (default root)");
        props.putObject("remote_user").put("type", "string").put("description", "the SSH user for this play's hosts");
        play.putArray("required").add("hosts");
        play.put("additionalProperties", false);
        return play;
    }

    /** A resource using {@code module}: the common keys, that module's key, nothing else. */
    private static ObjectNode resourceWith(String module) {
        ObjectNode schema = JSON.objectNode();
        ObjectNode props = schema.putObject("properties");
        props.putObject("id").put("type", "string").put("pattern", "^[A-Za-z0-9_.-]+$");
        props.putObject("name").put("type", "string");
        props.set("after", ref("names"));
        props.set("notify", ref("names"));
        props.set("tags", ref("names"));
        ObjectNode when = props.putObject("when");
        when.putArray("anyOf")
                .add(JSON.objectNode().put("type", "string"))
                .add(JSON.objectNode().put("type", "boolean"))
                .add(JSON.objectNode().put("type", "array"));
        ObjectNode loop = props.putObject("loop");
        loop.putArray("anyOf").add(JSON.objectNode().put("type", "array")).add(ref("template"));
        props.set(module, ref("module." + module));
        schema.putArray("required").add(module);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static ObjectNode ref(String definition) {
        return JSON.objectNode().put("$ref", "#/definitions/" + definition);
    }
}
