package dev.converge.modules.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.exec.ModuleHarness;
import dev.converge.exec.PeerHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.testing.PeerContractTest;
import dev.converge.testing.Shells;
import dev.converge.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code live_migration} (libvirt driver) through the engine's real gather and apply scripts on
 * two "hosts", HostB and HostC, under each shell: each has its own fake-command directory first on
 * PATH ({@code virsh}, and a {@code hostname} that says its name) and shares one fake hypervisor
 * state with the other (src/test/resources/.../fake-virsh: which host runs each domain, whose
 * libvirtd answers on TCP, free memory), so a migration applied on the source is seen by the
 * target's next gather. The real migration is the lab's (lab/test-flagship).
 */
class LiveMigrationModuleContractTest extends PeerContractTest<LiveMigrationParams> {
    private static final List<String> READ_ONLY = List.of(
            "domstate", "hostname", "dominfo", "nodememstats", "dumpxml", "hypervisor-cpu-compare", "domjobinfo");

    @TempDir
    Path logs;

    @Override
    protected Module<LiveMigrationParams> module() {
        return new LiveMigrationModule();
    }

    @Override
    protected List<String> hosts() {
        return List.of("HostB", "HostC");
    }

    private Path hv() {
        return dir.resolve("hypervisor");
    }

    private Path calls() {
        return logs.resolve("virsh-calls");
    }

    @Override
    protected Transport transport(Shells.Shell shell, String host) {
        return shell.transport(
                "PATH=" + dir.resolve(host).resolve("bin") + ":" + shell.path(),
                "CONVERGE_FAKE_HV=" + hv(),
                "CONVERGE_FAKE_VIRSH_HOST=" + host,
                "CONVERGE_FAKE_VIRSH_LOG=" + calls());
    }

    /**
     * Both hosts resolve and their libvirtd answers on TCP with 4000000 KiB free; on HostB run vm1
     * (local storage: it needs {@code --unsafe}) and vm2 (shared storage, a {@code <cpu>} model), on
     * HostC vm3 (shared storage); each 524288 KiB.
     */
    @Override
    protected void prepare() throws IOException {
        for (String host : hosts()) {
            Path bin = Files.createDirectories(dir.resolve(host).resolve("bin"));
            try (InputStream fake = getClass().getResourceAsStream("fake-virsh")) {
                Files.write(bin.resolve("virsh"), fake.readAllBytes());
            }
            Files.writeString(bin.resolve("hostname"), "#!/bin/sh\necho " + host + "\n");
            assertThat(bin.resolve("virsh").toFile().setExecutable(true)).isTrue();
            assertThat(bin.resolve("hostname").toFile().setExecutable(true)).isTrue();
        }
        if (Files.exists(hv())) {
            try (var paths = Files.walk(hv())) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (String host : hosts()) {
            Path h = Files.createDirectories(hv().resolve("hosts").resolve(host));
            Files.writeString(h.resolve("listening"), "");
            Files.writeString(h.resolve("free"), "4000000\n");
        }
        domain("vm1", "HostB", "running", "local");
        domain("vm2", "HostB", "running", "shared");
        Files.writeString(hv().resolve("domains/vm2/cpu"), "");
        domain("vm3", "HostC", "running", "shared");
        Files.deleteIfExists(calls());
    }

    private void domain(String name, String host, String state, String storage) throws IOException {
        Path d = Files.createDirectories(hv().resolve("domains").resolve(name));
        Files.writeString(d.resolve("host"), host + "\n");
        Files.writeString(d.resolve("state"), state + "\n");
        Files.writeString(d.resolve("memory"), "524288\n");
        Files.writeString(d.resolve("storage"), storage + "\n");
    }

    private String where(String vm) throws IOException {
        return Files.readString(hv().resolve("domains").resolve(vm).resolve("host"))
                .strip();
    }

    private static LiveMigrationParams migrate(String vm, String to, Boolean unsafe, Long timeout, String uri) {
        return new LiveMigrationParams(vm, to, null, timeout, unsafe, uri, null);
    }

    @Override
    protected List<LiveMigrationParams> convergingCases() {
        return List.of(
                migrate("vm1", "HostC", true, 60L, null),
                migrate("vm2", "HostC", null, null, null),
                migrate("vm3", "HostB", null, 30L, "qemu+tcp://HostB/system"));
    }

    @Override
    protected List<LiveMigrationParams> invalidCases() {
        return List.of(
                migrate("vm 1; reboot", "HostC", null, null, null),
                migrate("vm1", null, null, null, null),
                new LiveMigrationParams("vm1", "HostC", "xen", null, null, null, null),
                migrate("vm1", "HostC", null, 0L, null),
                migrate("vm1", "HostC", null, null, "http://HostC/"),
                migrate("vm1", "HostC", null, null, "qemu+tcp://admin:s3cret-pw@HostC/system"),
                new LiveMigrationParams("vm1", "HostC", "nova", null, null, null, null));
    }

    /** The check reads (virsh's read-only commands only, on both hosts); the apply migrates once, from the source. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void theCheckOnlyReadsAndTheApplyMigratesFromTheSourceOnly(Shells.Shell shell) throws Exception {
        prepare();
        PeerHarness<LiveMigrationParams> harness = harness(shell);
        LiveMigrationParams vm1 = convergingCases().get(0);

        PeerHarness.Planned check = harness.plan(vm1, true);
        assertThat(check.changed()).containsExactly("HostB");
        assertThat(Files.readAllLines(calls()))
                .as("the check's virsh calls")
                .isNotEmpty()
                .allSatisfy(call -> assertThat(READ_ONLY).contains(subcommand(call)))
                .anyMatch(call -> call.startsWith("HostC: -q domstate vm1"))
                .anyMatch(call -> call.equals("HostB: -c qemu+tcp://HostC/system hostname"));
        Files.delete(calls());

        ModuleHarness.Outcome outcome = harness.apply("HostB", check.changes().get("HostB"));

        assertThat(outcome.succeeded()).as(outcome.stderr()).isTrue();
        assertThat(outcome.stdout())
                .contains("preflight ok: HostC answers at qemu+tcp://HostC/system, 4000000 KiB free for 524288 KiB")
                .contains("migrated vm1 from HostB to HostC");
        assertThat(where("vm1")).isEqualTo("HostC");
        assertThat(Files.readAllLines(calls()))
                .filteredOn(call -> subcommand(call).equals("migrate"))
                .containsExactly(
                        "HostB: migrate --live --persistent --undefinesource --verbose --unsafe vm1 qemu+tcp://HostC/system");
    }

    /**
     * The target's libvirtd does not answer: the check fails on the source with virsh's own error
     * first; a real run plans the migration (the target may be configured before it), whose apply
     * fails with the same cause and leaves the domain where it runs.
     */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void anUnansweringTargetFailsTheCheckAndTheApplyWithVirshsErrorFirst(Shells.Shell shell) throws Exception {
        prepare();
        Files.delete(hv().resolve("hosts/HostC/listening"));
        PeerHarness<LiveMigrationParams> harness = harness(shell);
        LiveMigrationParams vm1 = convergingCases().get(0);
        String cause =
                "virsh: unable to connect to server at 'HostC:16509': Connection refused; failed to connect to the "
                        + "hypervisor (preflight: libvirtd on HostC does not answer at qemu+tcp://HostC/system; is it listening "
                        + "for TCP and is port 16509 open?)";

        PeerHarness.Planned check = harness.plan(vm1, true);
        assertThat(check.failures()).containsExactly(Map.entry("HostB", cause));
        assertThat(check.changes()).containsEntry("HostC", Change.none());

        PeerHarness.Planned run = harness.plan(vm1, false);
        ModuleHarness.Outcome outcome = harness.apply("HostB", run.changes().get("HostB"));

        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.stderr().lines().toList()).hasSize(2).first().isEqualTo("live_migration: " + cause);
        assertThat(where("vm1")).isEqualTo("HostB");
    }

    /** virsh's own refusals reach the report: shared storage libvirt cannot see needs {@code unsafe: true}. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void localStorageWithoutUnsafeFailsWithVirshsRefusal(Shells.Shell shell) throws Exception {
        prepare();
        PeerHarness<LiveMigrationParams> harness = harness(shell);
        LiveMigrationParams vm1 = migrate("vm1", "HostC", null, 60L, null);

        ModuleHarness.Outcome outcome =
                harness.apply("HostB", harness.plan(vm1, false).changes().get("HostB"));

        assertThat(outcome.stderr().lines().findFirst())
                .contains("live_migration: virsh: Unsafe migration: Migration without shared storage is unsafe "
                        + "(virsh migrate failed)");
        assertThat(where("vm1")).isEqualTo("HostB");
    }

    /** The apply's own preflight judges the host as it is then: a domain stopped since the plan is not migrated. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aDomainStoppedAfterThePlanIsNotMigrated(Shells.Shell shell) throws Exception {
        prepare();
        PeerHarness<LiveMigrationParams> harness = harness(shell);
        LiveMigrationParams vm1 = convergingCases().get(0);
        Change planned = harness.plan(vm1, false).changes().get("HostB");
        Files.writeString(hv().resolve("domains/vm1/state"), "shut off\n");

        ModuleHarness.Outcome outcome = harness.apply("HostB", planned);

        assertThat(outcome.stderr().lines().findFirst())
                .contains("live_migration: preflight: vm1 is shut off on HostB, not running");
        assertThat(where("vm1")).isEqualTo("HostB");
        assertThat(Files.readAllLines(calls()))
                .noneMatch(call -> subcommand(call).equals("migrate"));
    }

    /** A migration that does not end by {@code timeout} is aborted (domjobabort) and the domain stays. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aMigrationPastItsTimeoutIsAbortedAndTheDomainStays(Shells.Shell shell) throws Exception {
        prepare();
        Files.writeString(hv().resolve("domains/vm1/stuck"), "");
        PeerHarness<LiveMigrationParams> harness = harness(shell);
        LiveMigrationParams vm1 = migrate("vm1", "HostC", true, 2L, null);

        ModuleHarness.Outcome outcome =
                harness.apply("HostB", harness.plan(vm1, false).changes().get("HostB"));

        assertThat(outcome.stderr().lines().findFirst())
                .contains("live_migration: timed out after 2 s; the job was aborted and vm1 stays on HostB");
        assertThat(outcome.stdout()).contains("progress: Data processed 256.000 MiB; Data remaining 256.000 MiB; ");
        assertThat(where("vm1")).isEqualTo("HostB");
        assertThat(hv().resolve("domains/vm1/job")).doesNotExist();
        assertThat(Files.readAllLines(calls())).contains("HostB: domjobabort vm1");
    }

    /** Not running anywhere, or on the target already, needs no migration; only the target reports the former. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aDomainRunningNowhereFailsOnTheTargetAloneAndOneOnTheTargetIsNoChange(Shells.Shell shell) throws Exception {
        prepare();
        Files.writeString(hv().resolve("domains/vm1/state"), "shut off\n");
        PeerHarness<LiveMigrationParams> harness = harness(shell);

        PeerHarness.Planned nowhere = harness.plan(convergingCases().get(0), true);
        assertThat(nowhere.failures())
                .containsOnlyKeys("HostC")
                .hasEntrySatisfying(
                        "HostC",
                        why -> assertThat(why)
                                .isEqualTo(
                                        "vm1 is not running on any host of this resource: HostB: shut off, HostC: not defined"));
        assertThat(nowhere.changes()).containsExactly(Map.entry("HostB", Change.none()));

        PeerHarness.Planned there = harness.plan(migrate("vm3", "HostC", null, null, null), true);
        assertThat(there.failures()).isEmpty();
        assertThat(there.changed()).isEmpty();
    }

    /** The check judges the target's free memory against what the domain uses. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aTargetWithoutTheMemoryFailsTheCheck(Shells.Shell shell) throws Exception {
        prepare();
        Files.writeString(hv().resolve("hosts/HostC/free"), "100000\n");

        PeerHarness.Planned check = harness(shell).plan(convergingCases().get(1), true);

        assertThat(check.failures())
                .containsExactly(Map.entry("HostB", "preflight: HostC has 100000 KiB free, vm2 needs 524288 KiB"));
    }

    /** {@code HostB: -c URI domstate vm1} → {@code domstate}. */
    private static String subcommand(String call) {
        String[] words = call.substring(call.indexOf(": ") + 2).split(" ");
        int i = 0;
        while (i < words.length && words[i].startsWith("-")) {
            i += words[i].equals("-c") ? 2 : 1;
        }
        return i < words.length ? words[i] : "";
    }
}
