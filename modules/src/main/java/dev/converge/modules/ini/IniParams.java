package dev.converge.modules.ini;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code ini} (oslo.config style, e.g. {@code nova.conf}).
 *
 * @param path the file to edit
 * @param section the section, spelled as oslo.config reads it ({@code DEFAULT} in upper case)
 * @param set options to set; a list value means one line per item (multi-valued options)
 * @param unset options to remove
 * @param state {@code present} (default), or {@code absent}: remove the options named in
 *     {@code set} (only the lines with the given values when values are given)
 * @param create create the file when missing (default false)
 * @param mode mode of a created file (default 0644; nova.conf holds secrets: use 0640)
 * @param owner owner of a created file
 * @param group group of a created file
 */
public record IniParams(
        @JsonProperty("path") String path,
        @JsonProperty("section") String section,
        @JsonProperty("set") Map<String, Object> set,
        @JsonProperty("unset") List<String> unset,
        @JsonProperty("state") String state,
        @JsonProperty("create") Boolean create,
        @JsonProperty("mode") String mode,
        @JsonProperty("owner") String owner,
        @JsonProperty("group") String group) {

    public IniParams {
        set = set == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(set));
        unset = unset == null ? List.of() : List.copyOf(unset);
    }

    /** {@code state}, defaulted. */
    public boolean absent() {
        return "absent".equals(state);
    }
}
