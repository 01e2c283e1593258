package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.modules.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal output of a real run (local transport) as golden files: the planned header and the
 * recap agree (deferred checks are counted apart in the header), and -v/-vv/-vvv show the facts
 * read, the operations sent, the time of each round trip and the scripts, secrets masked. The
 * run's temp directory, random nonces and milliseconds are normalised.
 */
class TerminalOutputTest {
    private static final String SECRET = "s3cr3t-Pa55-word";

    @TempDir
    Path dir;

    Path inventory;

    @BeforeEach
    void inventory() throws Exception {
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  vars:
                    base: %s
                  hosts:
                    web1: {ansible_connection: local}
                """.formatted(dir));
    }

    private String playbook() {
        return """
                - hosts: web1
                  vars:
                    app_token: %s
                  secrets: [app_token]
                  resources:
                    - id: conf
                      file: {path: "${base}/app.conf", content: "token=${app_token}\\n", mode: "0600"}
                    - id: conf-readable
                      assert: {cmd: [test, -r, "${base}/app.conf"], rc: 0}
                    - id: marker
                      file: {path: "${base}/marker", content: "done\\n"}
                      after: [conf-readable]
                """.formatted(SECRET);
    }

    private String run(String... flags) throws Exception {
        CliRun cli = new CliRun(dir, inventory);
        int code = cli.run(playbook(), flags);
        assertThat(code).as(cli.output()).isZero();
        return normalise(cli.output());
    }

    private String normalise(String out) {
        return out.replace(dir.toString(), "DIR")
                .replaceAll("[0-9a-f]{16}", "NONCE")
                .replaceAll("\\d+ ms", "N ms")
                .replaceAll(
                        "(facts\\.(kernel|hostname|os_version|os_id|os_like|arch|user|init|pkg_manager) = ).*",
                        "$1...");
    }

    @Test
    void theHeaderCountsDeferredChecksApartSoTheRecapAgreesWithIt() throws Exception {
        String out = run();
        Golden.assertGolden("output", "header-and-recap", out);
        assertThat(out)
                .contains("planned: 3 resources, 1 to change, 2 deferred (planned after the apply)")
                .contains("ok=1    changed=2");
    }

    @Test
    void verbosityLevelsShowFactsOperationsTimingsAndScriptsMasked() throws Exception {
        String v = run("-v");
        Golden.assertGolden("output", "verbose-v", v);
        assertThat(v)
                .contains(
                        "facts read:",
                        "apply batch 1: operations:",
                        "conf: write DIR/app.conf (",
                        "file DIR/app.conf: absent")
                .doesNotContain("timing:", "script:");
        Files.delete(dir.resolve("app.conf"));
        Files.delete(dir.resolve("marker"));
        String vv = run("-vv");
        Golden.assertGolden("output", "verbose-vv", vv);
        assertThat(vv).contains("timing:", "gather (", "apply batch 1 (").doesNotContain("script:");
        Files.delete(dir.resolve("app.conf"));
        Files.delete(dir.resolve("marker"));
        String vvv = run("-vvv");
        assertThat(vvv)
                .contains(
                        "gather script:",
                        "apply batch 1 script (with the read back):",
                        "cv_main() {",
                        "of base64 payload not shown]");
        String encoded =
                Base64.getEncoder().encodeToString(("token=" + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(vvv).doesNotContain(SECRET).doesNotContain(encoded.substring(0, 12));
        assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("token=" + SECRET + "\n");
    }
}
