package dev.converge.modules.migration.nova;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.modules.migration.LiveMigrationModule;
import dev.converge.modules.migration.LiveMigrationParams;
import dev.converge.secret.SecretCollector;
import dev.converge.spi.Module;
import dev.converge.testing.PeerContractTest;
import dev.converge.testing.Shells;
import dev.converge.transport.Transport;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code live_migration}'s nova driver through the same peer contract, bound to the control node
 * alone ({@code localhost}, as docs/live-migration.md binds it): its fact and its change are this
 * converge's helper process ({@link NovaMain}, run by the real gather and apply scripts under each
 * shell) talking to the fake Compute API of {@link FakeComputeApi} on loopback; the world the check
 * must not touch is the server's host and status there. The credentials are secret parameters: the
 * contract checks they are on no command line and in no output.
 */
class NovaLiveMigrationContractTest extends PeerContractTest<LiveMigrationParams> {
    private final FakeComputeApi api = new FakeComputeApi();

    NovaLiveMigrationContractTest() throws Exception {}

    @AfterEach
    void stop() {
        api.close();
    }

    @Override
    protected Module<LiveMigrationParams> module() {
        return new LiveMigrationModule();
    }

    @Override
    protected List<String> hosts() {
        return List.of("localhost");
    }

    @Override
    protected Transport transport(Shells.Shell shell, String host) {
        return shell.transport();
    }

    /** vm1 ACTIVE on HostB; nova-compute on HostC up and enabled. */
    @Override
    protected void prepare() {
        api.host = "HostB";
        api.status = "ACTIVE";
        api.migratingTo = null;
        api.polls.set(0);
        api.pollsToComplete = 1;
    }

    @Override
    protected Object observed() {
        return api.host + " " + api.status + " " + api.migratingTo;
    }

    private NovaSettings password(String password) {
        return new NovaSettings(api.authUrl(), "admin", password, "admin", null, null, null, null, null, null, null);
    }

    @Override
    protected List<LiveMigrationParams> convergingCases() {
        return List.of(
                new LiveMigrationParams("vm1", "HostC", "nova", 60L, null, null, password(FakeComputeApi.PASSWORD)),
                new LiveMigrationParams(
                        "uuid-1",
                        "HostC",
                        "nova",
                        60L,
                        null,
                        null,
                        new NovaSettings(
                                api.authUrl(),
                                null,
                                null,
                                null,
                                null,
                                null,
                                "app-cred-1",
                                FakeComputeApi.PASSWORD,
                                null,
                                null,
                                "false")));
    }

    @Override
    protected List<LiveMigrationParams> invalidCases() {
        return List.of(
                new LiveMigrationParams("vm1", "HostC", "nova", null, null, null, null),
                new LiveMigrationParams("vm1", "HostC", "nova", null, null, null, password(null)),
                new LiveMigrationParams(
                        "vm1",
                        "HostC",
                        "nova",
                        null,
                        null,
                        null,
                        new NovaSettings(
                                "ftp://x", "admin", "pw12345", "admin", null, null, "id", null, null, null, "maybe")));
    }

    /** The contract's secret check is not vacuous: the engine finds both credentials among the parameters' secrets. */
    @Test
    void theCredentialsAreSecretsTheEngineMasks() {
        for (LiveMigrationParams params : convergingCases()) {
            assertThat(new SecretCollector(List.of())
                            .parameters(params)
                            .secrets()
                            .appearsIn(FakeComputeApi.PASSWORD))
                    .as("%s", params)
                    .isTrue();
        }
    }
}
