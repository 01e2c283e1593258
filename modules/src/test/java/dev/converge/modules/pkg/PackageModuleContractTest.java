package dev.converge.modules.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module contract through the engine's real gather and apply scripts on this machine, against
 * the fake apt-get/apt-cache/dpkg-query of {@code src/test/fakebin} (modules/pom.xml runs this class
 * alone with that directory first on PATH; anywhere else it is skipped, so it never installs on the
 * machine). Real installs are the lab's (lab/test-flagship, lab/test-flavours).
 */
class PackageModuleContractTest extends ModuleContractTest<PackageParams> {
    private static final String DB = System.getenv("CONVERGE_FAKE_PKG_DB");
    private static final String FAKEBIN =
            Path.of("src/test/fakebin").toAbsolutePath().toString();

    @Override
    protected Module<PackageParams> module() {
        return new PackageModule();
    }

    /** The suite's own timeline runs each shell with the machine's PATH: never with the fake apt, so never here. */
    @Override
    protected boolean runsOn(Shells.Shell shell) {
        return false;
    }

    /** The same timeline on each shell, with the fake apt first on that shell's PATH. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void firstPlanChangesApplyConvergesSecondPlanIsNoopOnTheFakeApt(Shells.Shell shell) throws Exception {
        for (PackageParams params : convergingCases()) {
            prepare();
            ModuleHarness<PackageParams> harness = new ModuleHarness<>(
                    module(),
                    templates(),
                    shell.transport("PATH=" + FAKEBIN + ":" + shell.path(), "CONVERGE_FAKE_PKG_DB=" + DB));
            Change first = harness.plan(params).change();
            assertThat(first.changed())
                    .as("first plan of %s changes something", params)
                    .isTrue();
            harness.apply(first);
            assertThat(harness.plan(params).change().changed())
                    .as("second plan of %s is a no-op", params)
                    .isFalse();
        }
    }

    /**
     * Two {@code package} resources in one batch (written order) run ONE {@code apt-get install},
     * with their names merged (a name both want given once), and both converge.
     */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void consecutivePackageResourcesShareOneAptGetInstall(Shells.Shell shell) throws Exception {
        prepare();
        Path log = Path.of(DB).resolveSibling("calls-" + shell.name());
        Files.deleteIfExists(log);
        ModuleHarness<PackageParams> harness = new ModuleHarness<>(
                module(),
                templates(),
                shell.transport(
                        "PATH=" + FAKEBIN + ":" + shell.path(),
                        "CONVERGE_FAKE_PKG_DB=" + DB,
                        "CONVERGE_FAKE_PKG_LOG=" + log));
        PackageParams first = new PackageParams(List.of("converge-probe-a"), null, null, null);
        PackageParams second = new PackageParams(List.of("converge-probe-a", "converge-probe-b=1.5"), null, null, null);

        harness.applyTogether(
                List.of(harness.plan(first).change(), harness.plan(second).change()));

        assertThat(Files.readAllLines(log))
                .singleElement()
                .asString()
                .endsWith("install -- converge-probe-a converge-probe-b=1.5");
        assertThat(harness.plan(first).change().changed()).isFalse();
        assertThat(harness.plan(second).change().changed()).isFalse();
    }

    /** Each case starts from: converge-probe-b 1.0 installed (the index offers 2.0), converge-probe-a absent. */
    @Override
    protected void prepare() throws Exception {
        assumeTrue(
                DB != null && System.getenv("PATH").startsWith(FAKEBIN),
                "runs only in modules/pom.xml's fake-apt execution");
        Files.createDirectories(Path.of(DB).getParent());
        Files.writeString(Path.of(DB), "converge-probe-b\tinstall\tinstalled\t1.0\n");
    }

    @Override
    protected List<PackageParams> convergingCases() {
        return List.of(
                new PackageParams(List.of("converge-probe-a"), null, null, null),
                new PackageParams(List.of("converge-probe-a", "converge-probe-b"), "absent", null, null),
                new PackageParams(List.of("converge-probe-b"), "latest", null, null),
                new PackageParams(List.of("converge-probe-b=1.5", "converge-probe-a"), "present", null, null));
    }

    @Override
    protected List<PackageParams> invalidCases() {
        return List.of(
                new PackageParams(null, null, null, null),
                new PackageParams(List.of(), "present", null, null),
                new PackageParams(List.of("--force-yes"), null, null, null),
                new PackageParams(List.of("hello"), "purged", null, null),
                new PackageParams(List.of("hello=1.0"), "latest", null, null),
                new PackageParams(List.of("hello"), null, false, 60));
    }
}
