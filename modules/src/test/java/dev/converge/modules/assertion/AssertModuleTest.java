package dev.converge.modules.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code assert} never changes anything, so the contract suite's "first plan changes" does not
 * apply; these tests gather real facts through the engine's scripts (ModuleHarness) instead.
 */
class AssertModuleTest {
    private final AssertModule module = new AssertModule();

    @TempDir
    Path dir;

    private static AssertParams cmd(List<String> argv, Integer rc, String matches, String equals) {
        return new AssertParams(argv, rc, matches, equals, null, null, null);
    }

    private static AssertParams path(String path, String state) {
        return new AssertParams(null, null, null, null, path, state, null);
    }

    private Change planLocally(AssertParams p) throws Exception {
        assertThat(module.validate(p, null)).as("valid: %s", p).isEmpty();
        ModuleHarness<AssertParams> harness = new ModuleHarness<>(module, null);
        ModuleHarness.Planned planned = harness.plan(p);
        List<Fact> reads = new ArrayList<>();
        assertThat(harness.planWith(p, planned.facts(), reads)).isEqualTo(planned.change());
        assertThat(module.facts(p)).containsAll(reads);
        return planned.change();
    }

    @Test
    void pathChecksHoldOrFailWithExpectedAndSeen() throws Exception {
        Files.writeString(dir.resolve("present.conf"), "x\n");
        String present = dir.resolve("present.conf").toString();
        String missing = dir.resolve("it's $(touch pwned)").toString();
        assertThat(planLocally(path(present, null))).isEqualTo(Change.none());
        assertThat(planLocally(path(dir.toString(), "directory"))).isEqualTo(Change.none());
        assertThat(planLocally(path(missing, "absent"))).isEqualTo(Change.none());
        assertThatThrownBy(() -> planLocally(path(missing, "exists")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("expected " + missing + " to be present, but it does not exist");
        assertThatThrownBy(() -> planLocally(path(present, "directory")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("to be a directory, but it is a file");
        assertThatThrownBy(() -> planLocally(path(present, "absent")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("to be absent, but it is a file");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void commandChecksRunForRealThroughTheGatherScript() throws Exception {
        assertThat(planLocally(cmd(List.of("echo", "active"), null, null, "active")))
                .isEqualTo(Change.none());
        assertThat(planLocally(cmd(List.of("sh", "-c", "exit 3"), 3, null, null)))
                .isEqualTo(Change.none());
        assertThat(planLocally(cmd(List.of("printf", "listen_tcp = 1\nx\n"), null, "(?m)^listen_tcp = 1$", null)))
                .isEqualTo(Change.none());
        assertThatThrownBy(() ->
                        planLocally(cmd(List.of("sh", "-c", "echo inactive; echo oops >&2; exit 3"), null, null, null)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("expected exit code 0, got 3")
                .hasMessageContaining("stdout: \"inactive\"")
                .hasMessageContaining("stderr: \"oops\"");
        assertThatThrownBy(() -> planLocally(cmd(List.of("echo", "inactive"), null, null, "active")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("expected stdout \"active\", got \"inactive\"");
        assertThatThrownBy(() -> planLocally(cmd(List.of("echo", "tls"), 0, "^tcp$", null)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("expected stdout matching /^tcp$/, got \"tls\"");
    }

    @Test
    void whatNamesTheCheckAndLongOutputIsCut() {
        AssertParams p = new AssertParams(List.of("virsh", "list"), null, null, "x", null, null, "no guests");
        String big = "y".repeat(5000);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p).command(p.cmd(), 0, big + "\n")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageStartingWith("assert no guests: expected stdout \"x\"")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(400));
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(new AssertParams(null, null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("cmd");
        assertThat(module.validate(new AssertParams(List.of("true"), null, null, null, "/x", null, null), null))
                .extracting(ParamProblem::parameter)
                .contains("path");
        assertThat(module.validate(cmd(List.of("systemctl is-active libvirtd"), null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("cmd");
        assertThat(module.validate(cmd(List.of("true"), 300, "(", "x"), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("rc", "stdout_matches", "stdout_equals");
        assertThat(module.validate(new AssertParams(null, 0, "x", null, "relative", "present", null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "state", "rc", "stdout_matches");
        assertThat(module.validate(new AssertParams(List.of("true"), null, null, null, null, "absent", null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("state");
    }

    @Test
    void aCommandIsCheckedLiveAndAPathAsPlanned() {
        assertThat(module.checksLiveState(cmd(List.of("true"), 0, null, null))).isTrue();
        assertThat(module.checksLiveState(path("/etc/hosts", "exists"))).isFalse();
    }
}
