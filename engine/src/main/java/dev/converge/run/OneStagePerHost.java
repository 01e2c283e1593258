package dev.converge.run;

import dev.converge.diag.InvalidInputException;
import dev.converge.diag.Problem;
import dev.converge.graph.Stage;
import dev.converge.model.Play;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved plan plans every stage of the run (each batch of {@code serial:}) before anything is
 * applied, so it can hold a host in one stage only: the plan of a host's second stage would depend
 * on what its first one applies. Checked before any host is contacted.
 */
final class OneStagePerHost {
    private OneStagePerHost() {}

    /** Where a host runs first: the stage and the play's part in it. */
    private record First(int stage, Stage.Part part) {}

    /** A later play that runs again on hosts an earlier stage already ran. */
    private record Pair(Play earlier, Play later) {}

    /** @throws InvalidInputException naming, per pair of plays, the hosts they share across stages */
    static void check(List<Stage> stages) {
        Map<String, First> first = new HashMap<>();
        Map<Pair, List<String>> shared = new LinkedHashMap<>();
        for (Stage stage : stages) {
            for (Stage.Part part : stage.parts()) {
                for (String host : part.hosts()) {
                    First was = first.putIfAbsent(host, new First(stage.number(), part));
                    if (was != null && was.stage() != stage.number()) {
                        Stage.Part at = was.part();
                        shared.computeIfAbsent(new Pair(at.play(), part.play()), p -> new ArrayList<>())
                                .add(host
                                        + (at.play().rollout().serial()
                                                ? " (batch " + at.batch() + "/" + at.batches() + ")"
                                                : ""));
                    }
                }
            }
        }
        if (shared.isEmpty()) {
            return;
        }
        List<Problem> problems = new ArrayList<>();
        shared.forEach((pair, hosts) -> {
            Play later = pair.later();
            String earlier = "play '" + pair.earlier().name() + "'";
            problems.add(
                    new Problem(
                            later.hostsAt() != null ? later.hostsAt() : later.at(),
                            named(hosts) + (hosts.size() == 1 ? " is" : " are") + " in play '" + later.name()
                                    + "' and, in an earlier stage of the run, in " + earlier
                                    + ": a saved plan cannot hold a host in two stages (its plan in play '"
                                    + later.name()
                                    + "' depends on what " + earlier + " applies first)",
                            "move play '" + later.name()
                                    + "' to a playbook of its own, planned once this plan is applied;"
                                    + " or run the playbook without a saved plan (converge ..., --check shows it batch by batch)"));
        });
        throw new InvalidInputException(problems);
    }

    private static String named(List<String> hosts) {
        return hosts.size() <= 5
                ? String.join(", ", hosts)
                : String.join(", ", hosts.subList(0, 4)) + " and " + (hosts.size() - 4) + " more";
    }
}
