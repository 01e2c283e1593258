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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docs' snippets marked {@code <!-- checked by DocsSnippetsTest: playbook -->} compile (load,
 * decrypt, bind, graph) with the CLI, without contacting a host; a {@code vault playbook} snippet
 * with the password the marker quotes, and not without it.
 */
class DocsSnippetsTest {
    static final Path DOCS = Path.of("..", "docs");
    private static final Pattern MARKED = Pattern.compile(
            "<!-- checked by DocsSnippetsTest: ([a-z ]+?)(?:, password \"([^\"]+)\")? -->\\n```yaml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    record Snippet(String doc, String kind, String password, String yaml) {}

    static List<Snippet> snippets() throws Exception {
        List<Snippet> out = new ArrayList<>();
        try (Stream<Path> docs = Files.list(DOCS)) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = MARKED.matcher(Files.readString(doc));
                while (m.find()) {
                    out.add(new Snippet(doc.getFileName().toString(), m.group(1), m.group(2), m.group(3)));
                }
            }
        }
        return out;
    }

    private void compile(Snippet s, String... flags) throws Exception {
        Path playbook = Files.writeString(dir.resolve("snippet.yml"), s.yaml());
        Files.writeString(dir.resolve("nova-db.pass"), "from-the-file\n");
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), "all:\n  children:\n    compute:\n      hosts:\n"
                + "        compute1: {ansible_connection: local}\n");
        List<String> args = new ArrayList<>(List.of("-i", inventory.toString(), "--graph", dir.resolve("g.dot").toString()));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertThat(exit).as(s.doc() + " " + s.kind() + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void everyMarkedSnippetCompiles() throws Exception {
        List<Snippet> snippets = snippets();
        assertThat(snippets).extracting(Snippet::kind).contains("playbook", "vault playbook");
        for (Snippet s : snippets) {
            if (s.kind().equals("vault playbook")) {
                Path pw = Files.writeString(dir.resolve("pw"), s.password() + "\n");
                compile(s, "--vault-password-file", pw.toString());
                Path wrong = Files.writeString(dir.resolve("wrong"), "not " + s.password() + "\n");
                Path playbook = Files.writeString(dir.resolve("snippet.yml"), s.yaml());
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = Main.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), "--graph", dir.resolve("g.dot").toString(),
                        "--vault-password-file", wrong.toString(), playbook.toString());
                assertThat(exit).isEqualTo(3);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("!vault value: cannot decrypt: wrong vault password");
            } else {
                assertThat(s.kind()).isEqualTo("playbook");
                compile(s);
            }
        }
    }
}
