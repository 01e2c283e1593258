package dev.converge.modules.iptables;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesModuleTest {
    private static final List<String> SHOW = List.of("iptables", "-t", "filter", "-S", "INPUT");
    private static final String STOCK =
            "-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n" + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n";
    private final IptablesModule module = new IptablesModule();

    @Test
    void libvirtPortFromTheComputeSubnetPlansThenConverges() {
        IptablesParams p = bind(
                IptablesParams.class,
                "{'protocol':'tcp','dport':16509,'source':'10.77.0.5/24','comment':'libvirt migration'}");
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK));
        assertThat(change.operations())
                .containsExactly(new Operation.RunCommand(List.of(
                        "iptables",
                        "-t",
                        "filter",
                        "-I",
                        "INPUT",
                        "-s",
                        "10.77.0.0/24",
                        "-p",
                        "tcp",
                        "-m",
                        "tcp",
                        "--dport",
                        "16509",
                        "-m",
                        "comment",
                        "--comment",
                        "libvirt migration",
                        "-j",
                        "ACCEPT")));
        // what iptables -S prints after the insert
        String after = "-P INPUT ACCEPT\n-A INPUT -s 10.77.0.0/24 -p tcp -m tcp --dport 16509 "
                + "-m comment --comment \"libvirt migration\" -j ACCEPT\n" + STOCK.substring(16);
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, after)))
                .isEqualTo(Change.none());
    }

    @Test
    void portRangeAndBareHostNormalise() {
        IptablesParams p = new IptablesParams(
                null, null, "TCP", "10.77.0.12", null, null, "49152-49215", null, null, null, "append", null, null);
        String after = "-A INPUT -s 10.77.0.12/32 -p tcp -m tcp --dport 49152:49215 -j ACCEPT\n";
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, after)))
                .isEqualTo(Change.none());
        Change add = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK));
        assertThat(((Operation.RunCommand) add.operations().get(0)).argv()).contains("-A", "49152:49215");
    }

    @Test
    void absentDeletesEveryCopy() {
        IptablesParams p =
                new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, "absent", null, null, null);
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK + STOCK.substring(16)));
        List<String> delete = new ArrayList<>(List.of("iptables", "-t", "filter", "-D", "INPUT"));
        delete.addAll(List.of("-p", "tcp", "-m", "tcp", "--dport", "22", "-j", "ACCEPT"));
        assertThat(change.operations())
                .containsExactly(new Operation.RunCommand(delete), new Operation.RunCommand(delete));
    }

    @Test
    void quotedCommentsWithEscapesAreRead() {
        assertThat(RuleSpec.words("-A INPUT -m comment --comment \"say \\\"hi\\\"\" -j ACCEPT"))
                .containsExactly("-A", "INPUT", "-m", "comment", "--comment", "say \"hi\"", "-j", "ACCEPT");
    }

    @Test
    void failedProbeFailsLoudly() {
        IptablesParams p =
                new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, null, null, null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 127, "")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("iptables -t filter -S INPUT failed");
    }

    @Test
    void invalidParams() {
        IptablesParams p = new IptablesParams(
                "IN PUT", "filtre", "gre", "hostb", "fd00::/8", null, "70000", null, null, "on", "middle", null, null);
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder(
                        "chain", "table", "protocol", "source", "destination", "dport", "state", "position");
        assertThat(module.validate(
                        new IptablesParams(
                                null, null, null, null, null, null, "22", null, null, null, null, null, null),
                        null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("dport", "protocol");
    }

    @Test
    void saveWritesTheRulesAfterTheChangeOnly() {
        IptablesParams p =
                bind(IptablesParams.class, "{'protocol':'tcp','dport':16509,'source':'10.77.0.0/24','save':true}");
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK));
        assertThat(change.operations()).hasSize(2);
        assertThat(change.operations().get(1))
                .isEqualTo(new Operation.RunCommand(List.of(
                        "sh",
                        "-c",
                        "mkdir -p \"$(dirname \"$1\")\" && iptables-save > \"$1.tmp\" && mv \"$1.tmp\" \"$1\"",
                        "iptables-save",
                        "/etc/iptables/rules.v4")));
        String after = "-A INPUT -s 10.77.0.0/24 -p tcp -m tcp --dport 16509 -j ACCEPT\n" + STOCK;
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, after)))
                .isEqualTo(Change.none());

        IptablesParams other = bind(
                IptablesParams.class,
                "{'protocol':'tcp','dport':22,'state':'absent','save':true,'rules_file':'/etc/sysconfig/iptables'}");
        Change removed = module.plan(other, FakeFacts.forModule(module, other).command(SHOW, 0, STOCK));
        assertThat(((Operation.RunCommand) removed.operations().get(1)).argv()).endsWith("/etc/sysconfig/iptables");
    }

    @Test
    void rulesFileNeedsSaveAndAnAbsolutePath() {
        assertThat(module.validate(bind(IptablesParams.class, "{'protocol':'tcp','rules_file':'/etc/x'}"), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("rules_file");
        assertThat(module.validate(bind(IptablesParams.class, "{'protocol':'tcp','save':true,'rules_file':'x'}"), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("rules_file");
    }

    @Test
    void libvirtAndMigrationPortsOpenToTheWorldOrAWideNetworkAreWarnedAbout() {
        String after = "-A INPUT -p tcp -m tcp --dport 16509 -j ACCEPT\n";
        IptablesParams open = bind(IptablesParams.class, "{'protocol':'tcp','dport':16509}");
        List<String> warnings = module.plan(
                        open, FakeFacts.forModule(module, open).command(SHOW, 0, STOCK))
                .warnings();
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("16509 from any address", "TLS (16514)", "compute peers' subnet");
        assertThat(module.plan(open, FakeFacts.forModule(module, open).command(SHOW, 0, after))
                        .warnings())
                .as("repeated on a no-op run")
                .isEqualTo(warnings);
        IptablesParams wide =
                bind(IptablesParams.class, "{'protocol':'tcp','dport':'49000:50000','source':'10.0.0.0/8'}");
        assertThat(module.plan(wide, FakeFacts.forModule(module, wide).command(SHOW, 0, STOCK))
                        .warnings())
                .singleElement()
                .asString()
                .contains("migration ports 49152-49215 from 10.0.0.0/8 (wider than a /16)");
        for (String quiet : List.of(
                "{'protocol':'tcp','dport':16509,'source':'10.77.0.0/16'}",
                "{'protocol':'tcp','dport':16514}",
                "{'protocol':'tcp','dport':16509,'jump':'DROP'}",
                "{'protocol':'tcp','dport':16509,'state':'absent'}")) {
            IptablesParams p = bind(IptablesParams.class, quiet);
            assertThat(module.plan(p, FakeFacts.forModule(module, p).command(SHOW, 0, STOCK))
                            .warnings())
                    .as(quiet)
                    .isEmpty();
        }
    }
}
