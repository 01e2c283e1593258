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
     * @param stage the stage of the run whose hosts these are, from 1 (each batch of {@code serial:} is one;
     *     a run without it is one stage)
     * @param facts what was read from each reachable host
     * @param asChecked the run as {@code --check} reports it (statuses, masked diffs), one host each
     * @return the hosts refused, with why (nothing is applied on them)
     */
    Map<String, String> review(int stage, Map<String, GatherResult> facts, RunReport asChecked, Secrets secrets);

    PlanGate NONE = (stage, facts, asChecked, secrets) -> Map.of();
}
