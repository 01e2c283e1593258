package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.bind.ModuleRegistry;
import dev.converge.cli.Main;
import dev.converge.diag.InvalidInputException;
import dev.converge.graph.ResourceGraph;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook organised as Ansible users organise one (an imported playbook, two roles with
 * defaults, vars, handlers and templates, vars_files, an include with variables) is the same
 * graph, the same parameters and the same result on the hosts as its single-file form.
 */
class PlaybookTreeTest {
    @TempDir
    Path dir;

    Path inventory;

    @BeforeEach
    void write() throws Exception {
        inventory = file("hosts.yml", """
                all:
                  vars: {base: /srv/converge-tree}
                  children:
                    web:
                      hosts:
                        web1: {ansible_connection: local}
                        web2: {ansible_connection: local}
                """);
        file("tree/site.yml", """
                vars:
                  motd_text: welcome                  # above the role's default
                plays:
                  - import_playbook: base.yml
                  - name: app
                    hosts: web
                    vars_files: [vars/app.yml]
                    vars: {app_name: overridden-by-vars-files}
                    roles:
                      - common
                      - role: app
                        vars: {app_port: 8080}
                    resources:
                      - include: extra.yml
                        vars: {extra_name: one}
                      - include: extra.yml
                        id: again
                        vars: {extra_name: two}
                      - id: done
                        after: [app.config, common.motd, again.marker]
                        file: {path: "${base}/${inventory_hostname}.d/done", content: "done\\n"}
                """);
        file("tree/base.yml", """
                - name: base
                  hosts: web
                  resources:
                    - id: base-dir
                      file: {path: "${base}/${inventory_hostname}.d", state: directory}
                """);
        file("tree/vars/app.yml", "app_name: shop\napp_mode: \"0640\"\n");
        file("tree/extra.yml", """
                - id: marker
                  after: [base-dir]
                  file: {path: "${base}/${inventory_hostname}.d/${extra_name}", content: "x\\n"}
                """);
        file("tree/roles/common/defaults/main.yml", "motd_text: default-motd\ncommon_level: 1\n");
        file("tree/roles/common/resources/main.yml", """
                - id: motd
                  after: [base-dir]
                  file: {path: "${base}/${inventory_hostname}.d/motd", content: "${motd_text} level ${common_level}\\n"}
                  notify: touched
                """);
        file("tree/roles/common/handlers/main.yml", """
                - name: touched
                  command: {cmd: [touch, "${base}/${inventory_hostname}.d/touched"]}
                """);
        file("tree/roles/app/defaults/main.yml", "app_port: 80\napp_name: default\n");
        file("tree/roles/app/vars/main.yml", "app_mode: \"0600\"\n");
        file("tree/roles/app/templates/app.conf.ftl", "name=${app_name} port=${app_port}\n");
        file("tree/roles/app/resources/main.yml", """
                - id: config
                  after: [base-dir]
                  file: {path: "${base}/${inventory_hostname}.d/app.conf", template: app.conf.ftl, mode: "${app_mode}"}
                  notify: reload
                """);
        file("tree/roles/app/handlers/main.yml", """
                - id: reload
                  command: {cmd: [touch, "${base}/${inventory_hostname}.d/reloaded"]}
                """);
        file("flat/templates/app.conf.ftl", "name=${app_name} port=${app_port}\n");
        file("flat/site.yml", """
                plays:
                  - name: base
                    hosts: web
                    resources:
                      - id: base-dir
                        file: {path: "${base}/${inventory_hostname}.d", state: directory}
                  - name: app
                    hosts: web
                    vars: {app_name: shop, app_port: 8080}
                    resources:
                      - id: common.motd
                        after: [base-dir]
                        file: {path: "${base}/${inventory_hostname}.d/motd", content: "welcome level 1\\n"}
                        notify: common.touched
                      - id: app.config
                        after: [base-dir]
                        file: {path: "${base}/${inventory_hostname}.d/app.conf", template: app.conf.ftl, mode: "0600"}
                        notify: app.reload
                      - id: extra.marker
                        after: [base-dir]
                        file: {path: "${base}/${inventory_hostname}.d/one", content: "x\\n"}
                      - id: again.marker
                        after: [base-dir]
                        file: {path: "${base}/${inventory_hostname}.d/two", content: "x\\n"}
                      - id: done
                        after: [app.config, common.motd, again.marker]
                        file: {path: "${base}/${inventory_hostname}.d/done", content: "done\\n"}
                    handlers:
                      - id: common.touched
                        command: {cmd: [touch, "${base}/${inventory_hostname}.d/touched"]}
                      - id: app.reload
                        command: {cmd: [touch, "${base}/${inventory_hostname}.d/reloaded"]}
                """);
    }

    private Path file(String name, String text) throws Exception {
        Path path = dir.resolve(name);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        return path;
    }

    private ResourceGraph graph(String playbook) {
        return CompiledRun.compile(RunOptions.defaults(dir.resolve(playbook), inventory), ModuleRegistry.discover())
                .graph();
    }

    /** Every node with its parameters, and every edge with its kind. */
    private static Map<String, String> shape(ResourceGraph graph) {
        Map<String, String> out = new TreeMap<>();
        graph.order()
                .forEach(k ->
                        out.put(k.toString(), String.valueOf(graph.instance(k).params())));
        graph.graph()
                .edgeSet()
                .forEach(e -> out.put(
                        graph.graph().getEdgeSource(e) + " -> " + graph.graph().getEdgeTarget(e),
                        e.kind().toString()));
        return out;
    }

    @Test
    void theTreeIsTheGraphOfItsSingleFileForm() {
        Map<String, String> tree = shape(graph("tree/site.yml"));
        assertThat(tree).isEqualTo(shape(graph("flat/site.yml")));
        assertThat(tree)
                .containsKey("web1/app.config")
                .containsKey("web2/again.marker")
                .containsKey("web1/common.touched");
        assertThat(tree.get("web1/app.config")).contains("0600").contains("app.conf.ftl");
    }

    private Map<String, String> runAndRead(String playbook, String out) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Path base = dir.resolve(out);
        Files.createDirectories(base);
        int code = Main.run(
                print,
                print,
                "-i",
                inventory.toString(),
                "--no-color",
                "-e",
                "base=" + base,
                dir.resolve(playbook).toString());
        assertThat(code).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(
                            p -> base.relativize(p).toString(),
                            p -> {
                                try {
                                    return Files.readString(p) + " " + Files.getPosixFilePermissions(p);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            },
                            (a, b) -> a,
                            TreeMap::new));
        }
    }

    @Test
    void theTreeConvergesHostsAsItsSingleFileFormDoes() throws Exception {
        Map<String, String> tree = runAndRead("tree/site.yml", "tree-out");
        assertThat(tree).isEqualTo(runAndRead("flat/site.yml", "flat-out"));
        assertThat(tree.get("web1.d/app.conf")).startsWith("name=shop port=8080\n");
        assertThat(tree).containsKeys("web2.d/touched", "web2.d/reloaded", "web1.d/one", "web1.d/two");
    }

    @Test
    void anErrorInAnIncludedFileIsReportedThere() throws Exception {
        file("tree/roles/app/resources/main.yml", """
                - id: config
                  fiel: {path: /tmp/x}
                """);
        assertThatThrownBy(() -> graph("tree/site.yml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(
                        Path.of("roles", "app", "resources", "main.yml") + ":2:3: error: unknown module 'fiel'");
    }

    @Test
    void afterNamesAResourceOfAnIncludeByItsQualifiedId() throws Exception {
        file("tree/extra.yml", """
                - id: marker
                  after: [nosuch]
                  file: {path: "/tmp/x-${extra_name}", content: "x\\n"}
                """);
        assertThatThrownBy(() -> graph("tree/site.yml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("extra.yml:2:11: error: after: 'nosuch' names no resource");
    }

    @Test
    void aMissingRoleVarsFileOrIncludeAndAnImportCycleAreReportedTogetherAtTheirPlace() throws Exception {
        file("tree/base.yml", """
                - import_playbook: site.yml
                - name: base
                  hosts: web
                  resources:
                    - id: base-dir
                      file: {path: "${base}/${inventory_hostname}.d", state: directory}
                """);
        file("tree/site.yml", """
                - import_playbook: base.yml
                - hosts: web
                  vars_files: [vars/nosuch.yml]
                  roles: [nosuchrole]
                  resources:
                    - include: nosuch.yml
                """);
        InvalidInputException e =
                Assertions.catchThrowableOfType(InvalidInputException.class, () -> graph("tree/site.yml"));
        assertThat(e.getMessage().replace(dir.toString() + "/", ""))
                .contains(
                        "tree/base.yml:1:3: error: import_playbook: tree/site.yml imports itself",
                        "tree/site.yml:3:16: error: vars file tree/vars/nosuch.yml not found",
                        "tree/site.yml:4:11: error: role 'nosuchrole' not found",
                        "tree/site.yml:6:7: error: included file tree/nosuch.yml not found");
    }

    @Test
    void aDuplicateIdAcrossIncludesIsNamedByItsQualifiedId() throws Exception {
        file("tree/site.yml", """
                - import_playbook: base.yml
                - hosts: web
                  resources:
                    - include: extra.yml
                      vars: {extra_name: one}
                    - include: extra.yml
                      vars: {extra_name: two}
                """);
        assertThatThrownBy(() -> graph("tree/site.yml"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("extra.yml:1:3: error: duplicate id 'extra.marker' (first at 1:3)")
                .hasMessageContaining("give the second include an id:");
    }
}
