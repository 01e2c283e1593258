package dev.converge.run;

import dev.converge.gather.GatherResult;
import dev.converge.report.RunReport;
import dev.converge.secret.Secrets;
import java.util.Map;

/**
 * Looks at what was read and planned, before anything is applied: records it (saving a plan) or
 * compares it with a saved plan (applying one), refusing the hosts that moved.
 */
public interface PlanGate {
    /**
     * @param facts what was read from each reachable host
     * @param asChecked the run as {@code --check} reports it (statuses, masked diffs), one host each
     * @return the hosts refused, with why (nothing is applied on them)
     */
    Map<String, String> review(Map<String, GatherResult> facts, RunReport asChecked, Secrets secrets);

    PlanGate NONE = (facts, asChecked, secrets) -> Map.of();
}
