package dev.converge.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.bind.LocalSources;
import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance;
import dev.converge.config.RunInputs;
import dev.converge.config.SecretTaint;
import dev.converge.config.Templating;
import dev.converge.diag.InvalidInputException;
import dev.converge.diag.Problem;
import dev.converge.plan.FakeModules;
import dev.converge.secret.vault.AnsibleVault;
import dev.converge.secret.vault.VaultPassword;
import dev.converge.spi.SourceFiles;
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
 * A run's inputs are its own: two runs loaded at once in one JVM, each with its vault password and its
 * vaulted inventory and playbook values, decrypt only with their own password, mask only their own
 * values and record only their own files; a run after a run sees nothing of the first.
 */
class RunInputsIsolationTest {
    @TempDir
    Path dir;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    /** One run's files, written under {@code root}: every secret in them is vaulted with {@code password}. */
    private record Project(Path root, String name, VaultPassword password) {
        Path playbook() {
            return root.resolve("site.yml");
        }

        Path inventory() {
            return root.resolve("hosts.yml");
        }

        String dbPassword() {
            return "pw-" + name + "-7f3e";
        }

        String apiToken() {
            return "token-" + name + "-91c2";
        }

        String blob() {
            return "blob-" + name + "-c0de";
        }

        RunOptions options(RunInputs inputs) {
            RunOptions d = RunOptions.defaults(playbook(), inventory());
            return new RunOptions(
                    d.playbook(),
                    d.inventories(),
                    d.check(),
                    d.selection(),
                    d.forks(),
                    d.connectTimeout(),
                    d.commandTimeout(),
                    d.hostKeyChecking(),
                    inputs);
        }
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    private Project project(String name) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name));
        byte[] secret = ("password of " + name).getBytes(StandardCharsets.UTF_8);
        Project p = new Project(root, name, new VaultPassword("default", root + "/pw", secret));
        Files.writeString(p.inventory(), """
                all:
                  hosts:
                    host-%s: {ansible_connection: local}
                """.formatted(name));
        Files.createDirectories(root.resolve("group_vars"));
        Files.writeString(root.resolve("group_vars/all.yml"), vault("api_token: " + p.apiToken() + "\n", secret));
        Files.writeString(
                root.resolve("secret.yml"),
                "db_password: !vault |\n" + vault(p.dbPassword(), secret).indent(2));
        Files.writeString(root.resolve("note.txt"), "note of " + name + "\n");
        Files.writeString(root.resolve("blob.txt"), vault(p.blob(), secret));
        Files.writeString(p.playbook(), """
                - hosts: all
                  vars_files: [secret.yml]
                  resources:
                    - {id: db, setting: {name: db, value: "${db_password}"}}
                    - {id: api, setting: {name: api, value: "${api_token}"}}
                    - {id: note, setting: {name: note, value: '${file("note.txt")}'}}
                """);
        return p;
    }

    private static String vault(String plain, byte[] password) {
        return AnsibleVault.encrypt(plain.getBytes(StandardCharsets.UTF_8), password, Optional.empty());
    }

    private static CompiledRun compile(RunOptions options) {
        return CompiledRun.compile(options, new ModuleRegistry(FakeModules.all()));
    }

    private static Object param(CompiledRun run, String host, String id) {
        return ((FakeModules.SettingParams) run.graph()
                        .instance(new ResourceInstance.NodeKey(host, id))
                        .params())
                .value();
    }

    /** What one run loaded: checked against its own project and the other one. */
    private record Loaded(Project project, RunInputs inputs, CompiledRun run) {}

    private static void assertOwnInputsOnly(Loaded loaded, Project other) {
        Project p = loaded.project();
        String host = "host-" + p.name();
        assertThat(param(loaded.run(), host, "db")).isEqualTo(p.dbPassword());
        assertThat(param(loaded.run(), host, "api")).isEqualTo(p.apiToken());
        assertThat(param(loaded.run(), host, "note")).isEqualTo("note of " + p.name());
        assertThat(loaded.inputs().vault().revealed()).containsExactlyInAnyOrder(p.dbPassword(), p.apiToken());
        assertThat(loaded.run().secrets().mask(p.dbPassword() + " " + p.apiToken()))
                .doesNotContain(p.dbPassword(), p.apiToken());
        assertThat(loaded.run().secrets().mask(other.dbPassword() + " " + other.apiToken()))
                .as("the other run's values are not this run's secrets")
                .isEqualTo(other.dbPassword() + " " + other.apiToken());
        assertThat(loaded.inputs().files())
                .containsExactly(
                        p.root().resolve("group_vars/all.yml"),
                        p.root().resolve("hosts.yml"),
                        p.root().resolve("note.txt"),
                        p.root().resolve("secret.yml"),
                        p.root().resolve("site.yml"));
    }

    @Test
    void twoRunsLoadedAtOnceEachDecryptMaskAndRecordOnlyTheirOwnInputs() throws Exception {
        Project a = project("a");
        Project b = project("b");
        for (int round = 0; round < 3; round++) {
            CyclicBarrier bothReady = new CyclicBarrier(2);
            List<Future<Loaded>> runs = new ArrayList<>();
            for (Project p : List.of(a, b)) {
                runs.add(threads.submit(() -> {
                    RunInputs inputs = RunInputs.of(List.of(p.password()), name -> null);
                    bothReady.await(30, TimeUnit.SECONDS); // both runs have their inputs before either loads
                    return new Loaded(p, inputs, compile(p.options(inputs)));
                }));
            }
            assertOwnInputsOnly(runs.get(0).get(60, TimeUnit.SECONDS), b);
            assertOwnInputsOnly(runs.get(1).get(60, TimeUnit.SECONDS), a);
        }
    }

    @Test
    void aRunAfterARunSeesNothingOfTheFirst() throws Exception {
        Project a = project("a");
        Project b = project("b");
        RunInputs first = RunInputs.of(List.of(a.password()), name -> null);
        assertOwnInputsOnly(new Loaded(a, first, compile(a.options(first))), b);
        RunInputs second = RunInputs.of(List.of(b.password()), name -> null);
        assertOwnInputsOnly(new Loaded(b, second, compile(b.options(second))), a);
        assertThat(first.files()).as("the first run's record is not added to").hasSize(5);

        RunInputs withoutPassword = RunInputs.none();
        assertThatThrownBy(() -> compile(a.options(withoutPassword)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().stream().map(Problem::render))
                                .as("the first run's password is not left behind for the next")
                                .anySatisfy(r -> assertThat(r)
                                        .contains("group_vars/all.yml", "vault file:", "no vault password was given"))
                                .anySatisfy(r -> assertThat(r)
                                        .contains("secret.yml:1:", "!vault value:", "no vault password was given")));
        assertThat(withoutPassword.vault().revealed()).isEmpty();
    }

    @Test
    void aVaultedLocalSourceOpensOnlyWithItsOwnRunsPasswordAndIsRecordedThere() throws Exception {
        Project a = project("a");
        Project b = project("b");
        RunInputs inputsA = RunInputs.of(List.of(a.password()), name -> null);
        RunInputs inputsB = RunInputs.of(List.of(b.password()), name -> null);
        LocalSources sourcesA = LocalSources.of(a.playbook(), templating(a, inputsA));
        LocalSources sourcesB = LocalSources.of(a.playbook(), templating(a, inputsB));

        SourceFiles.Source source = sourcesA.read("blob.txt", false);
        assertThat(new String(((SourceFiles.File) source).content(), StandardCharsets.UTF_8))
                .isEqualTo(a.blob());
        assertThat(inputsA.files()).containsExactly(a.root().resolve("blob.txt"));
        assertThatThrownBy(() -> sourcesB.read("blob.txt", false))
                .isInstanceOf(SourceFiles.SourceProblem.class)
                .hasMessageContaining("wrong vault password (tried " + b.root() + "/pw)");
        assertThat(inputsB.vault().revealed()).isEmpty();
    }

    private static Templating templating(Project p, RunInputs inputs) {
        return new Templating(List.of(p.root().resolve("templates")), SecretTaint.none(), inputs);
    }
}
