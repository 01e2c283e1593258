package dev.converge.modules.group;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code group}.
 *
 * @param name the group name
 * @param gid the fixed gid (identical on every host sharing NFS storage)
 * @param system create a system group ({@code groupadd -r}) when no gid is given
 * @param state {@code present} (default) or {@code absent}
 * @param reown when the gid changes, give files of the old gid to the new one
 *     ({@code find ROOTS -xdev -gid OLD -exec chgrp -h NEW {} +})
 * @param reownPaths the roots searched by {@code reown} (default {@code [/]}; {@code -xdev} keeps the
 *     search on each root's filesystem, so list separate local filesystems such as {@code /var})
 */
public record GroupParams(
        @JsonProperty("name") String name,
        @JsonProperty("gid") Long gid,
        @JsonProperty("system") Boolean system,
        @JsonProperty("state") String state,
        @JsonProperty("reown") Boolean reown,
        @JsonProperty("reown_paths") List<String> reownPaths) {

    public GroupParams {
        reownPaths = reownPaths == null ? List.of("/") : List.copyOf(reownPaths);
    }

    boolean absent() {
        return "absent".equals(state);
    }
}
