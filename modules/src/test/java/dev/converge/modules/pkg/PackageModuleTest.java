package dev.converge.modules.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import dev.converge.spi.UnreadableFactException;
import dev.converge.testing.FakeFacts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageModuleTest {
    private static final List<String> APT_GET = List.of(
            "env",
            "DEBIAN_FRONTEND=noninteractive",
            "apt-get",
            "-q",
            "-y",
            "-o",
            "DPkg::Lock::Timeout=600",
            "-o",
            "Dpkg::Options::=--force-confdef",
            "-o",
            "Dpkg::Options::=--force-confold");
    private static final String FRESH_APT = "manager apt\nnow 100000\nstamp 99000\n";

    private final PackageModule module = new PackageModule();

    private static PackageParams params(String state, String... names) {
        return new PackageParams(List.of(names), state, null, null);
    }

    private FakeFacts host(PackageParams p, String cache, String state) {
        List<PackageSpec> specs =
                p.name().stream().map(n -> PackageSpec.parse(n).orElseThrow()).toList();
        // the cache answer's "manager WORD" line stands for the host fact pkg_manager (its variants are keyed by it)
        String word = cache.lines().findFirst().orElseThrow().substring("manager ".length());
        FakeFacts host = FakeFacts.forModule(module, p).hostFact("pkg_manager", word);
        return PackageManager.of(word)
                .map(m -> host.command(PackageFacts.cache(m), 0, cache).command(PackageFacts.state(m, specs), 0, state))
                .orElse(host);
    }

    private static List<String> apt(String... tail) {
        List<String> out = new ArrayList<>(APT_GET);
        out.addAll(List.of(tail));
        return out;
    }

    @Test
    void installsTheMissingOnesInOneCommandAndConvergesOnceInstalled() {
        PackageParams p = params(null, "nfs-common", "rpcbind", "hello");
        String before =
                "pkg\trpcbind\tinstall\tinstalled\t1.2.6-6+b1\ncand\tnfs-common\t1:2.6.2-4\ncand\thello\t2.10-3\n"
                        + "cand\trpcbind\t1.2.6-6+b1\n";
        Change change = module.plan(p, host(p, FRESH_APT, before));
        assertThat(change.operations())
                .containsExactly(new Operation.MergeableCommand(apt("install", "--"), List.of("nfs-common", "hello")));
        assertThat(change.fields())
                .containsExactly(
                        new Change.FieldChange("nfs-common", "absent", "1:2.6.2-4"),
                        new Change.FieldChange("hello", "absent", "2.10-3"));
        String after =
                before + "pkg\tnfs-common\tinstall\tinstalled\t1:2.6.2-4\npkg\thello\tinstall\tinstalled\t2.10-3\n";
        assertThat(module.plan(p, host(p, FRESH_APT, after))).isEqualTo(Change.none());
    }

    @Test
    void aPinInstallsThatVersionAndAnotherInstalledVersionIsChanged() {
        PackageParams p = params("present", "hello=2.10-2");
        Change change =
                module.plan(p, host(p, FRESH_APT, "pkg\thello\tinstall\tinstalled\t2.10-3\ncand\thello\t2.10-3\n"));
        assertThat(change.operations())
                .containsExactly(new Operation.MergeableCommand(apt("install", "--"), List.of("hello=2.10-2")));
        assertThat(change.fields()).containsExactly(new Change.FieldChange("hello", "2.10-3", "2.10-2"));
        assertThat(module.plan(p, host(p, FRESH_APT, "pkg\thello\tinstall\tinstalled\t2.10-2\n")))
                .isEqualTo(Change.none());
    }

    /** The change predicts the packages it leaves and a fresh index: planned again on that, it is a no-op (the next resources see it). */
    @Test
    void theChangePredictsWhatItLeavesAndPlansNothingOnIt() {
        PackageParams p = new PackageParams(List.of("hello", "nfs-common=1:2.6.2-4", "vim"), "present", true, 600);
        String before = "cand\thello\t2.10-3\ncand\tnfs-common\t1:2.6.2-5\n";
        String stale = "manager apt\nnow 100000\nstamp 1\n";
        Change change = module.plan(p, host(p, stale, before));
        assertThat(change.operations()).hasSize(2);
        List<PackageSpec> specs =
                p.name().stream().map(n -> PackageSpec.parse(n).orElseThrow()).toList();
        assertThat(change.predicted()
                        .get(PackageFacts.cache(PackageManager.APT))
                        .stdout())
                .isEqualTo("manager apt\nnow 100000\nstamp 100000\nrefreshed-in-run yes\n");
        assertThat(change.predicted()
                        .get(PackageFacts.state(PackageManager.APT, specs))
                        .stdout())
                .isEqualTo("pkg\thello\tinstall\tinstalled\t2.10-3\ncand\thello\t2.10-3\n"
                        + "pkg\tnfs-common\tinstall\tinstalled\t1:2.6.2-4\ncand\tnfs-common\t1:2.6.2-5\n"
                        + "pkg\tvim\tinstall\tinstalled\t\n");
        FakeFacts after = host(
                p,
                change.predicted().get(PackageFacts.cache(PackageManager.APT)).stdout(),
                change.predicted()
                        .get(PackageFacts.state(PackageManager.APT, specs))
                        .stdout());
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
        PackageParams other = new PackageParams(List.of("hello"), null, true, 600);
        assertThat(module.plan(
                        other,
                        host(
                                other,
                                change.predicted()
                                        .get(PackageFacts.cache(PackageManager.APT))
                                        .stdout(),
                                "pkg\thello\tinstall\tinstalled\t2.10-3\n")))
                .as("a second resource of the host refreshes nothing")
                .isEqualTo(Change.none());
    }

    @Test
    void heldPackagesAreNeverChanged() {
        String held = "pkg\thello\thold\tinstalled\t2.10-2\ncand\thello\t2.10-3\n";
        PackageParams latest = params("latest", "hello");
        Change change = module.plan(latest, host(latest, FRESH_APT, held));
        assertThat(change.changed()).isFalse();
        assertThat(change.warnings()).containsExactly("hello is held at 2.10-2: not upgraded to 2.10-3");
        PackageParams absent = params("absent", "hello");
        assertThatThrownBy(() -> module.plan(absent, host(absent, FRESH_APT, held)))
                .isInstanceOf(PlanFailure.class)
                .hasMessage("hello is held at 2.10-2 (apt-mark unhold hello to let converge remove it)");
        PackageParams pin = params("present", "hello=2.10-3");
        assertThatThrownBy(() -> module.plan(pin, host(pin, FRESH_APT, held)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageStartingWith("hello is held at 2.10-2");
    }

    @Test
    void latestUpgradesToTheCandidateAndAbsentRemoves() {
        PackageParams latest = params("latest", "hello");
        String old = "pkg\thello\tinstall\tinstalled\t2.10-2\ncand\thello\t2.10-3\n";
        assertThat(module.plan(latest, host(latest, FRESH_APT, old)).operations())
                .containsExactly(
                        new Operation.MergeableCommand(apt("install", "--only-upgrade", "--"), List.of("hello")));
        assertThat(module.plan(
                        latest,
                        host(latest, FRESH_APT, "pkg\thello\tinstall\tinstalled\t2.10-3\ncand\thello\t2.10-3\n")))
                .isEqualTo(Change.none());
        PackageParams absent = params("absent", "hello", "nfs-common");
        Change remove = module.plan(
                absent, host(absent, FRESH_APT, old + "pkg\tnfs-common\tdeinstall\tconfig-files\t1:2.6.2-4\n"));
        assertThat(remove.operations())
                .containsExactly(new Operation.MergeableCommand(apt("remove", "--"), List.of("hello")));
        assertThat(remove.fields()).containsExactly(new Change.FieldChange("hello", "2.10-2", "absent"));
    }

    @Test
    void aStaleIndexIsRefreshedFirstAndAFreshOneIsNot() {
        PackageParams p = new PackageParams(List.of("hello"), null, true, 600);
        String state = "pkg\thello\tinstall\tinstalled\t2.10-3\n";
        Change stale = module.plan(p, host(p, "manager apt\nnow 100000\nstamp 99000\n", state));
        assertThat(stale.operations()).containsExactly(new Operation.RunCommand(PackageManager.APT.updateCache()));
        assertThat(stale.fields()).containsExactly(new Change.FieldChange("cache", "older than 600 s", "updated"));
        assertThat(module.plan(
                        p,
                        host(
                                p,
                                PackageFacts.Cache.parse(
                                                new CommandOutput(0, "manager apt\nnow 100000\nstamp 99000\n", ""))
                                        .refreshed()
                                        .stdout(),
                                state)))
                .isEqualTo(Change.none());
        assertThat(module.plan(p, host(p, "manager apt\nnow 100000\nstamp none\n", state))
                        .fields()
                        .get(0))
                .isEqualTo(new Change.FieldChange("cache", "never updated", "updated"));
    }

    @Test
    void anUnknownPackageFailsThePlanUnlessTheIndexIsRefreshedFirst() {
        PackageParams p = params(null, "no-such-package");
        assertThatThrownBy(() -> module.plan(p, host(p, FRESH_APT, "")))
                .isInstanceOf(PlanFailure.class)
                .hasMessage(
                        "no package no-such-package in this host's package index (update_cache: true refreshes it)");
        PackageParams refreshing = new PackageParams(List.of("no-such-package"), null, true, null);
        assertThat(module.plan(refreshing, host(refreshing, "manager apt\nnow 1\nstamp none\n", ""))
                        .operations())
                .hasSize(2);
    }

    /**
     * After an earlier resource of the run refreshes the index (its predicted cache output), the
     * gathered candidates are stale: a package they lack is installed, not refused (lab/test-modules).
     */
    @Test
    void aPackageTheStaleIndexLacksIsInstalledWhenAnEarlierResourceRefreshesIt() {
        PackageParams p = params(null, "nfs-common");
        String predicted = PackageFacts.Cache.parse(new CommandOutput(0, "manager apt\nnow 100000\nstamp none\n", ""))
                .refreshed()
                .stdout();
        Change change = module.plan(p, host(p, predicted, ""));
        assertThat(change.operations())
                .containsExactly(new Operation.MergeableCommand(apt("install", "--"), List.of("nfs-common")));
        assertThat(change.fields()).containsExactly(new Change.FieldChange("nfs-common", "absent", "present"));
        assertThatThrownBy(() -> module.plan(p, host(p, "manager apt\nnow 100000\nstamp none\n", "")))
                .as("no refresh in this run")
                .isInstanceOf(PlanFailure.class);
    }

    @Test
    void dnfYumAndApkSpellTheirOwnCommands() {
        PackageParams p = params(null, "chrony=4.3", "vim");
        String rpmState = "cand\tchrony\t4.3-1.el9\ncand\tvim\t2:9.0-1.el9\n";
        assertThat(module.plan(p, host(p, "manager dnf\nnow 1\nstamp none\n", rpmState))
                        .operations())
                .containsExactly(new Operation.MergeableCommand(
                        List.of("dnf", "-y", "install", "--"), List.of("chrony-4.3", "vim")));
        assertThat(module.plan(p, host(p, "manager yum\nnow 1\nstamp none\n", rpmState))
                        .operations())
                .containsExactly(new Operation.MergeableCommand(
                        List.of("yum", "-y", "install", "--"), List.of("chrony-4.3", "vim")));
        PackageParams pinned = params(null, "chrony=4.3");
        assertThat(module.plan(
                        pinned,
                        host(
                                pinned,
                                "manager dnf\nnow 1\nstamp none\n",
                                "pkg\tchrony\tinstall\tinstalled\t4.3-1.el9\n")))
                .as("a pin without the release matches the installed version-release")
                .isEqualTo(Change.none());
        String apk =
                "apk-available\tvim-9.0.2-r0 x86_64 {vim} (Vim) \napk-available\tchrony-4.3-r1 x86_64 {chrony} (GPL-2.0)\n";
        assertThat(module.plan(params(null, "vim"), host(params(null, "vim"), "manager apk\nnow 1\nstamp none\n", apk))
                        .operations())
                .containsExactly(
                        new Operation.MergeableCommand(List.of("apk", "add", "--no-progress"), List.of("vim")));
        String apkInstalled = "apk-installed\tvim-9.0.2-r0 x86_64 {vim} (Vim) [installed]\n";
        PackageParams vimGone = params("absent", "vim");
        assertThat(module.plan(vimGone, host(vimGone, "manager apk\nnow 1\nstamp none\n", apkInstalled))
                        .operations())
                .containsExactly(
                        new Operation.MergeableCommand(List.of("apk", "del", "--no-progress"), List.of("vim")));
    }

    @Test
    void aHostWithoutAKnownManagerFailsThePlan() {
        PackageParams p = params(null, "hello");
        assertThatThrownBy(() -> module.plan(p, host(p, "manager none\nnow 1\nstamp none\n", "")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("no supported package manager on this host");
    }

    /** No shell copy of the manager detection: one variant per manager, dispatched on the host fact pkg_manager. */
    @Test
    void theManagerIsTheHostFactAndOnlyItsVariantIsRead() {
        PackageParams p = params(null, "hello");
        assertThat(module.facts(p))
                .hasSize(2 * PackageManager.values().length)
                .allSatisfy(
                        f -> assertThat(((Fact.CommandRun) f).when().hostFact()).isEqualTo("pkg_manager"))
                .noneMatch(f -> String.join(" ", ((Fact.CommandRun) f).argv()).contains("command -v"));
        FakeFacts apk = host(
                p,
                "manager apk\nnow 1\nstamp none\n",
                "apk-available\thello-2.12-r1 x86_64 {hello} (GPL-3.0-or-later)\n");
        assertThatThrownBy(() -> apk.read(new TypedFact<>(PackageFacts.cache(PackageManager.APT), o -> o, o -> o)))
                .isInstanceOf(UnreadableFactException.class);
        assertThat(module.plan(p, apk).operations())
                .containsExactly(
                        new Operation.MergeableCommand(List.of("apk", "add", "--no-progress"), List.of("hello")));
    }

    @Test
    void invalidParametersAreProblems() {
        assertThat(problems(new PackageParams(null, null, null, null)))
                .extracting(ParamProblem::parameter)
                .containsExactly("name");
        assertThat(problems(new PackageParams(List.of("-oAPT::x=y"), null, null, null)))
                .extracting(ParamProblem::reason)
                .containsExactly("'-oAPT::x=y' is not a package name (NAME, NAME:ARCH or NAME=VERSION)");
        assertThat(problems(params("absent", "hello=2.10-3")))
                .extracting(ParamProblem::parameter)
                .containsExactly("name");
        assertThat(problems(params("installed", "hello")))
                .extracting(ParamProblem::parameter)
                .containsExactly("state");
        assertThat(problems(new PackageParams(List.of("hello"), null, null, 60)))
                .extracting(ParamProblem::parameter)
                .containsExactly("cache_valid_time");
        assertThat(problems(params(null, "hello", "nfs-common=1:2.6.2-4+deb12u1", "libc6:amd64")))
                .isEmpty();
    }

    private List<ParamProblem> problems(PackageParams p) {
        return module.validate(p, null);
    }
}
