package dev.converge.report;

import java.util.List;

/** The whole run: per host outcomes, in inventory order, and how the run was started. */
public record RunReport(String playbook, boolean check, List<HostReport> hosts, RunMetadata metadata) {
    public RunReport {
        hosts = List.copyOf(hosts);
        metadata = metadata == null ? RunMetadata.NONE : metadata;
    }

    public RunReport(String playbook, boolean check, List<HostReport> hosts) {
        this(playbook, check, hosts, RunMetadata.NONE);
    }

    public RunReport with(RunMetadata metadata) {
        return new RunReport(playbook, check, hosts, metadata);
    }

    public boolean failed() {
        return hosts.stream().anyMatch(HostReport::failed);
    }

    public boolean changed() {
        return hosts.stream().anyMatch(HostReport::changed);
    }
}
