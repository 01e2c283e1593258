package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example playbooks of the repository compile, and the template example plans on this machine. */
class ExamplePlaybooksTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theMotdExampleRendersItsTemplateInCheckMode() throws Exception {
        Path report = dir.resolve("report.json");
        int code = Main.run("-i", "localhost,", "--check", "--no-color", "--report-json", report.toString(),
                REPO.resolve("playbooks/motd.yml").toString());
        assertThat(code).isZero();
        assertThat(report).content().contains("\"id\" : \"motd\"", "localhost is managed by converge");
    }

    @Test
    void withoutAnInventoryAllMatchesNothingAndTheRunIsRefused() throws Exception {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8);
        int code = Main.run(print, print, "--check", "--no-color", REPO.resolve("playbooks/motd.yml").toString());
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("motd.yml:4:3: error: no inventory was given, so 'all' matches no host",
                        "the implicit localhost matches only 'localhost', never 'all'", "pass one with -i")
                .doesNotContain("planned");
    }

    @Test
    void theFlagshipCompilesAgainstTheSeedsExampleInventory() throws Exception {
        Path graph = dir.resolve("flagship.dot");
        int code = Main.run("-i", REPO.resolve("inventory/example.yml").toString(), "--graph", graph.toString(),
                REPO.resolve("playbooks/live-migration.yml").toString());
        assertThat(code).isZero();
        assertThat(Files.readString(graph)).contains("migrate", "libvirtd-conf", "HostB", "HostC");
    }
}
