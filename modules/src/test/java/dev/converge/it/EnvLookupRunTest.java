package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templates' {@code env()} and {@code lookup('env', ...)} through the CLI: the run's inputs carry the
 * controller's environment (the CLI's), so a playbook sees the variables of the shell that ran it.
 */
class EnvLookupRunTest {
    @TempDir
    Path dir;

    @Test
    void aPlaybookReadsTheControllersEnvironment() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    h1: {ansible_connection: local}
                """);
        Path target = dir.resolve("path.txt");
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  resources:
                    - id: path
                      file: {path: %s, content: "${env('PATH')}|${lookup('env', 'PATH')}\\n"}
                """.formatted(target));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = Main.run(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                new String[] {"-i", inventory.toString(), "--no-color", playbook.toString()});

        assertThat(exit).as(stdout + "\n" + stderr).isZero();
        String path = System.getenv("PATH");
        assertThat(target).hasContent(path + "|" + path);
    }
}
