package dev.converge.report;

import java.util.List;

/** The whole run: per host outcomes, in inventory order. */
public record RunReport(String playbook, boolean check, List<HostReport> hosts) {
    public RunReport {
        hosts = List.copyOf(hosts);
    }

    public boolean failed() {
        return hosts.stream().anyMatch(HostReport::failed);
    }

    public boolean changed() {
        return hosts.stream().anyMatch(HostReport::changed);
    }
}
