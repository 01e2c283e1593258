package dev.converge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    @Test
    void yamlInventoryWithChildrenGroupVarsFoldersAndPrecedence() throws Exception {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, """
                all:
                  vars: {level: all, port: 22}
                  children:
                    controller:
                      hosts:
                        HostA: {ansible_host: 10.77.0.11}
                    compute:
                      vars: {level: compute}
                      hosts:
                        HostB: {ansible_host: 10.77.0.12, level: host}
                        HostC:
                    cloud:
                      children:
                        controller:
                        compute:
                """);
        Files.createDirectories(dir.resolve("group_vars/compute"));
        Files.writeString(dir.resolve("group_vars/compute/main.yml"), "from_folder: yes\n");
        Files.createDirectories(dir.resolve("host_vars"));
        Files.writeString(dir.resolve("host_vars/HostC.yml"), "ansible_port: 2222\n");
        Problems problems = new Problems();
        Inventory inv = InventoryLoader.load(file, RunInputs.none(), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(inv.hosts()).containsOnlyKeys("HostA", "HostB", "HostC");
        assertThat(inv.groups().get("cloud")).containsExactly("HostA", "HostB", "HostC");
        assertThat(inv.hosts().get("HostA").varText("level", "")).isEqualTo("all");
        assertThat(inv.hosts().get("HostB").varText("level", "")).isEqualTo("host");
        assertThat(inv.hosts().get("HostC").varText("level", "")).isEqualTo("compute");
        assertThat(inv.hosts().get("HostC").varText("from_folder", "")).isEqualTo("true");
        assertThat(inv.hosts().get("HostC").varText("ansible_port", "")).isEqualTo("2222");
        assertThat(inv.select("cloud:!controller", SourceLocation.of(file), new ArrayList<>()))
                .containsExactly("HostB", "HostC");
        assertThat(inv.select("Host*:&compute", SourceLocation.of(file), new ArrayList<>()))
                .containsExactly("HostB", "HostC");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void iniInventory() throws Exception {
        Path file = dir.resolve("hosts");
        Files.writeString(file, """
                # the seed's hosts
                [controller]
                HostA ansible_host=10.77.0.11 ansible_user=root

                [compute]
                HostB ansible_host=10.77.0.12
                HostC ansible_host=10.77.0.13 ansible_port=2222

                [compute:vars]
                nova_uid=112

                [cloud:children]
                controller
                compute
                """);
        Problems problems = new Problems();
        Inventory inv = InventoryLoader.load(file, RunInputs.none(), problems);
        assertThat(problems.list()).isEmpty();
        assertThat(inv.groups().get("cloud")).containsExactly("HostA", "HostB", "HostC");
        assertThat(inv.hosts().get("HostC").vars().get("ansible_port").value()).isEqualTo(2222L);
        assertThat(inv.hosts().get("HostB").varText("nova_uid", "")).isEqualTo("112");
        assertThat(inv.hosts().get("HostA").varText("ansible_user", "")).isEqualTo("root");
    }

    @Test
    void problemsCarryLocations() throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "all:\n  hosts: [a, b]\n  colour: blue\n");
        Problems problems = new Problems();
        InventoryLoader.load(file, RunInputs.none(), problems);
        assertThat(problems.list())
                .extracting(p -> p.at().line() + ": " + p.reason())
                .containsExactly("2: hosts: of group 'all' must be a map, not a list");
    }
}
