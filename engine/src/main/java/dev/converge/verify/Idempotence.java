package dev.converge.verify;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.exec.HostSession;
import dev.converge.graph.NodeOutcome;
import dev.converge.graph.NodeState;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.report.Reporter;
import dev.converge.report.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Verify: each applied resource that converges must plan no change on what was read after the apply. */
final class Idempotence {
    private final Map<String, HostSession> sessions;
    private final Reporter reporter;
    private final List<String> problems = new ArrayList<>();

    Idempotence(Map<String, HostSession> sessions, Reporter reporter) {
        this.sessions = sessions;
        this.reporter = reporter;
    }

    /** The modules found not idempotent so far, one message each. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * @param hosts the hosts to check
     * @param now their plans on what was read after the apply
     * @param before the plans that were applied
     * @param applied the resources applied (their outcomes in {@code outcomes})
     */
    void check(
            List<String> hosts,
            Map<String, HostPlan> now,
            Map<String, HostPlan> before,
            Map<NodeKey, NodeOutcome> outcomes,
            Set<NodeKey> applied) {
        for (String host : hosts) {
            HostPlan plan = now.get(host);
            if (plan == null) {
                continue;
            }
            String other = sessions.get(host).otherRunSinceApply();
            if (other != null) {
                reporter.on(new RunEvent.Warning(host + ": another converge run (" + other
                        + ") applied changes after ours;" + " what it changed is not checked as ours"));
                continue;
            }
            Map<NodeKey, PlannedResource> planned = before.get(host).byKey();
            for (PlannedResource p : plan.resources()) {
                boolean wasApplied = applied.contains(p.key())
                        && outcomes.get(p.key()).state() == NodeState.CHANGED
                        && planned.get(p.key()).change().converges();
                if (wasApplied && p.willChange()) {
                    problems.add("module '" + p.module() + "' is not idempotent: resource "
                            + p.key().id() + " on " + host + " still plans a change after apply: "
                            + p.change().operations());
                }
            }
        }
    }
}
