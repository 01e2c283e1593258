package dev.converge.modules.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.converge.spi.CommandOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probes against this machine's real dpkg and apt (read-only), and the parser on each manager's output. */
class PackageFactsTest {

    private static CommandOutput run(List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).start();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        return new CommandOutput(p.waitFor(), out, err);
    }

    @Test
    void theStateProbeReadsTheRealDpkgDatabase() throws Exception {
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/dpkg-query")) && Files.isExecutable(Path.of("/usr/bin/apt-get")),
                "a Debian machine");
        List<PackageSpec> specs = List.of(new PackageSpec("dpkg", ""), new PackageSpec("converge-no-such-package", ""));
        CommandOutput out = run(PackageFacts.state(PackageManager.APT, specs).argv());
        assertThat(out.exitCode()).isZero();
        String version =
                run(List.of("dpkg-query", "-W", "-f=${Version}", "dpkg")).stdout();
        Map<String, PackageFacts.Installed> state =
                PackageFacts.parseState(out, List.of("dpkg", "converge-no-such-package"));
        assertThat(state.get("dpkg"))
                .extracting(PackageFacts.Installed::installed, PackageFacts.Installed::version)
                .containsExactly(true, version);
        assertThat(state.get("converge-no-such-package"))
                .isEqualTo(new PackageFacts.Installed("converge-no-such-package", false, false, "", ""));
        PackageFacts.Cache cache = PackageFacts.Cache.parse(
                run(PackageFacts.cache(PackageManager.APT).argv()));
        assertThat(cache.manager()).isEqualTo("apt");
        assertThat(cache.now()).isGreaterThan(1_700_000_000L);
    }

    @Test
    void printIsTheInverseOfParse() {
        List<PackageFacts.Installed> pkgs = List.of(
                new PackageFacts.Installed("hello", true, true, "2.10-3", "2.10-3"),
                new PackageFacts.Installed("nfs-common", false, false, "", "1:2.6.2-4"),
                new PackageFacts.Installed("gone", false, false, "", ""));
        assertThat(PackageFacts.parseState(PackageFacts.print(pkgs), List.of("hello", "nfs-common", "gone"))
                        .values())
                .containsExactlyElementsOf(pkgs);
    }

    @Test
    void rpmAndApkOutputs() {
        CommandOutput rpm =
                new CommandOutput(0, "pkg\tchrony\tinstall\tinstalled\t4.3-1.el9\ncand\tchrony\t4.5-1.el9\n", "");
        assertThat(PackageFacts.parseState(rpm, List.of("chrony")).get("chrony"))
                .isEqualTo(new PackageFacts.Installed("chrony", true, false, "4.3-1.el9", "4.5-1.el9"));
        CommandOutput apk = new CommandOutput(
                0,
                "apk-installed\tvim-9.0.2-r0 x86_64 {vim} (Vim) [installed]\n"
                        + "apk-available\tvim-9.0.2-r0 x86_64 {vim} (Vim) [installed]\napk-available\tvim-common-9.0.2-r0 noarch {vim} (Vim)\n",
                "");
        assertThat(PackageFacts.parseState(apk, List.of("vim")).get("vim"))
                .isEqualTo(new PackageFacts.Installed("vim", true, false, "9.0.2-r0", "9.0.2-r0"));
    }
}
