package dev.converge.modules.migration.nova;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code live_migration} with the nova driver through the whole CLI pipeline: bound to the
 * control node (localhost), the fact asks the fake Compute API where the server runs, the change
 * moves it, the second run is a no-op; the password never reaches any output.
 */
class NovaDriverRunTest {
    @TempDir
    Path dir;

    @Test
    void convergesOnceThenNoopWithoutLeakingTheCredentials() throws Exception {
        try (FakeComputeApi api = new FakeComputeApi()) {
            Path playbook = dir.resolve("migrate.yml");
            Files.writeString(playbook, """
                    - hosts: localhost
                      resources:
                        - id: migrate
                          tags: [migration]
                          live_migration:
                            driver: nova
                            instance: vm1
                            to: HostC
                            timeout: 60
                            nova: {auth_url: "%s", username: admin, password: "${os_password}", project_name: admin}
                    """.formatted(api.authUrl()));
            Path secrets = dir.resolve("secrets.yml");
            Files.writeString(secrets, "os_password: " + FakeComputeApi.PASSWORD + "\n");
            String pb = playbook.toString();
            String extra = "@" + secrets;

            Path report = dir.resolve("report.json");
            Captured check = run(
                    "--check", "--diff", "--detailed-exitcode", "--report-json", report.toString(), "-e", extra, pb);
            assertThat(check.code).as(check.text).isEqualTo(2);
            assertThat(report)
                    .content()
                    .contains("\"before\" : \"HostB\"", "\"after\" : \"HostC\"")
                    .doesNotContain(FakeComputeApi.PASSWORD);
            assertThat(api.host).isEqualTo("HostB");

            Captured apply = run("--detailed-exitcode", "--report-json", report.toString(), "-e", extra, pb);
            assertThat(apply.code).as(apply.text).isEqualTo(2);
            assertThat(api.host).isEqualTo("HostC");
            assertThat(report).content().contains("\"status\" : \"changed\"").doesNotContain(FakeComputeApi.PASSWORD);

            Captured again = run("--detailed-exitcode", "-e", extra, pb);
            assertThat(again.code).as(again.text).isZero();
            for (Captured c : new Captured[] {check, apply, again}) {
                assertThat(c.text).doesNotContain(FakeComputeApi.PASSWORD);
            }
        }
    }

    /** --check runs the preflight (read-only): a target whose nova-compute is down fails the check, nothing is asked to move. */
    @Test
    void checkReportsAFailedPreflightAsAFailureAndMovesNothing() throws Exception {
        try (FakeComputeApi api = new FakeComputeApi()) {
            api.targetService = "down/enabled";
            Path playbook = dir.resolve("migrate.yml");
            Files.writeString(playbook, """
                    - hosts: localhost
                      resources:
                        - id: migrate
                          live_migration:
                            driver: nova
                            instance: vm1
                            to: HostC
                            nova: {auth_url: "%s", username: admin, password: "%s", project_name: admin}
                    """.formatted(api.authUrl(), FakeComputeApi.PASSWORD));

            Path report = dir.resolve("check.json");
            Captured check =
                    run("--check", "--detailed-exitcode", "--report-json", report.toString(), playbook.toString());

            assertThat(check.code).as(check.text).isEqualTo(1);
            assertThat(report)
                    .content()
                    .contains("nova: preflight: nova-compute on HostC is down/enabled, not up/enabled")
                    .doesNotContain(FakeComputeApi.PASSWORD);
            assertThat(api.requests).noneMatch(r -> r.startsWith("POST /compute"));
            assertThat(api.host).isEqualTo("HostB");
        }
    }

    private record Captured(int code, String text) {}

    private static Captured run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            int code = Main.run(args);
            return new Captured(code, buffer.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
