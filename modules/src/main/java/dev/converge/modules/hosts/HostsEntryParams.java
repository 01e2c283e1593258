package dev.converge.modules.hosts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code hosts_entry}.
 *
 * @param address the IPv4 or IPv6 address
 * @param names host names, the first is canonical (the FQDN), the others aliases
 * @param state {@code present} (default) or {@code absent}
 * @param path the hosts file (default {@code /etc/hosts})
 */
public record HostsEntryParams(
        @JsonProperty("address") String address,
        @JsonProperty("names") List<String> names,
        @JsonProperty("state") String state,
        @JsonProperty("path") String path) {

    public HostsEntryParams {
        names = names == null ? List.of() : List.copyOf(names);
        path = path == null ? "/etc/hosts" : path;
    }

    /** Whether the entry must be absent. */
    public boolean absent() {
        return "absent".equals(state);
    }
}
