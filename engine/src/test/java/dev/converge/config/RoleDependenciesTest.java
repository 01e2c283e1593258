package dev.converge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance;
import dev.converge.diag.InvalidInputException;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.FakeModules;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A role's meta/main.yml dependencies (run before it, deduplicated as Ansible does) and its folder (role_path, files/). */
class RoleDependenciesTest {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        return Files.writeString(path, text);
    }

    private CompiledRun compile(String playbook) throws Exception {
        Path inventory = file("hosts.yml", "all:\n  hosts:\n    a: {ansible_connection: local}\n");
        return CompiledRun.compile(
                RunOptions.defaults(file("site.yml", playbook), inventory), new ModuleRegistry(FakeModules.all()));
    }

    private void role(String name, String meta) throws Exception {
        file(
                "roles/" + name + "/resources/main.yml",
                "- {id: s, setting: {name: \"" + name + "\", value: \"${flavour!'plain'}\"}}\n");
        if (meta != null) {
            file("roles/" + name + "/meta/main.yml", meta);
        }
    }

    private static List<String> ids(ResourceGraph graph) {
        return graph.nodesOf("a").stream().map(ResourceInstance.NodeKey::id).toList();
    }

    private static Record params(ResourceGraph graph, String id) {
        return graph.instance(new ResourceInstance.NodeKey("a", id)).params();
    }

    @Test
    void dependenciesRunBeforeTheRoleWithTheirParametersEachOncePerPlay() throws Exception {
        role("base", null);
        role("tls", "dependencies:\n  - base\n  - role: certs\n    vars: {flavour: strict}\n");
        role("certs", "dependencies: [base]\n");
        role("web", "dependencies: [tls, base]\n");
        ResourceGraph graph = compile("- hosts: all\n  roles: [web, base]\n").graph();
        assertThat(ids(graph))
                .as("base once, though four roles name it; certs with its parameters; each before its dependent")
                .containsExactly("base.s", "certs.s", "tls.s", "web.s");
        assertThat(params(graph, "certs.s")).isEqualTo(new FakeModules.SettingParams("certs", "strict"));
    }

    @Test
    void aRoleRunsAgainWithOtherParametersOrWhenItAllowsDuplicates() throws Exception {
        role("base", null);
        role("again", "allow_duplicates: true\n");
        ResourceGraph graph = compile("""
                - hosts: all
                  roles:
                    - base
                    - role: base
                      vars: {flavour: other}
                    - base
                    - again
                    - again
                """).graph();
        assertThat(ids(graph)).containsExactly("base.s", "base-2.s", "again.s", "again-2.s");
        assertThat(params(graph, "base-2.s")).isEqualTo(new FakeModules.SettingParams("base", "other"));
    }

    @Test
    void aDependencyCycleIsInvalidInputAtItsPlace() throws Exception {
        role("x", "dependencies: [y]\n");
        role("y", "dependencies:\n  - x\n");
        InvalidInputException e =
                catchThrowableOfType(InvalidInputException.class, () -> compile("- hosts: all\n  roles: [x]\n"));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.at().file().getFileName().toString()).isEqualTo("main.yml");
            assertThat(p.at().line()).isEqualTo(2);
            assertThat(p.reason()).isEqualTo("role 'x' depends on itself (x -> y -> x)");
        });
    }

    @Test
    void aRolesResourcesKnowItsFolderAsRolePathAndSourceDir() throws Exception {
        file(
                "roles/app/resources/main.yml",
                "- {id: s, setting: {name: src, value: \"${role_path}/files/app.conf\"}}\n");
        file("roles/app/files/app.conf", "x\n");
        ResourceGraph graph = compile(
                        "- hosts: all\n  roles: [app]\n  resources:\n    - {id: own, setting: {name: n, value: v}}\n")
                .graph();
        Path roleDir = dir.resolve("roles/app").toAbsolutePath().normalize();
        assertThat(params(graph, "app.s")).isEqualTo(new FakeModules.SettingParams("src", roleDir + "/files/app.conf"));
        assertThat(graph.instance(new ResourceInstance.NodeKey("a", "app.s"))
                        .spec()
                        .sourceDir())
                .isEqualTo(roleDir);
        assertThat(graph.instance(new ResourceInstance.NodeKey("a", "own"))
                        .spec()
                        .sourceDir())
                .isEqualTo(dir.toAbsolutePath());
    }
}
