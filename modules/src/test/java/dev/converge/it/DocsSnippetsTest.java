package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```yaml snippet of README.md and docs/*.md is checked, or explicitly marked as not checked
 * with the reason ({@code <!-- not checked by DocsSnippetsTest: why -->}). The kinds:
 * {@code playbook} compiles (load, decrypt, bind, graph) with the CLI, without contacting a host;
 * {@code vault playbook} with the password the marker quotes, and not without it; {@code play} is
 * the body of a play (resources:, handlers:) and {@code resources} a list of resources, both
 * compiled in a play for the group {@code compute} (ids named in {@code after:} that the snippet
 * does not define are added as no-op resources); {@code inventory} is read as
 * {@code converge inventory --list} reads it. Options: {@code file "PATH"} (an empty file of that path
 * under {@code files/}, for {@code copy}'s {@code src}), {@code template "NAME"} (an empty template
 * of that name exists), {@code -e "k=v"}.
 */
class DocsSnippetsTest {
    static final Path DOCS = Path.of("..", "docs");
    private static final Pattern MARKED = Pattern.compile(
            "<!-- checked by DocsSnippetsTest: ([a-z ]+?)(?:, password \"([^\"]+)\")?((?:, [-a-z]+ \"[^\"]+\")*) -->\\n```yaml\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile(", ([-a-z]+) \"([^\"]+)\"");
    private static final Pattern UNCHECKED =
            Pattern.compile("<!-- not checked by DocsSnippetsTest: [^>]+ -->\\n```yaml\\n");
    private static final Pattern ANY = Pattern.compile("(?m)^```yaml\\n");

    @TempDir
    Path dir;

    record Snippet(String doc, String kind, String password, List<String> options, String yaml) {}

    private static List<Path> docs() throws Exception {
        try (Stream<Path> docs = Files.list(DOCS)) {
            List<Path> out = new ArrayList<>(
                    docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
            out.add(DOCS.resolve("..").resolve("README.md"));
            return out;
        }
    }

    static List<Snippet> snippets() throws Exception {
        List<Snippet> out = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher m = MARKED.matcher(Files.readString(doc));
            while (m.find()) {
                List<String> options = new ArrayList<>();
                Matcher o = OPTION.matcher(m.group(3));
                while (o.find()) {
                    options.add(o.group(1));
                    options.add(o.group(2));
                }
                out.add(new Snippet(doc.getFileName().toString(), m.group(1), m.group(2), options, m.group(4)));
            }
        }
        return out;
    }

    @Test
    void everyYamlSnippetIsCheckedOrSaysWhyNot() throws Exception {
        List<String> unmarked = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            long all = ANY.matcher(text).results().count();
            long checked = MARKED.matcher(text).results().count();
            long unchecked = UNCHECKED.matcher(text).results().count();
            if (all != checked + unchecked) {
                unmarked.add(doc.getFileName() + ": " + (all - checked - unchecked) + " of " + all
                        + " ```yaml blocks have no marker");
            }
        }
        assertThat(unmarked).isEmpty();
    }

    /** The snippet as a playbook: a play for {@code compute} around a {@code play} or {@code resources} snippet. */
    private static String playbook(Snippet s) {
        if (s.kind().equals("resources")) {
            return play("resources:\n" + s.yaml().indent(2), s.yaml());
        }
        if (s.kind().equals("play")) {
            return play(s.yaml(), s.yaml());
        }
        return s.yaml();
    }

    private static String play(String body, String yaml) {
        Set<String> defined = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        Matcher id = Pattern.compile("(?m)^\\s*-?\\s*id: ([A-Za-z0-9_.-]+)").matcher(yaml);
        while (id.find()) {
            defined.add(id.group(1));
        }
        Matcher after = Pattern.compile("after: \\[([^\\]]*)\\]").matcher(yaml);
        while (after.find()) {
            for (String ref : after.group(1).split(",")) {
                named.add(ref.strip());
            }
        }
        named.removeAll(defined);
        StringBuilder out = new StringBuilder("- hosts: compute\n").append(body.indent(2));
        if (!named.isEmpty()) {
            out.append("- hosts: compute\n  resources:\n");
            named.forEach(n -> out.append("    - {id: ").append(n).append(", command: {cmd: [\"true\"]}}\n"));
        }
        return out.toString();
    }

    private void compile(Snippet s, String... flags) throws Exception {
        Path playbook = Files.writeString(dir.resolve("snippet.yml"), playbook(s));
        Files.createDirectories(dir.resolve("templates"));
        List<String> options = new ArrayList<>(List.of(flags));
        for (int i = 0; i < s.options().size(); i += 2) {
            String value = s.options().get(i + 1);
            switch (s.options().get(i)) {
                case "template" -> Files.writeString(dir.resolve("templates").resolve(value), "");
                case "file" ->
                    Files.writeString(
                            Files.createDirectories(
                                            dir.resolve("files").resolve(value).getParent())
                                    .resolve(Path.of(value).getFileName().toString()),
                            "");
                case "-e" -> options.addAll(List.of("-e", value));
                default ->
                    throw new AssertionError(
                            s.doc() + ": unknown snippet option " + s.options().get(i));
            }
        }
        flags = options.toArray(String[]::new);
        Files.writeString(dir.resolve("nova-db.pass"), "from-the-file\n");
        Path inventory = Files.writeString(
                dir.resolve("hosts.yml"),
                "all:\n  children:\n    compute:\n      hosts:\n" + "        compute1: {ansible_connection: local}\n");
        List<String> args = new ArrayList<>(List.of(
                "-i", inventory.toString(), "--graph", dir.resolve("g.dot").toString()));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        assertThat(exit)
                .as(s.doc() + " " + s.kind() + ": " + err.toString(StandardCharsets.UTF_8))
                .isZero();
    }

    @Test
    void everyMarkedSnippetCompiles() throws Exception {
        List<Snippet> snippets = snippets();
        assertThat(snippets)
                .extracting(Snippet::kind)
                .contains("playbook", "vault playbook", "play", "resources", "inventory");
        for (Snippet s : snippets) {
            if (s.kind().equals("vault playbook")) {
                Path pw = Files.writeString(dir.resolve("pw"), s.password() + "\n");
                compile(s, "--vault-password-file", pw.toString());
                Path wrong = Files.writeString(dir.resolve("wrong"), "not " + s.password() + "\n");
                Path playbook = Files.writeString(dir.resolve("snippet.yml"), s.yaml());
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = Main.run(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "--graph",
                        dir.resolve("g.dot").toString(),
                        "--vault-password-file",
                        wrong.toString(),
                        playbook.toString());
                assertThat(exit).isEqualTo(3);
                assertThat(err.toString(StandardCharsets.UTF_8))
                        .contains("!vault value: cannot decrypt: wrong vault password");
            } else if (s.kind().equals("inventory")) {
                Path inventory = Files.writeString(dir.resolve("snippet-inventory.yml"), s.yaml());
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int exit = Main.run(
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        "inventory",
                        "-i",
                        inventory.toString(),
                        "--list");
                assertThat(exit)
                        .as(s.doc() + " inventory: " + err.toString(StandardCharsets.UTF_8))
                        .isZero();
            } else {
                assertThat(s.kind()).isIn("playbook", "play", "resources");
                compile(s);
            }
        }
    }
}
