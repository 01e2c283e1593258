package dev.converge.bind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.config.RunInputs;
import dev.converge.config.SecretTaint;
import dev.converge.config.Templating;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.inventory.Inventory;
import dev.converge.inventory.InventorySources;
import dev.converge.model.Var;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Variable precedence against ansible-playbook: in {@code precedence/}, each {@code vNN} is set at
 * every level up to the NNth (inventory all and group vars, group_vars/all and group_vars/web beside
 * the inventory and beside the playbook, host line, host_vars beside each, play vars, extra vars),
 * so its value names the level that wins. Ansible's answer is kept in ORACLE.json and asked again
 * where ansible-core is installed.
 */
class VariablePrecedenceTest {
    private static final Path DIR = Path.of("src/test/resources/precedence");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLevelWinsWhereAnsibleSaysItDoes() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> expected =
                new TreeMap<>(JSON.readValue(DIR.resolve("ORACLE.json").toFile(), Map.class));
        if (Files.isExecutable(Path.of("/usr/bin/ansible-playbook"))
                && !"off".equals(System.getProperty("converge.oracle"))) {
            assertThat(askAnsible())
                    .as("ansible-playbook's answer (ORACLE.json is stale if this differs)")
                    .isEqualTo(expected);
        }
        Problems problems = new Problems();
        Inventory inventory = InventorySources.load(
                List.of(DIR.resolve("inventory/hosts.ini").toString()),
                DIR.resolve("playbooks"),
                RunInputs.none(),
                problems);
        assertThat(problems.list()).isEmpty();
        SourceLocation at = SourceLocation.of(DIR.resolve("playbooks/converge.yml"));
        Map<String, Var> playVars = new LinkedHashMap<>();
        playVars.put("v10", new Var("play-vars", at));
        playVars.put("v11", new Var("play-vars", at));
        Map<String, Object> model = new HostVariables(
                        inventory,
                        new Templating(List.of(), SecretTaint.none(), RunInputs.none()),
                        Map.of("v11", "extra-vars"))
                .model(inventory.host("h1"), Map.of(), playVars, problems);
        Map<String, Object> actual = new TreeMap<>();
        expected.keySet().forEach(k -> actual.put(k, model.get(k)));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void playbookVarsAreDefaultsBelowTheInventory() {
        Problems problems = new Problems();
        Inventory inventory = InventorySources.load(
                List.of(DIR.resolve("inventory/hosts.ini").toString()), RunInputs.none(), problems);
        SourceLocation at = SourceLocation.of(DIR.resolve("playbooks/converge.yml"));
        Map<String, Object> model = new HostVariables(
                        inventory, new Templating(List.of(), SecretTaint.none(), RunInputs.none()), Map.of())
                .model(
                        inventory.host("h1"),
                        Map.of("v01", new Var("playbook-default", at), "only_default", new Var("d", at)),
                        Map.of(),
                        problems);
        assertThat(model.get("v01")).isEqualTo("all-inline");
        assertThat(model.get("only_default")).isEqualTo("d");
        assertThat(model.get("group_names")).isEqualTo(List.of("web"));
    }

    private static Map<String, Object> askAnsible() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        "ansible-playbook", "-i", "../inventory/hosts.ini", "ansible.yml", "-e", "v11=extra-vars")
                .directory(DIR.resolve("playbooks").toFile());
        pb.environment().put("ANSIBLE_STDOUT_CALLBACK", "json");
        pb.environment().put("ANSIBLE_CONFIG", "/nonexistent");
        pb.environment()
                .put("ANSIBLE_LOCAL_TEMP", Files.createTempDirectory("ansible").toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String msg = JSON.readTree(out)
                .path("plays")
                .path(0)
                .path("tasks")
                .path(0)
                .path("hosts")
                .path("h1")
                .path("msg")
                .asText();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = JSON.readValue(msg, Map.class);
        return new TreeMap<>(answer);
    }
}
