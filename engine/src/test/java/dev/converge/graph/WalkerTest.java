package dev.converge.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The walker on a fake graph ("host:name" nodes, lane = host) with a fake session that records its batches. */
class WalkerTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    /** A small DAG: nodes in the order added; edges from earlier nodes only. */
    static final class FakeDag implements Walker.Dag<String> {
        final List<String> order = new ArrayList<>();
        final Map<String, Set<String>> before = new HashMap<>();
        final Map<String, Set<String>> triggers = new HashMap<>();

        FakeDag node(String name, String... dependsOn) {
            order.add(name);
            before.put(name, new HashSet<>(List.of(dependsOn)));
            triggers.put(name, Set.of());
            return this;
        }

        FakeDag handler(String name, List<String> notifiedBy, String... alsoAfter) {
            node(name, alsoAfter);
            before.get(name).addAll(notifiedBy);
            triggers.put(name, Set.copyOf(notifiedBy));
            return this;
        }

        @Override
        public List<String> order() {
            return order;
        }

        @Override
        public Set<String> predecessors(String node) {
            return before.get(node);
        }

        @Override
        public Set<String> triggers(String node) {
            return triggers.get(node);
        }

        @Override
        public String lane(String node) {
            return node.substring(0, node.indexOf(':'));
        }
    }

    /** Answers each node with its scripted state (CHANGED by default) and records the batches it was sent. */
    static class FakeSession implements Walker.Visitor<String> {
        final Map<String, NodeState> answers = new HashMap<>();
        final List<Walker.Batch<String>> batches = Collections.synchronizedList(new ArrayList<>());

        FakeSession answer(String node, NodeState state) {
            answers.put(node, state);
            return this;
        }

        @Override
        public Map<String, NodeOutcome> visit(Walker.Batch<String> batch) {
            batches.add(batch);
            Map<String, NodeOutcome> out = new LinkedHashMap<>();
            batch.nodes().forEach(n -> out.put(n, NodeOutcome.of(answers.getOrDefault(n, NodeState.CHANGED))));
            return out;
        }

        List<List<String>> sent(String lane) {
            return batches.stream()
                    .filter(b -> b.lane().equals(lane))
                    .map(Walker.Batch::nodes)
                    .toList();
        }
    }

    private static Map<String, NodeState> states(Map<String, NodeOutcome> outcomes) {
        Map<String, NodeState> out = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> out.put(k, v.state()));
        return out;
    }

    @Test
    void aFailureSkipsItsDependentsOnEveryLaneWhileIndependentWorkFinishes() throws Exception {
        FakeDag dag =
                new FakeDag().node("a:1").node("b:1", "a:1").node("b:2", "b:1").node("c:1");
        FakeSession session = new FakeSession().answer("a:1", NodeState.FAILED);

        Map<String, NodeOutcome> out =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of()).inBatches(session, pool);

        assertThat(states(out))
                .containsExactly(
                        Map.entry("a:1", NodeState.FAILED),
                        Map.entry("b:1", NodeState.SKIPPED_UPSTREAM),
                        Map.entry("b:2", NodeState.SKIPPED_UPSTREAM),
                        Map.entry("c:1", NodeState.CHANGED));
        assertThat(out.get("b:1").message()).isEqualTo("depends on failed a:1");
        assertThat(out.get("b:2").message()).isEqualTo("depends on failed b:1");
        assertThat(session.batches).flatExtracting(Walker.Batch::nodes).doesNotContain("b:1", "b:2");
    }

    @Test
    void skipsPropagateTransitively() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").node("a:2", "a:1").node("a:3", "a:2");
        Map<String, NodeOutcome> out = new Walker<>(
                        dag,
                        Walker.Deferral.HOLDS_DEPENDENTS,
                        Map.of("a:1", new NodeOutcome(NodeState.UNREACHABLE, "host unreachable")))
                .inBatches(new FakeSession(), pool);
        assertThat(out.get("a:3")).isEqualTo(new NodeOutcome(NodeState.SKIPPED_UPSTREAM, "depends on failed a:2"));
    }

    @Test
    void eachLaneGetsOneBatchPerWaveAndACrossLaneDependencyStartsANewWave() throws Exception {
        FakeDag dag = new FakeDag()
                .node("a:1")
                .node("a:2", "a:1")
                .node("b:1", "a:2")
                .node("b:2", "b:1")
                .node("a:3", "b:2");
        FakeSession session = new FakeSession();

        new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of()).inBatches(session, pool);

        assertThat(session.sent("a")).containsExactly(List.of("a:1", "a:2"), List.of("a:3"));
        assertThat(session.sent("b")).containsExactly(List.of("b:1", "b:2"));
        assertThat(session.batches)
                .extracting(Walker.Batch::nodes)
                .containsExactly(List.of("a:1", "a:2"), List.of("b:1", "b:2"), List.of("a:3"));
    }

    @Test
    void aBatchKnowsWhetherItIsItsLanesLast() throws Exception {
        FakeDag dag =
                new FakeDag().node("a:1").node("b:1", "a:1").node("a:2", "b:1").node("b:2");
        FakeSession session = new FakeSession();

        new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of()).inBatches(session, pool);

        Map<List<String>, Boolean> last = new HashMap<>();
        session.batches.forEach(b -> last.put(b.nodes(), b.lastOfLane()));
        assertThat(last)
                .containsEntry(List.of("a:1"), false)
                .containsEntry(List.of("a:2"), true)
                .containsEntry(List.of("b:2"), false)
                .containsEntry(List.of("b:1"), true);
    }

    @Test
    void decidedNodesAreNotVisitedButCountForTheirDependents() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").node("a:2", "a:1").node("a:3", "a:2");
        FakeSession session = new FakeSession();
        Map<String, NodeOutcome> decided =
                Map.of("a:1", NodeOutcome.of(NodeState.DONE), "a:2", NodeOutcome.of(NodeState.SKIPPED_CONDITION));

        Map<String, NodeOutcome> out =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, decided).inBatches(session, pool);

        assertThat(session.sent("a")).containsExactly(List.of("a:3"));
        assertThat(out.get("a:3").state()).isEqualTo(NodeState.CHANGED);
    }

    @Test
    void aHandlerRunsAfterAllItsPredecessorsWhenOneNotifierChangedEvenIfAnotherFailed() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").node("a:2").handler("a:h", List.of("a:1"), "a:2");
        FakeSession session = new FakeSession().answer("a:2", NodeState.FAILED);

        Map<String, NodeOutcome> out =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of()).inBatches(session, pool);

        assertThat(session.sent("a"))
                .as("ready with its predecessors in one batch")
                .containsExactly(List.of("a:1", "a:2", "a:h"));
        assertThat(out.get("a:h").state()).isEqualTo(NodeState.CHANGED);
    }

    @Test
    void aHandlerWhoseNotifiersDidNotChangeIsSkippedAsNotNotified() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").handler("a:h", List.of("a:1"));
        FakeSession session = new FakeSession();

        Map<String, NodeOutcome> out = new Walker<>(
                        dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of("a:1", NodeOutcome.of(NodeState.DONE)))
                .inBatches(session, pool);

        assertThat(out.get("a:h").state()).isEqualTo(NodeState.SKIPPED_NOT_NOTIFIED);
        assertThat(session.batches).isEmpty();
    }

    @Test
    void aHandlerAnEarlierRunLeftPendingRunsAlthoughNoNotifierChangedNow() throws Exception {
        FakeDag dag = new FakeDag()
                .node("a:1")
                .handler("a:h", List.of("a:1"))
                .node("b:1")
                .handler("b:h", List.of("b:1"));
        FakeSession session = new FakeSession();
        Map<String, NodeOutcome> done =
                Map.of("a:1", NodeOutcome.of(NodeState.DONE), "b:1", NodeOutcome.of(NodeState.DONE));

        Map<String, NodeOutcome> out = new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, done)
                .notifiedBefore("a:h"::equals)
                .inBatches(session, pool);

        assertThat(out.get("a:h").state()).isEqualTo(NodeState.CHANGED);
        assertThat(session.sent("a")).containsExactly(List.of("a:h"));
        assertThat(out.get("b:h").state()).as("only the pending one").isEqualTo(NodeState.SKIPPED_NOT_NOTIFIED);
    }

    @Test
    void aDeferredNodeHoldsItsDependentsInARealRunAndLetsThemGoInADryRun() throws Exception {
        FakeDag dag = new FakeDag().node("a:check").node("a:after", "a:check").handler("a:h", List.of("a:check"));
        Map<String, NodeOutcome> decided = Map.of("a:check", NodeOutcome.of(NodeState.DEFERRED));

        Map<String, NodeOutcome> real =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, decided).inBatches(new FakeSession(), pool);
        Map<String, NodeOutcome> dry =
                new Walker<>(dag, Walker.Deferral.LETS_DEPENDENTS_GO, decided).inBatches(new FakeSession(), pool);

        assertThat(real.get("a:after"))
                .isEqualTo(
                        new NodeOutcome(NodeState.DEFERRED, "waits for a:check, which is re-checked after the apply"));
        assertThat(real.get("a:h").state()).isEqualTo(NodeState.DEFERRED);
        assertThat(dry.get("a:after").state()).isEqualTo(NodeState.CHANGED);
        assertThat(dry.get("a:h").state()).isEqualTo(NodeState.SKIPPED_NOT_NOTIFIED);
    }

    @Test
    void aHandlerActsOnAChangeAlreadyMadeEvenWhenAnotherNotifierIsDeferred() throws Exception {
        FakeDag dag = new FakeDag().node("a:conf").node("a:check").handler("a:h", List.of("a:conf", "a:check"));
        Map<String, NodeOutcome> decided = Map.of("a:check", NodeOutcome.of(NodeState.DEFERRED));

        Map<String, NodeOutcome> out =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, decided).inBatches(new FakeSession(), pool);

        assertThat(out.get("a:h").state()).isEqualTo(NodeState.CHANGED);
    }

    @Test
    void onceStoppedNoNewBatchStartsAndWhatIsLeftIsInterrupted() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").node("b:1", "a:1").node("b:2", "b:1");
        AtomicBoolean stop = new AtomicBoolean();
        FakeSession session = new FakeSession() {
            @Override
            public Map<String, NodeOutcome> visit(Walker.Batch<String> batch) {
                stop.set(true);
                return super.visit(batch);
            }
        };

        Map<String, NodeOutcome> out = new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of())
                .stopWhen(stop::get)
                .inBatches(session, pool);

        assertThat(states(out))
                .containsExactly(
                        Map.entry("a:1", NodeState.CHANGED),
                        Map.entry("b:1", NodeState.INTERRUPTED),
                        Map.entry("b:2", NodeState.INTERRUPTED));
    }

    @Test
    void aNodeTheSessionDoesNotAnswerFails() throws Exception {
        FakeDag dag = new FakeDag().node("a:1").node("a:2", "a:1");
        Map<String, NodeOutcome> out =
                new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of()).inBatches(batch -> Map.of(), pool);
        assertThat(out.get("a:1").state()).isEqualTo(NodeState.FAILED);
        assertThat(out.get("a:2").state())
                .isEqualTo(NodeState.FAILED)
                .as("visited in the same batch, so the session decides it");
    }

    @Test
    void inOrderVisitsOneNodeAtATimeInTopologicalOrderAndTellsTheListener() throws Exception {
        FakeDag dag =
                new FakeDag().node("b:1").node("a:1", "b:1").node("a:2", "a:1").node("b:2", "a:2");
        FakeSession session = new FakeSession().answer("a:1", NodeState.FAILED);
        List<String> told = new ArrayList<>();

        Map<String, NodeOutcome> out = new Walker<>(dag, Walker.Deferral.HOLDS_DEPENDENTS, Map.of())
                .listener(new Walker.Listener<>() {
                    @Override
                    public void finished(String node, NodeOutcome outcome) {
                        told.add(node + "=" + outcome.state());
                    }
                })
                .inOrder(session);

        assertThat(session.batches).extracting(Walker.Batch::nodes).containsExactly(List.of("b:1"), List.of("a:1"));
        assertThat(told).containsExactly("b:1=CHANGED", "a:1=FAILED", "a:2=SKIPPED_UPSTREAM", "b:2=SKIPPED_UPSTREAM");
        assertThat(out.keySet()).containsExactly("b:1", "a:1", "a:2", "b:2");
    }
}
