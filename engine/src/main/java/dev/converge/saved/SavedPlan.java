package dev.converge.saved;

import dev.converge.report.RunReport;
import java.util.List;
import java.util.Map;

/**
 * A reviewed plan ({@code converge plan -o PLAN}): how it was made, the digest of its inputs, per
 * host the digests of what was read and of what was planned, and the plan as {@code --check}
 * reports it (masked). Schema: docs/plan-schema.json.
 */
public record SavedPlan(
        int formatVersion,
        String convergeVersion,
        Invocation invocation,
        Inputs inputs,
        List<SavedHost> hosts,
        RunReport report) {
    public static final int FORMAT_VERSION = 2;

    /** The formats this converge reads: 1 (before {@code serial:}, every host in stage 1) and 2. */
    public static final int OLDEST_FORMAT_VERSION = 1;

    public SavedPlan {
        hosts = List.copyOf(hosts);
    }

    /**
     * The run options the apply repeats (no secret: an inline secret {@code -e} is refused when saving).
     *
     * @param inventories the inventory sources as the run used them (empty: the implicit localhost only)
     */
    public record Invocation(
            String playbook,
            List<String> inventories,
            String limit,
            List<String> tags,
            List<String> skipTags,
            List<String> extraVars,
            int forks,
            int connectTimeout,
            int commandTimeout,
            String hostKeyChecking) {
        public Invocation {
            inventories = List.copyOf(inventories);
            tags = List.copyOf(tags);
            skipTags = List.copyOf(skipTags);
            extraVars = List.copyOf(extraVars);
        }
    }

    /** @param digest over the converge version, the invocation and every file (path and digest) */
    public record Inputs(String digest, List<InputFile> files) {
        public Inputs {
            files = List.copyOf(files);
        }
    }

    /** @param digest the file's content digest, or {@code absent} */
    public record InputFile(String path, String digest) {}

    /**
     * @param stage the stage of the run the host was planned in, from 1 (each batch of {@code serial:} is one;
     *     a run without it is one stage)
     * @param planDigest of the host's planned resources as reported (statuses, fields, masked diffs, messages)
     * @param facts what was read: a fact's label (a path, {@code $ command}, {@code fact NAME}) → its digest
     */
    public record SavedHost(String host, int stage, String planDigest, Map<String, String> facts) {
        public SavedHost {
            facts = Map.copyOf(facts);
        }
    }

    public SavedHost host(String name) {
        return hosts.stream().filter(h -> h.host().equals(name)).findFirst().orElse(null);
    }
}
