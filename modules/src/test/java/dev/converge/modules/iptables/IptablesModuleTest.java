package dev.converge.modules.iptables;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.testing.FakeFacts;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesModuleTest {
    private static final List<String> SHOW = List.of("iptables", "-t", "filter", "-S", "INPUT");
    private static final String STOCK = "-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n"
            + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n";
    private final IptablesModule module = new IptablesModule();

    @Test
    void libvirtPortFromTheComputeSubnetPlansThenConverges() {
        IptablesParams p = bind(IptablesParams.class,
                "{'protocol':'tcp','dport':16509,'source':'10.77.0.5/24','comment':'libvirt migration'}");
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK));
        assertThat(change.operations()).containsExactly(new Operation.RunCommand(List.of("iptables", "-t", "filter",
                "-I", "INPUT", "-s", "10.77.0.0/24", "-p", "tcp", "-m", "tcp", "--dport", "16509", "-m", "comment",
                "--comment", "libvirt migration", "-j", "ACCEPT")));
        // what iptables -S prints after the insert
        String after = "-P INPUT ACCEPT\n-A INPUT -s 10.77.0.0/24 -p tcp -m tcp --dport 16509 "
                + "-m comment --comment \"libvirt migration\" -j ACCEPT\n" + STOCK.substring(16);
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, after))).isEqualTo(Change.none());
    }

    @Test
    void portRangeAndBareHostNormalise() {
        IptablesParams p = new IptablesParams(null, null, "TCP", "10.77.0.12", null, null, "49152-49215", null, null,
                null, "append");
        String after = "-A INPUT -s 10.77.0.12/32 -p tcp -m tcp --dport 49152:49215 -j ACCEPT\n";
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, after))).isEqualTo(Change.none());
        Change add = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK));
        assertThat(((Operation.RunCommand) add.operations().get(0)).argv()).contains("-A", "49152:49215");
    }

    @Test
    void absentDeletesEveryCopy() {
        IptablesParams p = new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, "absent", null);
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK + STOCK.substring(16)));
        List<String> delete = new ArrayList<>(List.of("iptables", "-t", "filter", "-D", "INPUT"));
        delete.addAll(List.of("-p", "tcp", "-m", "tcp", "--dport", "22", "-j", "ACCEPT"));
        assertThat(change.operations()).containsExactly(new Operation.RunCommand(delete),
                new Operation.RunCommand(delete));
    }

    @Test
    void quotedCommentsWithEscapesAreRead() {
        assertThat(RuleSpec.words("-A INPUT -m comment --comment \"say \\\"hi\\\"\" -j ACCEPT"))
                .containsExactly("-A", "INPUT", "-m", "comment", "--comment", "say \"hi\"", "-j", "ACCEPT");
    }

    @Test
    void failedProbeFailsLoudly() {
        IptablesParams p = new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 127, "")))
                .isInstanceOf(dev.converge.spi.PlanFailure.class).hasMessageContaining("iptables -t filter -S INPUT failed");
    }

    @Test
    void invalidParams() {
        IptablesParams p = new IptablesParams("IN PUT", "filtre", "gre", "hostb", "fd00::/8", null, "70000", null,
                null, "on", "middle");
        assertThat(module.validate(p, null)).extracting(ParamProblem::parameter).containsExactlyInAnyOrder(
                "chain", "table", "protocol", "source", "destination", "dport", "state", "position");
        assertThat(module.validate(new IptablesParams(null, null, null, null, null, null, "22", null, null, null,
                null), null)).extracting(ParamProblem::parameter).containsExactlyInAnyOrder("dport", "protocol");
    }
}
