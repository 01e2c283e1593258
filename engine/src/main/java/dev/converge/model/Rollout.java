package dev.converge.model;

import dev.converge.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * How a play rolls out over its hosts, as Ansible's {@code serial:}, {@code max_fail_percentage:}
 * and {@code any_errors_fatal:} say: in batches of hosts, each brought to completion (planned,
 * applied, handlers run, verified) before the next starts, and when to stop.
 *
 * @param batchSizes the sizes as written (a count, or a percentage of the play's hosts); the last
 *        repeats; empty: one batch of every host (no {@code serial:})
 * @param maxFailPercentage abort the run when more than this percentage of a batch's hosts failed
 *        (a failed resource, or unreachable); null: only when every host of a batch failed
 * @param at where {@code serial:} is written (or the play, without it)
 */
public record Rollout(
        List<BatchSize> batchSizes, Integer maxFailPercentage, boolean anyErrorsFatal, SourceLocation at) {
    public static final Rollout NONE = new Rollout(List.of(), null, false, null);

    public Rollout {
        batchSizes = List.copyOf(batchSizes);
    }

    /** One written batch size: {@code 5} or {@code "30%"}. */
    public record BatchSize(int value, boolean percent) {
        /** Ansible's {@code pct_to_int}: a percentage of {@code hosts}, rounded down, at least 1; a count as is. */
        int of(int hosts) {
            if (!percent) {
                return value;
            }
            int n = (int) (value / 100.0 * hosts);
            return n == 0 ? 1 : n;
        }

        @Override
        public String toString() {
            return value + (percent ? "%" : "");
        }
    }

    /** Whether the play is split at all. */
    public boolean serial() {
        return !batchSizes.isEmpty();
    }

    /**
     * The batches of {@code hosts} (in order), as Ansible forms them: sizes are taken in turn, the
     * last repeating; a size of 0 or less (Ansible accepts it) takes every remaining host.
     */
    public List<List<String>> batches(List<String> hosts) {
        List<List<String>> out = new ArrayList<>();
        if (batchSizes.isEmpty()) {
            if (!hosts.isEmpty()) {
                out.add(List.copyOf(hosts));
            }
            return out;
        }
        int next = 0;
        int item = 0;
        while (next < hosts.size()) {
            int size = batchSizes.get(item).of(hosts.size());
            int end = size <= 0 ? hosts.size() : Math.min(hosts.size(), next + size);
            out.add(List.copyOf(hosts.subList(next, end)));
            next = end;
            item = Math.min(item + 1, batchSizes.size() - 1);
        }
        return out;
    }

    /**
     * Whether a batch of {@code size} hosts of which {@code failed} failed stops the run: above
     * {@code max_fail_percentage} (0 with {@code any_errors_fatal}), or, with {@code serial:} and
     * neither, when all of them failed (Ansible's rules).
     */
    public boolean aborts(int failed, int size) {
        if (failed == 0 || size == 0) {
            return false;
        }
        Integer limit = anyErrorsFatal ? Integer.valueOf(0) : maxFailPercentage;
        if (limit != null) {
            return failed * 100.0 / size > limit;
        }
        return serial() && failed == size;
    }

    /** The limit as the report states it. */
    public String limitText() {
        return anyErrorsFatal
                ? "any_errors_fatal"
                : maxFailPercentage != null
                        ? "max_fail_percentage " + maxFailPercentage
                        : "serial (every host of the batch failed)";
    }
}
