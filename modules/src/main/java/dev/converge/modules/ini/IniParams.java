package dev.converge.modules.ini;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code ini} (oslo.config style, e.g. {@code nova.conf}).
 *
 * @param path the file to edit
 * @param section the section, spelled as oslo.config reads it ({@code DEFAULT} in upper case);
 *     {@code section: null} (written out: a missing section is an error) means the options before
 *     the first section header, as Ansible's {@code ini_file}; bound as {@link #NO_SECTION}
 * @param set options to set; a list value means one line per item (multi-valued options)
 * @param unset options to remove
 * @param state {@code present} (default), or {@code absent}: remove the options named in
 *     {@code set} (only the lines with the given values when values are given)
 * @param create create the file when missing (default false)
 * @param mode mode of a created file (default 0644; nova.conf holds secrets: use 0640)
 * @param owner owner of a created file
 * @param group group of a created file
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup copy an existing file to {@code PATH.converge-backup~} before it is changed
 */
public record IniParams(
        @JsonProperty("path") String path,

        @JsonProperty("section") @JsonDeserialize(using = SectionDeserializer.class)
        String section,

        @JsonProperty("set") Map<String, Object> set,
        @JsonProperty("unset") List<String> unset,
        @JsonProperty("state") String state,
        @JsonProperty("create") Boolean create,
        @JsonProperty("mode") String mode,
        @JsonProperty("owner") String owner,
        @JsonProperty("group") String group,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    public IniParams {
        set = set == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(set));
        unset = unset == null ? List.of() : List.copyOf(unset);
    }

    /** What {@code section: null} binds to (an empty name: no section header is empty). */
    public static final String NO_SECTION = "";

    /** The section for {@link OsloIni}: null for the options before the first section. */
    String sectionOrNull() {
        return NO_SECTION.equals(section) ? null : section;
    }

    /** An explicit YAML null is {@link #NO_SECTION}; a missing key stays null (a missing required parameter). */
    static final class SectionDeserializer extends StdDeserializer<String> {
        SectionDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken().isScalarValue()
                    ? p.getValueAsString()
                    : (String) ctxt.handleUnexpectedToken(String.class, p);
        }

        @Override
        public String getNullValue(DeserializationContext ctxt) {
            return NO_SECTION;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** {@code state}, defaulted. */
    public boolean absent() {
        return "absent".equals(state);
    }

    /** Without {@code validate} and {@code backup}. */
    public IniParams(
            String path,
            String section,
            Map<String, Object> set,
            List<String> unset,
            String state,
            Boolean create,
            String mode,
            String owner,
            String group) {
        this(path, section, set, unset, state, create, mode, owner, group, null, null);
    }
}
