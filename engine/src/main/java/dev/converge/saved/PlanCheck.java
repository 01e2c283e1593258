package dev.converge.saved;

import dev.converge.gather.GatherResult;
import dev.converge.report.HostReport;
import dev.converge.report.RunReport;
import dev.converge.run.PlanGate;
import dev.converge.secret.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * While applying a saved plan: a host is applied only if what was read from it and what is planned
 * there now are what the plan saved; otherwise it is refused, naming each fact that moved.
 */
public final class PlanCheck implements PlanGate {
    private final SavedPlan saved;

    public PlanCheck(SavedPlan saved) {
        this.saved = saved;
    }

    @Override
    public Map<String, String> review(
            int stage, Map<String, GatherResult> facts, RunReport asChecked, Secrets secrets) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (HostReport host : asChecked.hosts()) {
            GatherResult read = facts.get(host.host());
            if (read == null) {
                continue; // unreachable: nothing is applied there anyway
            }
            SavedPlan.SavedHost was = saved.host(host.host());
            if (was == null) {
                refused.put(
                        host.host(),
                        "not in the saved plan (unreachable, or in a batch not run, when it was made); nothing was applied on "
                                + host.host() + "; make a new plan and review it");
                continue;
            }
            if (was.stage() != stage) {
                refused.put(
                        host.host(),
                        "planned in stage " + was.stage() + " of the run, reached in stage " + stage
                                + "; nothing was applied on " + host.host() + "; make a new plan and review it");
                continue;
            }
            String why = moved(was, HostDigests.of(host.host(), stage, read, host, secrets));
            if (why != null) {
                refused.put(host.host(), why);
            }
        }
        return refused;
    }

    /** Why {@code now} differs from {@code was}, or null when it does not. */
    static String moved(SavedPlan.SavedHost was, SavedPlan.SavedHost now) {
        List<String> changes = new ArrayList<>();
        for (String fact : new TreeSet<>(union(was.facts(), now.facts()))) {
            String before = was.facts().getOrDefault(fact, "not read");
            String after = now.facts().getOrDefault(fact, "not read");
            if (!before.equals(after)) {
                changes.add(fact + " (" + Digests.shortForm(before) + " → " + Digests.shortForm(after) + ")");
            }
        }
        if (!changes.isEmpty()) {
            return "changed since the plan: " + String.join(", ", changes) + "; nothing was applied on " + was.host()
                    + "; make a new plan and review it";
        }
        if (!was.planDigest().equals(now.planDigest())) {
            return "the plan made now differs from the saved one (" + Digests.shortForm(was.planDigest()) + " → "
                    + Digests.shortForm(now.planDigest()) + ") although nothing read moved; nothing was applied on "
                    + was.host()
                    + "; make a new plan and review it";
        }
        return null;
    }

    private static Set<String> union(Map<String, String> a, Map<String, String> b) {
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
