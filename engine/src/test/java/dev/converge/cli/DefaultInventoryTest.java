package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.diag.Problems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inventory without -i: ANSIBLE_INVENTORY, then ansible.cfg as Ansible finds it, then inventory/hosts.yml. */
class DefaultInventoryTest {
    @TempDir
    Path dir;

    @Test
    void ansibleCfgInTheCurrentDirectoryNamesItRelativeToItself() throws Exception {
        Files.writeString(
                dir.resolve("ansible.cfg"),
                "[defaults]\n# a comment\ninventory = inventory/lab.yml , other/ ; trailing\nforks=5\n");
        assertThat(DefaultInventory.find(Map.of(), dir, dir.resolve("home")))
                .containsExactly(
                        dir.resolve("inventory/lab.yml").toString(),
                        dir.resolve("other").toString());
    }

    @Test
    void ansibleInventoryWinsOverAnsibleCfg() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = from-cfg\n");
        assertThat(DefaultInventory.find(Map.of("ANSIBLE_INVENTORY", "/srv/a,/srv/b"), dir, dir))
                .containsExactly("/srv/a", "/srv/b");
    }

    @Test
    void ansibleConfigPointsAtAnotherFileAndTheFirstFileFoundDecidesEvenWithoutInventory() throws Exception {
        Path cfg = dir.resolve("conf/my.cfg");
        Files.createDirectories(cfg.getParent());
        Files.writeString(cfg, "[defaults]\ninventory: hosts\n");
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = not-this\n");
        assertThat(DefaultInventory.find(Map.of("ANSIBLE_CONFIG", cfg.toString()), dir, dir))
                .containsExactly(dir.resolve("conf/hosts").toString());
        Files.writeString(cfg, "[ssh_connection]\npipelining = true\n");
        assertThat(DefaultInventory.find(Map.of("ANSIBLE_CONFIG", cfg.toString()), dir, dir))
                .isEmpty();
    }

    @Test
    void withoutAnyConvergesOwnDefaultThenNothing() throws Exception {
        assertThat(DefaultInventory.find(Map.of(), dir, dir)).isEmpty();
        Files.createDirectories(dir.resolve("inventory"));
        Files.writeString(dir.resolve("inventory/hosts.yml"), "all: {}\n");
        assertThat(DefaultInventory.find(Map.of(), dir, dir)).containsExactly("inventory/hosts.yml");
    }

    @Test
    void aNamedInventoryThatDoesNotExistSaysWhereItWasNamed() throws Exception {
        Files.writeString(dir.resolve("ansible.cfg"), "[defaults]\ninventory = inventory/lab.yml\n");
        Problems problems = new Problems();
        DefaultInventory.locate(Map.of(), dir, dir).checkExists(problems);
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.reason())
                    .startsWith("inventory '" + dir.resolve("inventory/lab.yml") + "' named by ")
                    .endsWith("ansible.cfg ([defaults] inventory) does not exist");
            assertThat(p.hint()).contains("lab/up --libvirt", "-i");
        });
    }

    @Test
    void theRepositorysAnsibleCfgNamesTheLabInventoryForTheDesignCardCommand() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        DefaultInventory.Found found = DefaultInventory.locate(Map.of(), repo, dir);
        assertThat(found.sources())
                .singleElement()
                .satisfies(s -> assertThat(Path.of(s).toAbsolutePath().normalize())
                        .isEqualTo(repo.resolve("inventory/lab.yml")));
    }
}
