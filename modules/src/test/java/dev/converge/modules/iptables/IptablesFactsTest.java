package dev.converge.modules.iptables;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Operation;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** (params, the chain's rules) → change, as a table, with the predicted rules checked against a re-plan. */
class IptablesFactsTest {
    private final IptablesModule module = new IptablesModule();

    /** params (JSON), {@code iptables -S} output ({@code \n} escaped), the action planned ({@code -} none). */
    @ParameterizedTest(name = "{0} on [{1}]: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {'protocol':'tcp','dport':'22'}                        | -N INPUT                                                       | -I
            {'protocol':'tcp','dport':'22'}                        | -P INPUT ACCEPT\\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT  | -
            {'protocol':'tcp','dport':'22','position':'append'}    | -A INPUT -j REJECT                                             | -A
            {'protocol':'tcp','dport':'22','state':'absent'}       | -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT | -D;-D
            {'protocol':'tcp','dport':'22','state':'absent'}       | -A INPUT -p tcp -m tcp --dport 80 -j ACCEPT                    | -
            {'protocol':'tcp','dport':'22','comment':'ssh in'}     | -A INPUT -p tcp -m tcp --dport 22 -m comment --comment "ssh in" -j ACCEPT | -
            """)
    void planTable(String json, String rules, String actions) {
        IptablesParams p = bind(IptablesParams.class, json);
        FakeFacts facts = FakeFacts.forModule(module, p)
                .command(IptablesModule.rules(p).fact(), 0, rules.replace("\\n", "\n") + "\n");
        Change change = module.plan(p, facts);
        assertThat(change.operations().stream()
                        .map(o -> ((Operation.RunCommand) o).argv().get(3))
                        .toList())
                .containsExactlyElementsOf(actions.equals("-") ? List.of() : List.of(actions.split(";")));
        if (change.changed()) {
            CommandOutput after = change.predicted().get(IptablesModule.rules(p).fact());
            assertThat(module.plan(
                                    p,
                                    FakeFacts.forModule(module, p)
                                            .command(IptablesModule.rules(p).fact(), 0, after.stdout()))
                            .changed())
                    .as("planned on its prediction, the same rule is a no-op")
                    .isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            plain
            'with space'
            'quote " and \\ backslash'
            """)
    void quotedIsTheInverseOfWords(String word) {
        assertThat(RuleSpec.words("-m comment --comment " + RuleSpec.quoted(word)))
                .containsExactly("-m", "comment", "--comment", word);
    }
}
