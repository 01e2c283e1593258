package dev.converge.modules.sysctl;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code sysctl}.
 *
 * @param name the kernel parameter, e.g. {@code net.ipv4.ip_forward} (dots; {@code /} is read as a dot)
 * @param value its value (several fields are separated by blanks, e.g. {@code "4096 87380 6291456"})
 * @param state {@code present} (default) or {@code absent}: the setting removed from the file (the
 *     live value is left as it is: the kernel has no "unset")
 * @param file where the setting persists (default {@code /etc/sysctl.d/99-converge.conf})
 * @param live also set the running kernel's value with {@code sysctl -w} when it differs (default true)
 * @param validate a command (argument list, {@code %s} for the file) run on the new file content before
 *     it replaces the file; a rejection leaves the file as it was (and the live value unchanged)
 * @param backup keep the old file beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is changed
 */
public record SysctlParams(
        @JsonProperty("name") String name,
        @JsonProperty("value") String value,
        @JsonProperty("state") String state,
        @JsonProperty("file") String file,
        @JsonProperty("live") Boolean live,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    /** Without {@code validate} and {@code backup}. */
    public SysctlParams(String name, String value, String state, String file, Boolean live) {
        this(name, value, state, file, live, null, null);
    }

    static final String DEFAULT_FILE = "/etc/sysctl.d/99-converge.conf";

    String fileOrDefault() {
        return file == null ? DEFAULT_FILE : file;
    }

    boolean absent() {
        return "absent".equals(state);
    }

    boolean liveOrDefault() {
        return live == null || live;
    }

    /** The name in its dotted form, as {@code sysctl} prints it. */
    String key() {
        return name.replace('/', '.');
    }
}
