package dev.converge.saved;

import dev.converge.gather.GatherResult;
import dev.converge.report.HostReport;
import dev.converge.report.RunReport;
import dev.converge.run.PlanGate;
import dev.converge.secret.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** While saving a plan: records each reachable host's digests, with the stage it is planned in; refuses nothing. */
public final class PlanRecorder implements PlanGate {
    private final List<SavedPlan.SavedHost> hosts = new ArrayList<>();
    private final List<String> extraVars;
    private boolean secretOnCommandLine;

    /** @param extraVars the {@code -e} values, which the plan saves: none may hold a secret */
    public PlanRecorder(List<String> extraVars) {
        this.extraVars = List.copyOf(extraVars);
    }

    @Override
    public Map<String, String> review(
            int stage, Map<String, GatherResult> facts, RunReport asChecked, Secrets secrets) {
        secretOnCommandLine |= extraVars.stream().anyMatch(secrets::appearsIn);
        for (HostReport host : asChecked.hosts()) {
            GatherResult read = facts.get(host.host());
            if (read != null) {
                hosts.add(HostDigests.of(host.host(), stage, read, host, secrets));
            }
        }
        return Map.of();
    }

    /** Whether an {@code -e} value holds a secret (then the plan cannot be saved). */
    public boolean secretOnCommandLine() {
        return secretOnCommandLine;
    }

    /** The hosts recorded, stage by stage, each in inventory order. */
    public List<SavedPlan.SavedHost> hosts() {
        return List.copyOf(hosts);
    }
}
