package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handlers that survive, end to end on the local transport: a handler notified in one run that
 * fails there is recorded on its host and runs in the next run (reported as pending from an
 * earlier run; shown as would-run by --check), and not again once it succeeded.
 */
class PendingHandlersRunTest {
    @TempDir
    Path dir;

    Path inventory;

    /** A host name of its own: the record on the machine is per inventory host. */
    private final String host = "pending-" + Long.toHexString(System.nanoTime());

    private static final String PLAYBOOK = """
            - hosts: all
              resources:
                - id: conf
                  file: {path: "${base}/app.conf", content: "listen=8080\\n"}
                  notify: [Restart app]
                - id: other
                  file: {path: "${base}/other.conf", content: "x\\n"}
              handlers:
                - name: Restart app
                  command: {cmd: [sh, -c, 'test -e "$0" && echo restarted >> "$1"', "${base}/ready", "${base}/restarts"]}
            """;

    @BeforeEach
    void inventory() throws Exception {
        inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  vars:
                    base: %s
                  hosts:
                    %s: {ansible_connection: local}
                """.formatted(dir, host));
    }

    private CliRun cli() {
        return new CliRun(dir, inventory);
    }

    @Test
    void aHandlerThatFailedRunsOnTheNextRunAndIsThenCleared() throws Exception {
        CliRun run1 = cli();
        assertThat(run1.run(PLAYBOOK)).as("%s", run1.output()).isEqualTo(1);
        assertThat(run1.resource(host, "restart-app").get("status").asText()).isEqualTo("failed");
        assertThat(dir.resolve("restarts")).doesNotExist();

        CliRun check = cli();
        assertThat(check.run(PLAYBOOK, "--check", "--detailed-exitcode"))
                .as("the file is converged; the handler is still owed")
                .isEqualTo(2);
        assertThat(check.resource(host, "conf").get("status").asText()).isEqualTo("ok");
        assertThat(check.resource(host, "restart-app").get("status").asText()).isEqualTo("changed");
        assertThat(check.resource(host, "restart-app").get("message").asText())
                .isEqualTo("pending from an earlier run");
        assertThat(check.output()).contains("restart-app [command] changed (pending from an earlier run)");

        Files.writeString(dir.resolve("ready"), "");
        CliRun run2 = cli();
        assertThat(run2.run(
                        PLAYBOOK, "--report-html", dir.resolve("report.html").toString()))
                .isEqualTo(0);
        assertThat(dir.resolve("report.html")).content().contains("pending from an earlier run");
        assertThat(run2.resource(host, "restart-app").get("status").asText()).isEqualTo("changed");
        assertThat(run2.resource(host, "restart-app").get("message").asText())
                .startsWith("pending from an earlier run");
        assertThat(run2.output()).contains("(pending from an earlier run)");
        assertThat(dir.resolve("restarts")).hasContent("restarted");

        CliRun run3 = cli();
        assertThat(run3.run(PLAYBOOK, "--detailed-exitcode"))
                .as("cleared once it ran successfully")
                .isEqualTo(0);
        assertThat(run3.resource(host, "restart-app").get("message").asText()).isEqualTo("not notified");
        assertThat(dir.resolve("restarts")).hasContent("restarted");
    }

    @Test
    void handlersRunDespiteALaterFailureAsWithForceHandlersWhichIsAccepted() throws Exception {
        Files.writeString(dir.resolve("ready"), "");
        String breaksAfter = PLAYBOOK.replace("""
                    - id: other
                      file: {path: "${base}/other.conf", content: "x\\n"}
                """, """
                    - id: other
                      file: {path: "${base}/other.conf", content: "x\\n"}
                    - id: breaks
                      command: {cmd: [sh, -c, 'test -e "$0"', "${base}/fixed"]}
                """);
        assertThat(breaksAfter).contains("breaks");
        CliRun run1 = cli();
        assertThat(run1.run(breaksAfter)).as("%s", run1.output()).isEqualTo(1);
        assertThat(dir.resolve("restarts"))
                .as("handlers run for the changes already made (--force-handlers is the default)")
                .hasContent("restarted");
        assertThat(cli().run(breaksAfter, "--force-handlers", "--check"))
                .as("the flag is accepted")
                .isZero();
    }
}
