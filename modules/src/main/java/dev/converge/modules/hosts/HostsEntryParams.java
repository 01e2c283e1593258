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
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup keep the old file beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is changed
 */
public record HostsEntryParams(
        @JsonProperty("address") String address,
        @JsonProperty("names") List<String> names,
        @JsonProperty("state") String state,
        @JsonProperty("path") String path,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    public HostsEntryParams {
        names = names == null ? List.of() : List.copyOf(names);
        path = path == null ? "/etc/hosts" : path;
    }

    /** Without {@code validate} and {@code backup}. */
    public HostsEntryParams(String address, List<String> names, String state, String path) {
        this(address, names, state, path, null, null);
    }

    /** Whether the entry must be absent. */
    public boolean absent() {
        return "absent".equals(state);
    }
}
