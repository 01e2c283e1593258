package dev.converge.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.exec.HostSession;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.report.RunEvent;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.transport.LocalTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Verify: an applied, converging resource that still plans a change is a module bug; nothing else is. */
class IdempotenceTest {
    private static final NodeKey STUBBORN = new NodeKey("h", "stubborn");
    private static final NodeKey ALWAYS = new NodeKey("h", "always");
    private static final NodeKey UNTOUCHED = new NodeKey("h", "untouched");
    private static final Change WRITE = Change.of(List.of(new Operation.RunCommand(List.of("touch", "/x"))), List.of());

    private static PlannedResource changing(NodeKey key, Change change) {
        return new PlannedResource(key, "m", NodeState.CHANGED, change, List.of(), "");
    }

    @Test
    void onlyAnAppliedConvergingResourceThatStillChangesIsReported() {
        List<RunEvent> events = new ArrayList<>();
        Map<String, HostSession> sessions =
                Map.of("h", new HostSession("h", new LocalTransport(), Duration.ofSeconds(5)));
        Idempotence verify = new Idempotence(sessions, events::add);
        HostPlan applied = new HostPlan(
                "h",
                List.of(
                        changing(STUBBORN, WRITE),
                        changing(ALWAYS, WRITE.nonConverging()),
                        changing(UNTOUCHED, WRITE)));
        HostPlan now = new HostPlan(
                "h", List.of(changing(STUBBORN, WRITE), changing(ALWAYS, WRITE), changing(UNTOUCHED, WRITE)));
        Map<NodeKey, NodeOutcome> outcomes = Map.of(
                STUBBORN,
                NodeOutcome.of(NodeState.CHANGED),
                ALWAYS,
                NodeOutcome.of(NodeState.CHANGED),
                UNTOUCHED,
                NodeOutcome.of(NodeState.FAILED));

        verify.check(
                List.of("h"), Map.of("h", now), Map.of("h", applied), outcomes, Set.of(STUBBORN, ALWAYS, UNTOUCHED));

        assertThat(verify.problems())
                .singleElement()
                .asString()
                .startsWith("module 'm' is not idempotent: resource stubborn on h still plans a change after apply");
        assertThat(events).isEmpty();
    }
}
