package dev.converge.modules.authkey;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code authorized_key}.
 *
 * @param user whose key file (its owner; the default path is in that user's home)
 * @param key the public key line ({@code ssh-ed25519 AAAA... comment}); the key is its type and
 *     blob, the comment is kept as given
 * @param options authorized_keys options, e.g. {@code from="10.0.0.0/8",no-pty} (default none)
 * @param state {@code present} (default) or {@code absent}
 * @param exclusive remove every other key of the file (default false)
 * @param path the file (default {@code ~user/.ssh/authorized_keys}, {@code /root/...} for root)
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup keep the old file beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is changed
 */
public record AuthorizedKeyParams(
        @JsonProperty("user") String user,
        @JsonProperty("key") String key,
        @JsonProperty("options") String options,
        @JsonProperty("state") String state,
        @JsonProperty("exclusive") Boolean exclusive,
        @JsonProperty("path") String path,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    /** Without {@code validate} and {@code backup}. */
    public AuthorizedKeyParams(String user, String key, String options, String state, Boolean exclusive, String path) {
        this(user, key, options, state, exclusive, path, null, null);
    }

    boolean absent() {
        return "absent".equals(state);
    }

    boolean exclusiveOrDefault() {
        return Boolean.TRUE.equals(exclusive);
    }

    /** The file: {@code path}, else the conventional home's (checked against the real home at plan time). */
    String pathOrDefault() {
        if (path != null) {
            return path;
        }
        return conventionalHome() + "/.ssh/authorized_keys";
    }

    String conventionalHome() {
        return "root".equals(user) ? "/root" : "/home/" + user;
    }
}
