package dev.converge.modules.sysctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import dev.converge.testing.FakeFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The live value's parser and printer, and (value, live value) → change as a table. */
class SysctlFactsTest {
    private final SysctlModule module = new SysctlModule();

    private static SysctlParams params(String key, String value) {
        return new SysctlParams(key, value, null, "/etc/sysctl.d/60-test.conf", null);
    }

    /** sysctl -n's answer → the value the plan compares (words joined by one space). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            '1\\n'                | 1
            '4096\\t87380\\t6291456\\n' | 4096 87380 6291456
            '  0  \\n'            | 0
            """)
    void parserAndPrinter(String stdout, String value) {
        TypedFact<String> live = SysctlModule.live(params("net.ipv4.ip_forward", "1"));
        String parsed =
                live.parse(new CommandOutput(0, stdout.replace("\\n", "\n").replace("\\t", "\t"), ""));
        assertThat(parsed).isEqualTo(value);
        assertThat(live.parse(live.print(parsed))).isEqualTo(parsed);
    }

    /** wanted, live, whether the live value is set (the file is already right in every row). */
    @ParameterizedTest(name = "want {0}, live {1}: sets {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1                 | 0                 | true
            1                 | 1                 | false
            4096 87380 6291456 | 4096	87380	6291456 | false
            4096 87380 6291456 | 4096 16384 4194304 | true
            """)
    void planTable(String wanted, String live, boolean sets) {
        SysctlParams p = params("net.ipv4.tcp_rmem", wanted);
        FakeFacts facts = FakeFacts.forModule(module, p)
                .file("/etc/sysctl.d/60-test.conf", "net.ipv4.tcp_rmem = " + wanted + "\n")
                .command(SysctlModule.live(p).fact(), 0, live + "\n");
        Change change = module.plan(p, facts);
        assertThat(change.changed()).isEqualTo(sets);
        if (sets) {
            assertThat(change.predicted().get(SysctlModule.live(p).fact()).stdout())
                    .isEqualTo(wanted + "\n");
        }
    }

    @Test
    void anUnreadableKeyFailsThePlan() {
        TypedFact<String> live = SysctlModule.live(params("net.no.such", "1"));
        assertThatThrownBy(() -> live.parse(new CommandOutput(255, "", "sysctl: cannot stat /proc/sys/net/no/such")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("sysctl cannot read net.no.such on this host (exit 255");
    }
}
