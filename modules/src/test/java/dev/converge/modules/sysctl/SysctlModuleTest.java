package dev.converge.modules.sysctl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.testing.FakeFacts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SysctlModuleTest {
    private static final String FILE = "/etc/sysctl.d/99-converge.conf";
    private static final List<String> LIVE = List.of("sysctl", "-n", "--", "net.ipv4.ip_forward");
    private final SysctlModule module = new SysctlModule();

    private static String written(Change change) {
        return change.operations().stream()
                .filter(o -> o instanceof Operation.WriteFile)
                .map(o -> new String(((Operation.WriteFile) o).content(), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void writesTheFileAndSetsTheLiveValueThenConverges() {
        SysctlParams p = new SysctlParams("net.ipv4.ip_forward", "1", null, null, null);
        FakeFacts host = FakeFacts.forModule(module, p).command(LIVE, 0, "0\n");
        Change change = module.plan(p, host);
        assertThat(written(change)).isEqualTo("net.ipv4.ip_forward = 1\n");
        assertThat(change.operations())
                .last()
                .isEqualTo(new Operation.RunCommand(List.of("sysctl", "-q", "-w", "net.ipv4.ip_forward=1")));
        assertThat(change.fields())
                .containsExactly(
                        new Change.FieldChange("net.ipv4.ip_forward (file)", "", "1"),
                        new Change.FieldChange("net.ipv4.ip_forward (live)", "0", "1"));
        FakeFacts after = FakeFacts.forModule(module, p)
                .file(FILE, "net.ipv4.ip_forward = 1\n")
                .command(LIVE, 0, "1\n");
        assertThat(module.plan(p, after)).isEqualTo(Change.none());
    }

    @Test
    void theLastAssignmentIsReplacedEarlierOnesGoSlashesAndCommentsKept() {
        String content = "# forwarding\nnet/ipv4/ip_forward=0\nkernel.panic = 10\n-net.ipv4.ip_forward = 0\n";
        assertThat(SysctlFile.set(content, "net.ipv4.ip_forward", "1"))
                .isEqualTo("# forwarding\nkernel.panic = 10\n-net.ipv4.ip_forward = 1\n");
        assertThat(SysctlFile.remove(content, "net.ipv4.ip_forward")).isEqualTo("# forwarding\nkernel.panic = 10\n");
        assertThat(SysctlFile.value(content, "kernel.panic")).isEqualTo("10");
    }

    @Test
    void multiFieldValuesCompareFieldByField() {
        SysctlParams p =
                new SysctlParams("net.ipv4.tcp_rmem", "4096  131072 6291456", null, "/etc/sysctl.d/tcp.conf", null);
        FakeFacts host = FakeFacts.forModule(module, p)
                .file("/etc/sysctl.d/tcp.conf", "net.ipv4.tcp_rmem = 4096 131072 6291456\n")
                .command(List.of("sysctl", "-n", "--", "net.ipv4.tcp_rmem"), 0, "4096\t131072\t6291456\n");
        assertThat(module.plan(p, host)).isEqualTo(Change.none());
    }

    @Test
    void absentRemovesFromTheFileOnlyAndLiveFalseReadsNoKernel() {
        SysctlParams gone = new SysctlParams("net.ipv4.ip_forward", null, "absent", null, null);
        assertThat(module.facts(gone)).hasSize(1);
        Change change =
                module.plan(gone, FakeFacts.forModule(module, gone).file(FILE, "a = 1\nnet.ipv4.ip_forward = 1\n"));
        assertThat(written(change)).isEqualTo("a = 1\n");
        SysctlParams fileOnly = new SysctlParams("vm.swappiness", "10", null, null, false);
        assertThat(module.plan(fileOnly, FakeFacts.forModule(module, fileOnly)).operations())
                .hasSize(1);
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(new SysctlParams(null, null, "gone", "rel", null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("name", "state", "value", "file");
        assertThat(module.validate(new SysctlParams("-a", "1", null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("name");
    }
}
