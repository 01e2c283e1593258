package dev.converge.modules.keyvalue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code keyvalue}.
 *
 * @param path the file to edit
 * @param syntax {@code libvirt} (virconf: first occurrence wins, typed values) or {@code shell}
 *     ({@code /etc/default/*}: last occurrence wins, quoted strings)
 * @param set keys to set, in order; values are YAML scalars (libvirt also takes lists of strings)
 * @param unset keys whose active assignments are removed
 * @param create create the file when missing (default false; shell files such as
 *     {@code /etc/sysconfig/libvirtd} may legitimately be missing)
 * @param mode mode of a created file (default 0644)
 * @param owner owner of a created file
 * @param group group of a created file
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup copy an existing file to {@code PATH.converge-backup~} before it is changed
 */
public record KeyValueParams(
        @JsonProperty("path") String path,
        @JsonProperty("syntax") String syntax,
        @JsonProperty("set") Map<String, Object> set,
        @JsonProperty("unset") List<String> unset,
        @JsonProperty("create") Boolean create,
        @JsonProperty("mode") String mode,
        @JsonProperty("owner") String owner,
        @JsonProperty("group") String group,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    public KeyValueParams {
        set = set == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(set));
        unset = unset == null ? List.of() : List.copyOf(unset);
    }

    /** Without {@code validate} and {@code backup}. */
    public KeyValueParams(
            String path,
            String syntax,
            Map<String, Object> set,
            List<String> unset,
            Boolean create,
            String mode,
            String owner,
            String group) {
        this(path, syntax, set, unset, create, mode, owner, group, null, null);
    }
}
