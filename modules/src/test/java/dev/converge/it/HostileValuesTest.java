package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile variable values (quotes, $(), backticks, ;, newlines, here-doc and marker look-alikes,
 * very long strings) end up literally in files, file names and command arguments, or are refused
 * ('..' paths); nothing they spell is ever executed (marker files prove it). Local transport; the
 * same over SSH is lab/test-reliability's hostile_values_ssh.
 */
class HostileValuesTest {
    @TempDir
    Path dir;

    private static final String EVIL = String.join(
            "\n",
            "'; touch MARK-q; echo '",
            "\"; touch MARK-dq; echo \"",
            "$(touch MARK-subst) `touch MARK-backtick` ; touch MARK-semi && touch MARK-and | touch MARK-pipe",
            "$HOME %s %n \\ \\n \t tab",
            "CONVERGE_EOF",
            "@@ R 0 0",
            "-rf --",
            "");

    @Test
    void hostileValuesAreWrittenLiterallyAndNeverExecuted() throws Exception {
        String evil = EVIL.replace("MARK", dir.resolve("pwned").toString());
        String name = ("a b;$(touch " + dir.resolve("pwned-name") + ")`x`'q'\"").replace("/", "_");
        String longValue = "L".repeat(300_000);
        Path vars = dir.resolve("vars.yml");
        Files.writeString(
                vars,
                "evil: " + json(evil) + "\nname: " + json(name) + "\nlong: " + json(longValue) + "\nbase: "
                        + json(dir.toString()) + "\n");
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"), "all:\n  hosts:\n    here: {ansible_connection: local}\n");
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), """
                - hosts: all
                  resources:
                    - id: content
                      file: {path: "${base}/content", content: "${evil}"}
                    - id: named
                      file: {path: "${base}/${name}", content: "${name}"}
                    - id: long
                      file: {path: "${base}/long", content: "${long}"}
                    - id: argv
                      command: {cmd: [sh, -c, 'printf %s "$1" > "$2"', sh, "${evil}", "${base}/argv"], creates: "${base}/argv"}
                    - id: line
                      line: {path: "${base}/lines", line: "${name}", create: true}
                """);
        Path report = dir.resolve("report.json");
        int code = Main.run(
                "--no-color",
                "--report-json",
                report.toString(),
                "-i",
                inventory.toString(),
                "-e",
                "@" + vars,
                playbook.toString());
        assertThat(code)
                .as(Files.exists(report) ? Files.readString(report) : "no report")
                .isZero();
        assertThat(Files.readString(dir.resolve("content"))).isEqualTo(evil);
        assertThat(Files.readString(dir.resolve(name))).isEqualTo(name);
        assertThat(Files.size(dir.resolve("long"))).isEqualTo(300_000);
        assertThat(Files.readString(dir.resolve("argv"))).isEqualTo(evil);
        assertThat(Files.readString(dir.resolve("lines"))).isEqualTo(name + "\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("marker files")
                    .noneMatch(n -> n.startsWith("pwned"));
        }
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("user.dir")))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("MARK") || n.contains("pwned"));
        }
        assertThat(Main.run(
                        "--no-color",
                        "--check",
                        "--detailed-exitcode",
                        "-i",
                        inventory.toString(),
                        "-e",
                        "@" + vars,
                        playbook.toString()))
                .as("converged")
                .isZero();
    }

    @Test
    void aValueThatLooksLikeAVariableReferenceIsRefusedNotExpandedFromTheEnvironment() throws Exception {
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"), "all:\n  hosts:\n    here: {ansible_connection: local}\n");
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), """
                - hosts: all
                  resources:
                    - id: c
                      file: {path: "%s/c", content: "${v}"}
                """.formatted(dir));
        // values are templates too (as in Ansible): ${HOME} is a converge variable, never the shell's
        assertThat(Main.run("--no-color", "-i", inventory.toString(), "-e", "v=${HOME}", playbook.toString()))
                .isEqualTo(3);
        assertThat(dir.resolve("c")).doesNotExist();
    }

    @Test
    void dotDotPathsFromVariablesAreRefusedBeforeAnythingRuns() throws Exception {
        Path inventory = Files.writeString(
                dir.resolve("inventory.yml"), "all:\n  hosts:\n    here: {ansible_connection: local}\n");
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), """
                - hosts: all
                  resources:
                    - id: up
                      file: {path: "%s/${up}/x", content: x}
                """.formatted(dir));
        assertThat(Main.run("--no-color", "-i", inventory.toString(), "-e", "up=../..", playbook.toString()))
                .isEqualTo(3);
        assertThat(Main.run("--no-color", "-i", inventory.toString(), "-e", "up=a\nb", playbook.toString()))
                .isEqualTo(3);
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
