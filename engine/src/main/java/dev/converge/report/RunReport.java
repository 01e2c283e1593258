package dev.converge.report;

import java.util.List;

/**
 * The whole run: per host outcomes, in inventory order, and how the run was started.
 *
 * @param batches the run's stages when a play has {@code serial:}, in order; empty otherwise
 */
public record RunReport(
        String playbook, boolean check, List<HostReport> hosts, RunMetadata metadata, List<BatchReport> batches) {
    public RunReport {
        hosts = List.copyOf(hosts);
        metadata = metadata == null ? RunMetadata.NONE : metadata;
        batches = batches == null ? List.of() : List.copyOf(batches);
    }

    public RunReport(String playbook, boolean check, List<HostReport> hosts, RunMetadata metadata) {
        this(playbook, check, hosts, metadata, List.of());
    }

    public RunReport(String playbook, boolean check, List<HostReport> hosts) {
        this(playbook, check, hosts, RunMetadata.NONE, List.of());
    }

    public RunReport with(RunMetadata metadata) {
        return new RunReport(playbook, check, hosts, metadata, batches);
    }

    public RunReport with(List<BatchReport> batches) {
        return new RunReport(playbook, check, hosts, metadata, batches);
    }

    /** A resource failed, a host was unreachable, or batches were left unrun. */
    public boolean failed() {
        return hosts.stream().anyMatch(HostReport::failed)
                || batches.stream().anyMatch(b -> !b.status().equals(BatchReport.COMPLETED));
    }

    public boolean changed() {
        return hosts.stream().anyMatch(HostReport::changed);
    }
}
