package dev.converge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.graph.NodeState;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner on a compiled playbook (implicit localhost) with fake modules and given facts: no host involved. */
class PlannerTest {
    @TempDir
    Path dir;

    private Planner planner;

    /** A change, a live check of what it changes, and a file after the check. */
    private static final String CHANGE_THEN_LIVE_CHECK_THEN_FILE = """
                - id: set
                  setting: {name: mode, value: fast}
                - id: live
                  live_check: {name: mode, value: fast}
                - id: after
                  append: {path: /etc/after, line: ok}
            """;

    private Planner compile(String resources) throws Exception {
        Path playbook = dir.resolve("playbook.yml");
        Files.writeString(playbook, "- hosts: localhost\n  resources:\n" + resources);
        CompiledRun compiled =
                CompiledRun.compile(RunOptions.defaults(playbook, null), new ModuleRegistry(FakeModules.all()));
        planner = new Planner(compiled.graph(), compiled.templating());
        return planner;
    }

    /** Facts as gathered: each probe prints the given value; every file absent unless given. */
    private GatherResult facts(Map<String, String> probes, Map<String, String> files) {
        Map<Fact, Object> values = new HashMap<>();
        for (Fact fact : planner.factsOf("localhost")) {
            if (fact instanceof Fact.CommandRun c) {
                values.put(
                        fact, new CommandOutput(0, probes.getOrDefault(c.argv().get(1), ""), ""));
            } else if (fact instanceof Fact.FileRead f) {
                String content = files.get(f.path());
                values.put(
                        fact,
                        content == null
                                ? FileInfo.absent(f.path())
                                : new FileInfo(
                                        f.path(),
                                        FileInfo.Kind.FILE,
                                        "0644",
                                        "root",
                                        "root",
                                        content.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new GatherResult(values, Map.of("os_id", "debian"));
    }

    private Map<String, PlannedResource> plan(GatherResult facts, Planner.Deferral deferral) {
        Map<String, PlannedResource> out = new LinkedHashMap<>();
        planner.planAll(Map.of("localhost", facts), deferral)
                .get("localhost")
                .resources()
                .forEach(r -> out.put(r.key().id(), r));
        return out;
    }

    @Test
    void aLaterResourcePlansOnTheStateTheChangesBeforeItPredict() throws Exception {
        compile("""
                    - id: set
                      setting: {name: mode, value: fast}
                    - id: again
                      setting: {name: mode, value: fast}
                    - id: check
                      setting: {name: mode, value: fast}
                """);
        Map<String, PlannedResource> plan =
                plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.CHECKS_AND_DEPENDENTS);

        assertThat(plan.get("set").state()).isEqualTo(NodeState.CHANGED);
        assertThat(plan.get("again").state())
                .as("planned on the predicted output, not the gathered one")
                .isEqualTo(NodeState.DONE);
        assertThat(plan.get("check").state()).isEqualTo(NodeState.DONE);
    }

    @Test
    void aLiveCheckAfterAChangeIsDeferredWithWhatWaitsForItInARealRun() throws Exception {
        compile(CHANGE_THEN_LIVE_CHECK_THEN_FILE);
        Map<String, PlannedResource> plan =
                plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.CHECKS_AND_DEPENDENTS);

        assertThat(plan.get("live").state()).isEqualTo(NodeState.DEFERRED);
        assertThat(plan.get("live").reason())
                .startsWith("re-checked after the apply")
                .contains("from set on");
        assertThat(plan.get("after").state()).isEqualTo(NodeState.DEFERRED);
        assertThat(plan.get("after").reason())
                .isEqualTo("waits for localhost/live, which is re-checked after the apply");
    }

    @Test
    void inADryRunWhatWaitsForADeferredCheckIsPlannedAsIfItHeld() throws Exception {
        compile(CHANGE_THEN_LIVE_CHECK_THEN_FILE);
        Map<String, PlannedResource> plan = plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.CHECKS);

        assertThat(plan.get("live").status()).isEqualTo(ResourceStatus.DEFERRED);
        assertThat(plan.get("after").state()).isEqualTo(NodeState.CHANGED);
    }

    @Test
    void aLiveCheckIsJudgedAtOnceWhenNothingChangesBeforeItOrOnFreshFacts() throws Exception {
        compile("""
                    - id: live
                      live_check: {name: mode, value: fast}
                    - id: set
                      setting: {name: mode, value: fast}
                """);
        Map<String, PlannedResource> first =
                plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.CHECKS_AND_DEPENDENTS);
        assertThat(first.get("live").state()).isEqualTo(NodeState.FAILED);
        assertThat(first.get("live").reason()).isEqualTo("mode is 'slow', not 'fast'");
        assertThat(first.get("set").state())
                .as("written order: it depends on the failed check")
                .isEqualTo(NodeState.SKIPPED_UPSTREAM);
        assertThat(first.get("set").reason()).isEqualTo("depends on failed localhost/live");
    }

    @Test
    void withFreshFactsNothingIsDeferred() throws Exception {
        compile("""
                    - id: set
                      setting: {name: mode, value: fast}
                    - id: live
                      live_check: {name: mode, value: fast}
                """);
        Map<String, PlannedResource> plan = plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.NONE);
        assertThat(plan.get("live").state())
                .as("judged, on the state as planned so far")
                .isEqualTo(NodeState.DONE);
    }

    @Test
    void editsOfOneFileComposeIntoOneDiff() throws Exception {
        compile("""
                    - id: one
                      append: {path: /etc/conf, line: a=1}
                    - id: two
                      append: {path: /etc/conf, line: b=2}
                """);
        Map<String, PlannedResource> plan =
                plan(facts(Map.of(), Map.of("/etc/conf", "x=0\n")), Planner.Deferral.CHECKS_AND_DEPENDENTS);

        assertThat(plan.get("two").diffs()).hasSize(1);
        assertThat(plan.get("two").diffs().get(0).unified()).contains(" a=1", "+b=2");
        assertThat(new String(
                        ((Operation.WriteFile)
                                        plan.get("two").change().operations().get(0))
                                .content(),
                        StandardCharsets.UTF_8))
                .isEqualTo("x=0\na=1\nb=2\n");
    }

    @Test
    void aFalseConditionSkipsWithoutPlanningAndLetsDependentsGo() throws Exception {
        compile("""
                    - id: never
                      when: facts.os_id == "alpine"
                      setting: {name: mode, value: fast}
                    - id: next
                      setting: {name: mode, value: fast}
                """);
        Map<String, PlannedResource> plan =
                plan(facts(Map.of("mode", "slow"), Map.of()), Planner.Deferral.CHECKS_AND_DEPENDENTS);
        assertThat(plan.get("never").state()).isEqualTo(NodeState.SKIPPED_CONDITION);
        assertThat(plan.get("next").state()).isEqualTo(NodeState.CHANGED);
    }

    @Test
    void anUnreachableHostsNodesAreUnreachableInTheOutcomes() throws Exception {
        compile("""
                    - id: one
                      setting: {name: mode, value: fast}
                """);
        Map<String, HostPlan> plans = planner.planAll(Map.of(), Planner.Deferral.CHECKS_AND_DEPENDENTS);
        assertThat(plans).isEmpty();
        assertThat(planner.outcomes(plans).get(new NodeKey("localhost", "one")).state())
                .isEqualTo(NodeState.UNREACHABLE);
    }

    @Test
    void factsOfAHostAreEveryDeclaredFactOnce() throws Exception {
        compile("""
                    - id: a
                      setting: {name: mode, value: fast}
                    - id: b
                      live_check: {name: mode, value: fast}
                    - id: c
                      append: {path: /etc/conf, line: x}
                """);
        assertThat(planner.factsOf("localhost"))
                .containsExactly(FakeModules.probe("mode"), new Fact.FileRead("/etc/conf"));
        assertThat(List.copyOf(planner.factsOf("localhost"))).doesNotHaveDuplicates();
    }

    @Test
    void aResourceWhoseFactIsUnreadableFailsAndTheHostGoesOn() throws Exception {
        compile("""
                    - id: reads
                      append: {path: /etc/locked, line: x}
                    - id: other
                      setting: {name: mode, value: fast}
                      after: []
                """);
        GatherResult read = facts(Map.of("mode", "slow"), Map.of());
        Map<Fact, Object> values = new HashMap<>(read.values());
        values.put(
                new Fact.FileRead("/etc/locked"),
                new GatherResult.Unreadable("cannot read /etc/locked on the host (permission denied)"));
        Map<String, PlannedResource> plan =
                plan(new GatherResult(values, read.hostFacts()), Planner.Deferral.CHECKS_AND_DEPENDENTS);

        assertThat(plan.get("reads").state()).isEqualTo(NodeState.FAILED);
        assertThat(plan.get("reads").reason()).isEqualTo("cannot read /etc/locked on the host (permission denied)");
        assertThat(plan.get("other").state())
                .as("written order makes it a dependent")
                .isEqualTo(NodeState.SKIPPED_UPSTREAM);
    }

    @Test
    void aModuleSeesTheHostFactsWhenItPlans() throws Exception {
        compile("""
                    - id: os
                      append: {path: /etc/os-line, line: "os={os}"}
                """);
        Map<String, PlannedResource> plan = plan(facts(Map.of(), Map.of()), Planner.Deferral.CHECKS_AND_DEPENDENTS);
        assertThat(plan.get("os").diffs().get(0).unified()).contains("+os=debian");
    }
}
