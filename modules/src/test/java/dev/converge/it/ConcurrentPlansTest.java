package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.converge.cli.Main;
import dev.converge.secret.vault.AnsibleVault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code converge plan} runs at once in one JVM (the local transport), each with its own vault
 * password and vaulted group_vars: each plan lists only its own input files ({@code -e @FILE} among
 * them) and neither output nor plan shows its secret.
 */
class ConcurrentPlansTest {
    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    private record Project(Path root, String canary) {
        Path plan() {
            return root.resolve("site.plan");
        }

        List<String> args() {
            return List.of(
                    "plan",
                    "--no-color",
                    "-i",
                    root.resolve("hosts.yml").toString(),
                    "--vault-password-file",
                    root.resolve("pw.txt").toString(),
                    "-e",
                    "@" + root.resolve("extra.yml"),
                    "-o",
                    plan().toString(),
                    root.resolve("site.yml").toString());
        }
    }

    private Project project(String name) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        String password = "vault password of " + name;
        Project p = new Project(root, "C4NARY-" + name + "-5be1");
        Files.writeString(root.resolve("pw.txt"), password + "\n");
        Files.writeString(root.resolve("hosts.yml"), """
                all:
                  vars:
                    base: %s
                  hosts:
                    web-%s: {ansible_connection: local}
                """.formatted(root, name));
        Files.createDirectories(root.resolve("group_vars"));
        Files.writeString(
                root.resolve("group_vars/all.yml"),
                AnsibleVault.encrypt(
                        ("db_password: " + p.canary() + "\n").getBytes(StandardCharsets.UTF_8),
                        password.getBytes(StandardCharsets.UTF_8),
                        Optional.empty()));
        Files.writeString(root.resolve("extra.yml"), "greeting: hello from " + name + "\n");
        Files.createDirectories(root.resolve("templates"));
        Files.writeString(root.resolve("templates/app.conf.ftl"), "greeting=${greeting}\npassword=${db_password}\n");
        Files.writeString(root.resolve("site.yml"), """
                - hosts: all
                  resources:
                    - id: conf
                      file: {path: "${base}/app.conf", template: app.conf.ftl}
                """);
        return p;
    }

    private record Result(int exit, String output) {}

    private static Result converge(List<String> args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = Main.run(print, print, args.toArray(String[]::new));
        return new Result(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void twoPlansAtOnceEachListOnlyTheirOwnInputsAndMaskTheirOwnSecrets() throws Exception {
        List<Project> projects = List.of(project("a"), project("b"));
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Result>> runs = new ArrayList<>();
        for (Project p : projects) {
            runs.add(threads.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return converge(p.args());
            }));
        }
        for (int i = 0; i < 2; i++) {
            Project own = projects.get(i);
            Result result = runs.get(i).get(120, TimeUnit.SECONDS);
            assertThat(result.exit()).as(result.output()).isZero();
            assertThat(result.output()).contains("Saved the plan to").doesNotContain(own.canary());
            String text = Files.readString(own.plan());
            assertThat(text).doesNotContain(own.canary());
            List<String> inputs = new ArrayList<>();
            new ObjectMapper()
                    .readTree(text)
                    .get("inputs")
                    .get("files")
                    .forEach(f -> inputs.add(f.get("path").asText()));
            Path root = own.root();
            assertThat(inputs)
                    .as("this run's files, -e @extra.yml included, and none of the other run's")
                    .containsExactly(
                            root.resolve("extra.yml").toString(),
                            root.resolve("group_vars/all.yml").toString(),
                            root.resolve("hosts.yml").toString(),
                            root.resolve("site.yml").toString(),
                            root.resolve("templates/app.conf.ftl").toString());
            JsonNode diff = new ObjectMapper()
                    .readTree(text)
                    .get("report")
                    .get("hosts")
                    .get(0)
                    .get("resources")
                    .get(0)
                    .get("diff");
            assertThat(diff.asText())
                    .contains("+greeting=hello from " + root.getFileName())
                    .doesNotContain(own.canary());
        }
    }
}
