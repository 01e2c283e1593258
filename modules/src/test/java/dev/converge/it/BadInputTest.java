package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.bind.ModuleRegistry;
import dev.converge.cli.Main;
import dev.converge.diag.InvalidInputException;
import dev.converge.report.Reporter;
import dev.converge.run.Converge;
import dev.converge.run.RunOptions;
import dev.converge.testing.Golden;
import dev.converge.transport.Transports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gives exit 3 with file:line:col, a reason and a hint, all problems at
 * once, and no host contacted. The rendered messages are a golden file.
 */
class BadInputTest {
    private static final String INVENTORY = """
            all:
              children:
                web:
                  hosts:
                    web1: {ansible_connection: local}
            """;

    @TempDir
    Path dir;

    private final AtomicInteger connections = new AtomicInteger();
    private final Transports refuseAll = spec -> {
        connections.incrementAndGet();
        throw new AssertionError("a host was contacted despite invalid input: " + spec.name());
    };

    static Map<String, String> cases() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("malformed-yaml", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x
                """);
        cases.put("unknown-module", """
                - hosts: all
                  resources:
                    - id: a
                      fiel: {path: /tmp/x}
                """);
        cases.put("unknown-parameter", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x, contnet: hello}
                """);
        cases.put("mistyped-parameter", """
                - hosts: all
                  resources:
                    - id: a
                      command: {cmd: [true], creates: {a: b}}
                """);
        cases.put("missing-required-parameter", """
                - hosts: all
                  resources:
                    - id: a
                      command: {creates: /tmp/x}
                """);
        cases.put("undefined-variable", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: "/tmp/${missing_dir}/x", content: hi}
                """);
        cases.put("template-syntax-error", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x, content: "${broken"}
                """);
        cases.put("duplicate-id", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x}
                    - id: a
                      file: {path: /tmp/y}
                """);
        cases.put("after-names-nothing", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x}
                      after: [b]
                """);
        cases.put("notify-names-nothing", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: /tmp/x}
                      notify: restart
                """);
        cases.put("dependency-cycle", """
                - hosts: all
                  resources:
                    - id: first
                      file: {path: /tmp/x}
                      after: [third]
                    - id: second
                      file: {path: /tmp/y}
                    - id: third
                      file: {path: /tmp/z}
                """);
        cases.put("unknown-host-reference", """
                - hosts: all
                  resources:
                    - id: migrate
                      live_migration: {instance: vm1, to: HostZ}
                """);
        cases.put("several-problems-at-once", """
                - hosts: all
                  resources:
                    - id: a
                      file: {path: relative, mode: "rwx"}
                    - id: b
                      command: {cmd: ["echo hello"]}
                    - id: c
                      nosuchmodule: {}
                """);
        cases.put("variables-refer-to-each-other", """
                - hosts: all
                  vars:
                    a: "${b}"
                    b: "${a}"
                  resources:
                    - id: f
                      file: {path: "/tmp/${a}", content: x}
                """);
        cases.put("not-a-list", """
                hosts: all
                resources: []
                """);
        return cases;
    }

    @Test
    void everyBadInputIsReportedWithLocationReasonAndHintAndNothingIsTouched() throws Exception {
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, INVENTORY);
        StringBuilder golden = new StringBuilder();
        for (Map.Entry<String, String> c : cases().entrySet()) {
            Path playbook = dir.resolve(c.getKey() + ".yml");
            Files.writeString(playbook, c.getValue());
            InvalidInputException e = catchThrowableOfType(
                    InvalidInputException.class,
                    () -> new Converge(ModuleRegistry.discover(), refuseAll, Reporter.all(List.of()))
                            .run(RunOptions.defaults(playbook, inventory)));
            assertThat(e).as("case %s must be invalid input", c.getKey()).isNotNull();
            assertThat(e.problems()).isNotEmpty();
            e.problems().forEach(p -> {
                assertThat(p.at().line()).isPositive();
                assertThat(p.hint()).as("hint of %s", p.reason()).isNotBlank();
            });
            golden.append("## ")
                    .append(c.getKey())
                    .append('\n')
                    .append(e.getMessage().replace(dir.toString() + "/", ""))
                    .append("\n\n");
        }
        assertThat(connections).hasValue(0);
        Golden.assertMatches("errors/bad-input.txt", golden.toString());
    }

    @Test
    void cycleNamesEveryResourceOnIt() throws Exception {
        Path playbook = dir.resolve("cycle.yml");
        Files.writeString(playbook, cases().get("dependency-cycle"));
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, INVENTORY);
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class,
                () -> new Converge(ModuleRegistry.discover(), refuseAll, Reporter.all(List.of()))
                        .run(RunOptions.defaults(playbook, inventory)));
        assertThat(e.getMessage()).contains("first (line 3)", "second (line 6)", "third (line 8)");
    }

    @Test
    void severalProblemsAreReportedTogether() throws Exception {
        Path playbook = dir.resolve("many.yml");
        Files.writeString(playbook, cases().get("several-problems-at-once"));
        Path inventory = dir.resolve("inventory.yml");
        Files.writeString(inventory, INVENTORY);
        InvalidInputException e = catchThrowableOfType(
                InvalidInputException.class,
                () -> new Converge(ModuleRegistry.discover(), refuseAll, Reporter.all(List.of()))
                        .run(RunOptions.defaults(playbook, inventory)));
        assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void cliExitsThreeForBadInputAndForAMissingPlaybook() throws Exception {
        Path playbook = dir.resolve("bad.yml");
        Files.writeString(playbook, cases().get("unknown-module"));
        assertThat(Main.run(playbook.toString())).isEqualTo(3);
        assertThat(Main.run(dir.resolve("nope.yml").toString())).isEqualTo(3);
        assertThat(Main.run("--no-such-flag", playbook.toString())).isEqualTo(3);
        assertThat(Main.run("-i", dir.resolve("missing-inventory.yml").toString(), playbook.toString()))
                .isEqualTo(3);
    }
}
