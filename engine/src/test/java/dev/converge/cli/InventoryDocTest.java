package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/inventory.md's example: its --graph and --host outputs are what converge (and ansible-inventory) print. */
class InventoryDocTest {
    private static final Path DOC = Path.of("..", "docs", "inventory.md");

    @TempDir
    Path dir;

    @Test
    void theDocumentedOutputsAreTheActualOnes() throws Exception {
        String doc = Files.readString(DOC);
        String inventory = block(doc, "ini");
        String graph = block(doc, "text");
        String host = block(doc, "json");
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, inventory);
        assertThat(InventoryCommandTest.run("inventory", "-i", hosts.toString(), "--graph")
                        .out())
                .isEqualTo(graph);
        assertThat(InventoryCommandTest.run("inventory", "-i", hosts.toString(), "--host", "host2")
                        .out())
                .isEqualTo(host);
        if (Files.isExecutable(Path.of("/usr/bin/ansible-inventory"))) {
            assertThat(ansible(hosts, "--graph")).isEqualTo(graph);
            assertThat(ansible(hosts, "--host", "host2").strip()).isEqualTo(host.strip());
        }
    }

    private static String block(String doc, String language) {
        Matcher m =
                Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(m.find()).as("a ```" + language + " block in " + DOC).isTrue();
        return m.group(1);
    }

    private static String ansible(Path hosts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ansible-inventory", "-i", hosts.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("ANSIBLE_CONFIG", "/nonexistent");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
