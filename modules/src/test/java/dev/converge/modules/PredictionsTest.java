package dev.converge.modules;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.group.GroupModule;
import dev.converge.modules.group.GroupParams;
import dev.converge.modules.support.Getent;
import dev.converge.modules.user.UserModule;
import dev.converge.modules.user.UserParams;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Module;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import dev.converge.testing.FakeFacts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data-driven (params, facts) → change cases for the modules that predict their post-state: the
 * change predicts the command output it leaves, and planning again on that prediction is a no-op
 * (what the next resource sees is what this one converges to). The typed facts' parsers and
 * printers agree: what a value prints parses back to it.
 */
class PredictionsTest {
    private static final List<String> GROUP = List.of("getent", "group", "nova");
    private static final List<String> PASSWD = List.of("getent", "passwd", "nova");

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(
                        "groupadd with a gid",
                        new GroupModule(),
                        bind(GroupParams.class, "{'name':'nova','gid':162}"),
                        Map.of(GROUP, new CommandOutput(2, "", "")),
                        GROUP,
                        "nova:x:162:\n"),
                Arguments.of(
                        "groupmod keeps the members",
                        new GroupModule(),
                        bind(GroupParams.class, "{'name':'nova','gid':162}"),
                        Map.of(GROUP, new CommandOutput(0, "nova:x:125:a,b\n", "")),
                        GROUP,
                        "nova:x:162:a,b\n"),
                Arguments.of(
                        "groupdel",
                        new GroupModule(),
                        bind(GroupParams.class, "{'name':'nova','state':'absent'}"),
                        Map.of(GROUP, new CommandOutput(0, "nova:x:125:\n", "")),
                        GROUP,
                        ""),
                Arguments.of(
                        "usermod of uid, home and shell",
                        new UserModule(),
                        bind(UserParams.class, "{'name':'nova','uid':162,'home':'/var/lib/nova','shell':'/bin/sh'}"),
                        Map.of(PASSWD, new CommandOutput(0, "nova:x:125:125::/home/nova:/bin/bash\n", "")),
                        PASSWD,
                        "nova:x:162:125::/var/lib/nova:/bin/sh\n"),
                Arguments.of(
                        "usermod to a numeric group",
                        new UserModule(),
                        bind(UserParams.class, "{'name':'nova','group':'162'}"),
                        Map.of(PASSWD, new CommandOutput(0, "nova:x:125:125::/home/nova:/bin/sh\n", "")),
                        PASSWD,
                        "nova:x:125:162::/home/nova:/bin/sh\n"),
                Arguments.of(
                        "userdel",
                        new UserModule(),
                        bind(UserParams.class, "{'name':'nova','state':'absent'}"),
                        Map.of(PASSWD, new CommandOutput(0, "nova:x:125:125::/home/nova:/bin/sh\n", "")),
                        PASSWD,
                        ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    <P extends Record> void theChangePredictsWhatItLeavesAndPlansNothingOnIt(
            String name,
            Module<P> module,
            P params,
            Map<List<String>, CommandOutput> facts,
            List<String> predictedArgv,
            String predictedStdout) {
        FakeFacts before = FakeFacts.forModule(module, params);
        facts.forEach((argv, out) -> before.command(argv, out.exitCode(), out.stdout()));
        Change change = module.plan(params, before);

        assertThat(change.changed()).isTrue();
        CommandOutput predicted = change.predicted().get(new Fact.CommandRun(predictedArgv));
        assertThat(predicted).as("prediction of %s", predictedArgv).isNotNull();
        assertThat(predicted.stdout()).isEqualTo(predictedStdout);

        FakeFacts after = FakeFacts.forModule(module, params);
        facts.forEach((argv, out) -> after.command(argv, out.exitCode(), out.stdout()));
        change.predicted().forEach((fact, out) -> after.command(fact.argv(), out.exitCode(), out.stdout()));
        assertThat(module.plan(params, after))
                .as("planned again on its own prediction")
                .isEqualTo(Change.none());
    }

    static Stream<Arguments> entries() {
        return Stream.of(
                Arguments.of(Getent.groupOf("nova"), Optional.of(new Getent.Group("nova", 162, List.of("a", "b")))),
                Arguments.of(Getent.groupOf("nova"), Optional.empty()),
                Arguments.of(
                        Getent.passwdOf("nova"),
                        Optional.of(new Getent.Passwd("nova", 162, 162, "/var/lib/nova", "/bin/sh"))),
                Arguments.of(Getent.passwdOf("nova"), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("entries")
    <T> void whatAValuePrintsParsesBackToIt(TypedFact<T> fact, T value) {
        assertThat(fact.parse(fact.print(value))).isEqualTo(value);
    }

    @Test
    void aFailedLookupFailsThePlanInsteadOfReadingAsAbsent() {
        assertThatThrownBy(() -> Getent.groupOf("nova").parse(new CommandOutput(1, "", "nss down")))
                .isInstanceOf(PlanFailure.class)
                .hasMessage("getent group nova failed (exit 1)");
    }
}
