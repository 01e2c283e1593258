package dev.converge.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.diag.InvalidInputException;
import dev.converge.plan.FakeModules;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph's edges and problems, built from a playbook on two local hosts with fake modules. */
class GraphBuilderTest {
    @TempDir
    Path dir;

    private ResourceGraph build(String playbook) throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(
                inventory, "all:\n  hosts:\n    a: {ansible_connection: local}\n    b: {ansible_connection: local}\n");
        Path file = dir.resolve("playbook.yml");
        Files.writeString(file, playbook);
        return CompiledRun.compile(RunOptions.defaults(file, inventory), new ModuleRegistry(FakeModules.all()))
                .graph();
    }

    private static DependencyEdge.Kind edge(ResourceGraph graph, String from, String to) {
        DependencyEdge e = graph.graph().getEdge(key(from), key(to));
        return e == null ? null : e.kind();
    }

    private static NodeKey key(String hostSlashId) {
        String[] parts = hostSlashId.split("/", 2);
        return new NodeKey(parts[0], parts[1]);
    }

    @Test
    void aPlaysResourcesAreChainedInWrittenOrderOnEachHost() throws Exception {
        ResourceGraph graph = build("""
                - hosts: all
                  resources:
                    - {id: one, setting: {name: x, value: "1"}}
                    - {id: two, setting: {name: y, value: "2"}}
                """);
        assertThat(edge(graph, "a/one", "a/two")).isEqualTo(DependencyEdge.Kind.ORDER);
        assertThat(edge(graph, "b/one", "b/two")).isEqualTo(DependencyEdge.Kind.ORDER);
        assertThat(edge(graph, "a/one", "b/two")).as("no order across hosts").isNull();
        assertThat(graph.order()).containsExactly(key("a/one"), key("b/one"), key("a/two"), key("b/two"));
    }

    @Test
    void afterWaitsForTheResourceOnEveryHostItTargets() throws Exception {
        ResourceGraph graph = build("""
                - hosts: all
                  resources:
                    - {id: base, setting: {name: x, value: "1"}}
                - hosts: b
                  resources:
                    - {id: top, after: [base], setting: {name: y, value: "2"}}
                """);
        assertThat(edge(graph, "a/base", "b/top")).isEqualTo(DependencyEdge.Kind.AFTER);
        assertThat(edge(graph, "b/base", "b/top")).isEqualTo(DependencyEdge.Kind.AFTER);
        assertThat(graph.lane(key("b/top"))).isEqualTo("b");
    }

    @Test
    void aHandlerFollowsAllOfItsPlayAndIsTriggeredByItsNotifiersOnly() throws Exception {
        ResourceGraph graph = build("""
                - hosts: a
                  resources:
                    - {id: conf, notify: restart, setting: {name: x, value: "1"}}
                    - {id: other, setting: {name: y, value: "2"}}
                  handlers:
                    - {id: restart, setting: {name: z, value: "3"}}
                """);
        assertThat(edge(graph, "a/conf", "a/restart")).isEqualTo(DependencyEdge.Kind.NOTIFY);
        assertThat(edge(graph, "a/other", "a/restart")).isEqualTo(DependencyEdge.Kind.HANDLER);
        assertThat(graph.triggers(key("a/restart"))).containsExactly(key("a/conf"));
        assertThat(graph.triggers(key("a/other"))).isEmpty();
    }

    @Test
    void resourcesEditingOnePathAreOrderedAcrossPlays() throws Exception {
        ResourceGraph graph = build("""
                - hosts: a
                  resources:
                    - {id: first, append: {path: /etc/conf, line: x}}
                - hosts: a
                  resources:
                    - {id: second, append: {path: /etc/conf, line: y}}
                """);
        assertThat(edge(graph, "a/first", "a/second")).isEqualTo(DependencyEdge.Kind.SAME_FILE);
    }

    @Test
    void aCycleIsReportedWithTheResourcesAndTheirLines() {
        assertThatThrownBy(() -> build("""
                - hosts: a
                  resources:
                    - {id: one, after: [two], setting: {name: x, value: "1"}}
                - hosts: a
                  resources:
                    - {id: two, after: [one], setting: {name: y, value: "2"}}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dependency cycle between: one (line 3), two (line 6)");
    }

    @Test
    void anAfterThatNamesNoResourceIsReportedWithASuggestion() {
        assertThatThrownBy(() -> build("""
                - hosts: a
                  resources:
                    - {id: base, setting: {name: x, value: "1"}}
                    - {id: top, after: [bsae], setting: {name: y, value: "2"}}
                """))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("after: 'bsae' names no resource")
                .hasMessageContaining("base");
    }
}
