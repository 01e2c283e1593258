package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML snippets of docs/modules.md marked {@code <!-- checked: resources -->} are valid: each,
 * as the resources of a play on three hosts, compiles (bound, validated, graphed; no host contacted).
 */
class DocSnippetsTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String MARK = "<!-- checked: resources -->";

    @TempDir
    Path dir;

    record Snippet(String file, int line, String yaml) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    static List<Snippet> snippets() throws Exception {
        List<Snippet> out = new ArrayList<>();
        for (String doc : List.of("docs/modules.md")) {
            List<String> lines = Files.readAllLines(REPO.resolve(doc));
            for (int i = 0; i + 1 < lines.size(); i++) {
                if (lines.get(i).strip().equals(MARK) && lines.get(i + 1).startsWith("```yaml")) {
                    StringBuilder yaml = new StringBuilder();
                    int j = i + 2;
                    for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
                        yaml.append(lines.get(j)).append('\n');
                    }
                    out.add(new Snippet(doc, i + 3, yaml.toString()));
                }
            }
        }
        assertThat(out).as("marked snippets").isNotEmpty();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void compiles(Snippet snippet) throws Exception {
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, """
                all:
                  hosts:
                    HostA: {ansible_connection: local}
                    HostB: {ansible_connection: local}
                    HostC: {ansible_connection: local}
                """);
        StringBuilder playbook = new StringBuilder("- hosts: all\n  resources:\n");
        snippet.yaml().lines().forEach(l -> playbook.append("    ").append(l).append('\n'));
        Path file = dir.resolve("snippet.yml");
        Files.writeString(file, playbook.toString());
        Files.createDirectories(dir.resolve("files"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        int code = Main.run(print, print, "-i", inventory.toString(), "--graph", dir.resolve("g.dot").toString(), file.toString());
        assertThat(code).as("%s compiles:%n%s", snippet, output.toString(StandardCharsets.UTF_8)).isZero();
    }
}
