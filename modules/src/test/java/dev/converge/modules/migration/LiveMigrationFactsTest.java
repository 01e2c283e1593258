package dev.converge.modules.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.TypedFact;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** virsh domstate's answer → the instance's state on a host, and the printer as its inverse. */
class LiveMigrationFactsTest {
    @ParameterizedTest(name = "exit {0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0   | 'running\\n'           | running
            0   | 'shut off\\n\\n'       | shut off
            0   | 'paused\\nextra\\n'    | paused
            0   | ''                     | unknown
            1   | ''                     | not defined
            127 | ''                     | no virsh
            """)
    void parserAndPrinter(int exit, String stdout, String state) {
        TypedFact<String> domstate =
                LiveMigrationModule.domstate(new LiveMigrationParams("vm1", "HostC", null, null, null, null, null));
        String parsed = domstate.parse(new CommandOutput(exit, stdout.replace("\\n", "\n"), ""));
        assertThat(parsed).isEqualTo(state);
        assertThat(domstate.parse(domstate.print(parsed))).isEqualTo(parsed);
    }
}
