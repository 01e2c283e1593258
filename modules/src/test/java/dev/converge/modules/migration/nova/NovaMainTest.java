package dev.converge.modules.migration.nova;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The nova driver's helper against a fake Compute API that follows the API reference. */
class NovaMainTest {
    private final FakeComputeApi api = new FakeComputeApi();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    NovaMainTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    private String request(String password, long timeout) {
        return new NovaRequest(
                        "vm1",
                        "HostC",
                        timeout,
                        new NovaSettings(
                                api.authUrl(), "admin", password, "admin", null, null, null, null, null, null, null))
                .toJson();
    }

    private int run(String command, String request) {
        return NovaMain.run(
                new String[] {command},
                new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void whereFindsTheServerByExactName() {
        assertThat(run("where", request(FakeComputeApi.PASSWORD, 60))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("host=HostB status=ACTIVE\n"
                        + "preflight ok: nova-compute on HostC is up and enabled, 4096 MiB free for 512 MiB\n");
    }

    /** where runs the read-only preflight when the server is not on the target: a refusal is a line, not a failure of the fact. */
    @Test
    void whereSaysWhatThePreflightWouldRefuse() {
        api.targetService = "down/disabled";
        assertThat(run("where", request(FakeComputeApi.PASSWORD, 60))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("host=HostB status=ACTIVE\n" + NovaMain.REFUSED
                        + "preflight: nova-compute on HostC is down/disabled, not up/enabled\n");
        assertThat(api.requests).noneMatch(r -> r.startsWith("POST /compute"));
    }

    @Test
    void migratePreflightsTriggersPollsAndVerifies() {
        api.pollsToComplete = 3;
        assertThat(run("migrate", request(FakeComputeApi.PASSWORD, 60)))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said)
                .contains(
                        "preflight ok: nova-compute on HostC is up and enabled, 4096 MiB free for 512 MiB",
                        "progress: memory",
                        "migrated vm1 from HostB to HostC");
        assertThat(api.host).isEqualTo("HostC");
        assertThat(api.requests).contains("POST /compute/v2.1/servers/uuid-1/action");
        assertThat(run("migrate", request(FakeComputeApi.PASSWORD, 60))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("vm1 already runs on HostC\n");
    }

    @Test
    void preflightRefusesADisabledTargetAndTouchesNothing() {
        api.targetService = "up/disabled";
        assertThat(run("migrate", request(FakeComputeApi.PASSWORD, 60))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nova-compute on HostC is up/disabled");
        assertThat(api.requests).doesNotContain("POST /compute/v2.1/servers/uuid-1/action");
    }

    @Test
    void aTimeoutAbortsTheMigrationAndSaysWhy() {
        api.neverCompletes = true;
        assertThat(run("migrate", request(FakeComputeApi.PASSWORD, 2))).isEqualTo(1);
        assertThat(api.aborted).isTrue();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("timed out after 2 s (the migration was aborted)", "compute_live_migration on HostB: Error");
    }

    @Test
    void wrongCredentialsAreRefusedWithoutEchoingThem() {
        assertThat(run("where", request("wrong-password", 60))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("Keystone refused the credentials (HTTP 401)")
                .doesNotContain("wrong-password");
    }
}
