package dev.converge.modules.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code user}.
 *
 * @param name the login name
 * @param uid the fixed uid (identical on every host sharing NFS storage)
 * @param group the primary group (name or gid)
 * @param groups supplementary groups (exactly these, unless {@code append})
 * @param append add {@code groups} to the user's current ones instead of replacing them
 * @param home the home directory
 * @param shell the login shell
 * @param system create a system account ({@code useradd -r}); only used when creating
 * @param createHome create the home directory on creation (default: yes, except system accounts)
 * @param state {@code present} (default) or {@code absent}
 * @param remove with {@code absent}: also remove the home directory ({@code userdel -r})
 * @param reown when the uid changes, give files of the old uid to the new one
 *     ({@code find ROOTS -xdev -uid OLD -exec chown -h NEW {} +}, after {@code usermod -u})
 * @param reownPaths the roots searched by {@code reown} (default {@code [/]})
 */
public record UserParams(
        @JsonProperty("name") String name,
        @JsonProperty("uid") Long uid,
        @JsonProperty("group") String group,
        @JsonProperty("groups") List<String> groups,
        @JsonProperty("append") Boolean append,
        @JsonProperty("home") String home,
        @JsonProperty("shell") String shell,
        @JsonProperty("system") Boolean system,
        @JsonProperty("create_home") Boolean createHome,
        @JsonProperty("state") String state,
        @JsonProperty("remove") Boolean remove,
        @JsonProperty("reown") Boolean reown,
        @JsonProperty("reown_paths") List<String> reownPaths) {

    public UserParams {
        groups = groups == null ? null : List.copyOf(groups);
        reownPaths = reownPaths == null ? List.of("/") : List.copyOf(reownPaths);
    }

    boolean absent() {
        return "absent".equals(state);
    }

    /** Whether the primary group is given by name (needs a lookup to compare gids). */
    boolean groupByName() {
        return group != null && !group.matches("\\d+");
    }
}
