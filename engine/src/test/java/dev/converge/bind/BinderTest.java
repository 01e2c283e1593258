package dev.converge.bind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.diag.InvalidInputException;
import dev.converge.graph.ResourceGraph;
import dev.converge.plan.FakeModules;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Binding: variables rendered per host, loops expanded, parameters bound and validated, every problem at its place. */
class BinderTest {
    @TempDir
    Path dir;

    private CompiledRun compile(String playbook) throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  vars: {speed: fast}
                  hosts:
                    a: {ansible_connection: local, speed: slow}
                    b: {ansible_connection: local}
                """);
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, playbook);
        return CompiledRun.compile(RunOptions.defaults(file, inventory), new ModuleRegistry(FakeModules.all()));
    }

    private static Record params(ResourceGraph graph, String host, String id) {
        return graph.instance(new ResourceInstance.NodeKey(host, id)).params();
    }

    @Test
    void eachHostGetsItsOwnVariablesRendered() throws Exception {
        ResourceGraph graph = compile("""
                - hosts: all
                  resources:
                    - {id: s, setting: {name: mode, value: "${speed}"}}
                """).graph();
        assertThat(params(graph, "a", "s")).isEqualTo(new FakeModules.SettingParams("mode", "slow"));
        assertThat(params(graph, "b", "s")).isEqualTo(new FakeModules.SettingParams("mode", "fast"));
    }

    @Test
    void aLoopGivesOneInstancePerItemNamedByIt() throws Exception {
        ResourceGraph graph = compile("""
                - hosts: b
                  resources:
                    - id: s
                      loop: [x, y]
                      setting: {name: "${item}", value: "1"}
                """).graph();
        assertThat(graph.nodesOf("b")).extracting(ResourceInstance.NodeKey::id).containsExactly("s[x]", "s[y]");
        assertThat(params(graph, "b", "s[y]")).isEqualTo(new FakeModules.SettingParams("y", "1"));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPlace() {
        assertThatThrownBy(() -> compile("""
                - hosts: b
                  resources:
                    - {id: one, setting: {name: "${nosuch}", value: "1"}}
                    - {id: two, setting: {name: mode, valeu: "1"}}
                    - {id: three, setting: {name: "", value: "1"}}
                """))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    var problems = ((InvalidInputException) e).problems();
                    assertThat(problems).anySatisfy(p -> {
                        assertThat(p.reason()).contains("undefined variable 'nosuch'");
                        assertThat(p.at().line()).isEqualTo(3);
                    });
                    assertThat(problems).anySatisfy(p -> {
                        assertThat(p.reason()).contains("valeu");
                        assertThat(p.at().line()).isEqualTo(4);
                    });
                    assertThat(problems).anySatisfy(p -> {
                        assertThat(p.reason()).isEqualTo("a setting needs a name (module 'setting', host b)");
                        assertThat(p.at().line()).isEqualTo(5);
                    });
                });
    }
}
