package dev.converge.exec;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.graph.ResourceGraph;
import dev.converge.graph.Walker;
import dev.converge.transport.TransportException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns what a host reported for an apply batch into each node's outcome. */
final class BatchOutcomes {
    private final ResourceGraph graph;
    private final Walker<NodeKey> walker;

    BatchOutcomes(ResourceGraph graph, Walker<NodeKey> walker) {
        this.graph = graph;
        this.walker = walker;
    }

    static Map<NodeKey, NodeOutcome> all(List<NodeKey> nodes, NodeOutcome outcome) {
        Map<NodeKey, NodeOutcome> out = new LinkedHashMap<>();
        nodes.forEach(k -> out.put(k, outcome));
        return out;
    }

    static NodeOutcome transportFailure(TransportException e) {
        String why = e.kind() == TransportException.Kind.TIMEOUT
                ? "the apply batch was stopped at the command timeout (its steps may or may not have run; the next run re-reads the host): "
                : "connection failed during apply (a batch that reached the host runs to its end there; the next run re-reads the host): ";
        return new NodeOutcome(NodeState.FAILED, why + e.getMessage());
    }

    Map<NodeKey, NodeOutcome> of(List<NodeKey> nodes, HostSession.BatchResult result) {
        if (result.locked() != null) {
            return all(nodes, new NodeOutcome(NodeState.FAILED, result.locked()));
        }
        Map<Integer, StepResult> steps = result.steps();
        Map<NodeKey, NodeOutcome> out = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            out.put(nodes.get(i), despiteFailures(nodes.get(i), outcome(steps.get(i), result.stderr()), out));
        }
        return out;
    }

    /**
     * A handler that ran although a resource of its play failed (earlier in this batch, or before)
     * says so (in the recap too).
     */
    private NodeOutcome despiteFailures(NodeKey key, NodeOutcome outcome, Map<NodeKey, NodeOutcome> inBatch) {
        if (graph.triggers(key).isEmpty() || outcome.state() != NodeState.CHANGED) {
            return outcome;
        }
        return graph.predecessors(key).stream()
                .filter(p -> {
                    NodeOutcome o = inBatch.containsKey(p) ? inBatch.get(p) : walker.outcome(p);
                    return o != null && o.state().blocksDependents();
                })
                .sorted()
                .findFirst()
                .map(failed -> new NodeOutcome(
                        NodeState.CHANGED, "ran for the changes already made, although " + failed + " did not succeed"))
                .orElse(outcome);
    }

    private static NodeOutcome outcome(StepResult own, String scriptStderr) {
        if (own == null) {
            return new NodeOutcome(NodeState.FAILED, "the apply script stopped before this step" + tail(scriptStderr));
        }
        if (own.skipped()) {
            return new NodeOutcome(NodeState.SKIPPED_UPSTREAM, "depends on a step of this batch that failed");
        }
        if (own.timedOut()) {
            return new NodeOutcome(
                    NodeState.FAILED, "timed out: stopped on the host after its step timeout" + tail(own.stderr()));
        }
        if (!own.succeeded()) {
            return new NodeOutcome(
                    NodeState.FAILED,
                    "exit " + own.exitCode() + tail(own.stderr().isBlank() ? own.stdout() : own.stderr()));
        }
        String notes = notes(own.stdout());
        return notes.isEmpty() ? NodeOutcome.of(NodeState.CHANGED) : new NodeOutcome(NodeState.CHANGED, notes);
    }

    /** What the host's file functions said about a step that succeeded (attributes kept, backup names), on one line. */
    private static String notes(String stdout) {
        return stdout.lines()
                .filter(l -> l.startsWith("converge: "))
                .map(l -> l.substring("converge: ".length()))
                .collect(Collectors.joining("; "));
    }

    private static String tail(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return "";
        }
        String[] lines = t.split("\n");
        return ": " + String.join(" | ", Arrays.copyOfRange(lines, Math.max(0, lines.length - 3), lines.length));
    }
}
