package dev.converge.graph;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.model.Play;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A part of the run that is brought to completion (planned, applied, handlers run, verified)
 * before the next starts: one batch of a play with {@code serial:}, or the plays without it
 * written between two such plays (all their hosts together).
 *
 * @param number its position in the run, from 1
 * @param parts the plays (and their batch) whose nodes it runs
 * @param nodes every node it runs
 */
public record Stage(int number, List<Part> parts, Set<NodeKey> nodes) {
    public Stage {
        parts = List.copyOf(parts);
        nodes = Set.copyOf(nodes);
    }

    /** A play's hosts in this stage: batch {@code batch} of {@code batches}. */
    public record Part(Play play, int batch, int batches, List<String> hosts) {
        public Part {
            hosts = List.copyOf(hosts);
        }

        /** How the operator is told about it: {@code play 'NAME' batch 2/3 (h3, h4)}; past 5 hosts, the first 4 and how many more. */
        public String label() {
            String named = hosts.size() <= 5
                    ? String.join(", ", hosts)
                    : String.join(", ", hosts.subList(0, 4)) + " and " + (hosts.size() - 4) + " more";
            return "play '" + play.name() + "'" + (play.rollout().serial() ? " batch " + batch + "/" + batches : "")
                    + " (" + named + ")";
        }
    }

    /** The stage's hosts, in the order its plays name them. */
    public List<String> hosts() {
        return parts.stream().flatMap(p -> p.hosts().stream()).distinct().toList();
    }

    public String label() {
        return parts.stream().map(Part::label).collect(Collectors.joining(", "));
    }
}
