package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ModuleRegistry;
import dev.converge.cli.Main;
import dev.converge.diag.InvalidInputException;
import dev.converge.report.Reporter;
import dev.converge.run.Converge;
import dev.converge.run.RunOptions;
import dev.converge.testing.Golden;
import dev.converge.transport.Transports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The malformed-input corpus (src/test/resources/corpus/, one case per file; docs/reliability.md):
 * YAML, play and resource structure, dependency graphs, variables and templates (hostile ones
 * included), every module's parameters, and inventories. Each case must give exit 3 with
 * {@code file:line:col}, a reason and a hint, no stack trace, and contact no host. The messages
 * are the golden file errors/corpus.txt.
 *
 * <p>A case {@code NAME.yml} is a playbook run with {@code _inventory.yml}; {@code NAME.inventory.yml}
 * or {@code .ini} is an inventory run with {@code _default-playbook.yml}; a first line
 * {@code # extra: VALUE} passes {@code -e VALUE}.
 */
class BadInputCorpusTest {
    static final Path CORPUS = Path.of("src/test/resources/corpus");
    private static final Path PWNED = Path.of("/tmp/converge-corpus-pwned");

    record Case(String name, Path playbook, Path inventory, String extra) {}

    static List<Case> cases() throws Exception {
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith("_")) {
                    continue;
                }
                if (name.contains(".inventory.")) {
                    out.add(new Case(name, CORPUS.resolve("_default-playbook.yml"), f, null));
                } else {
                    String first = Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream()
                            .findFirst()
                            .orElse("");
                    String extra = first.startsWith("# extra: ") ? first.substring("# extra: ".length()) : null;
                    out.add(new Case(name, f, CORPUS.resolve("_inventory.yml"), extra));
                }
            }
        }
        return out;
    }

    @Test
    void everyCaseIsExitThreeWithLocationReasonHintNoStackTraceAndNoHostContacted() throws Exception {
        Files.deleteIfExists(PWNED);
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        AtomicInteger contacted = new AtomicInteger();
        Transports refuseAll = spec -> {
            contacted.incrementAndGet();
            throw new AssertionError("a host was contacted despite invalid input: " + spec.name());
        };
        StringBuilder golden = new StringBuilder();
        List<String> bad = new ArrayList<>();
        for (Case c : cases) {
            if (c.extra() == null) {
                try {
                    new Converge(ModuleRegistry.discover(), refuseAll, Reporter.all(List.of()))
                            .run(RunOptions.defaults(c.playbook(), c.inventory()));
                    bad.add(c.name() + ": accepted");
                } catch (AssertionError e) {
                    bad.add(c.name() + ": " + e.getMessage());
                } catch (InvalidInputException e) {
                    e.problems().forEach(p -> {
                        if (p.at().line() <= 0 || p.hint() == null || p.hint().isBlank()) {
                            bad.add(c.name() + ": problem without line or hint: " + p.render());
                        }
                    });
                } catch (Throwable e) {
                    bad.add(c.name() + ": " + e);
                }
            }
            List<String> args =
                    new ArrayList<>(List.of("--no-color", "-i", c.inventory().toString()));
            if (c.extra() != null) {
                args.addAll(List.of("-e", c.extra()));
            }
            args.add(c.playbook().toString());
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream saved = System.err;
            int code;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                code = Main.run(args.toArray(String[]::new));
            } finally {
                System.setErr(saved);
            }
            String text = err.toString(StandardCharsets.UTF_8)
                    .replace(CORPUS.toAbsolutePath() + "/", "")
                    .replace(CORPUS + "/", "");
            if (code != 3) {
                bad.add(c.name() + ": exit " + code + ": " + text);
            }
            if (text.contains("Exception") || text.contains("\tat ")) {
                bad.add(c.name() + ": stack trace or exception name: " + text);
            }
            if (!text.lines().findFirst().orElse("").matches("^[^:]+:\\d+:\\d+: .*")) {
                bad.add(c.name() + ": first line is not file:line:col: " + text);
            }
            golden.append("## ").append(c.name()).append('\n').append(text).append('\n');
        }
        Golden.assertMatches("errors/corpus.txt", golden.toString());
        assertThat(bad).as("cases that misbehave").isEmpty();
        assertThat(contacted).hasValue(0);
        assertThat(PWNED).as("a template executed a command").doesNotExist();
    }
}
