package dev.converge.run;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.exec.ApplyScheduler;
import dev.converge.graph.NodeOutcome;
import dev.converge.plan.ResourceStatus;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the scheduler's callbacks into progress events, and times the apply batches: each node
 * applied in a batch gets that batch's wall time; each host the sum of its batches.
 */
final class RunProgress implements ApplyScheduler.Listener {
    private final Reporter reporter;
    private final Clock clock;
    private final Map<String, Long> batchStart = new HashMap<>();
    private final Map<NodeKey, String> inBatch = new HashMap<>();
    private final Map<NodeKey, Long> nodeMs = new HashMap<>();
    private final Map<String, Long> hostMs = new HashMap<>();

    RunProgress(Reporter reporter, Clock clock) {
        this.reporter = reporter;
        this.clock = clock;
    }

    @Override
    public void batchStarted(String host, List<NodeKey> nodes) {
        batchStart.put(host, clock.millis());
        nodes.forEach(k -> inBatch.put(k, host));
        reporter.on(
                new RunEvent.BatchStarted(host, nodes.stream().map(NodeKey::id).toList()));
    }

    @Override
    public void finished(NodeKey key, NodeOutcome outcome) {
        String host = inBatch.remove(key);
        if (host != null) {
            long elapsed = Math.max(0, clock.millis() - batchStart.get(host));
            nodeMs.put(key, elapsed);
            if (inBatch.values().stream().noneMatch(host::equals)) {
                hostMs.merge(host, elapsed, Long::sum);
            }
        }
        reporter.on(new RunEvent.ResourceDone(key.host(), key.id(), ResourceStatus.of(outcome.state())));
    }

    long nodeMs(NodeKey key) {
        return nodeMs.getOrDefault(key, 0L);
    }

    long hostMs(String host) {
        return hostMs.getOrDefault(host, 0L);
    }
}
