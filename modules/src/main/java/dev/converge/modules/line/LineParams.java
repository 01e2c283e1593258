package dev.converge.modules.line;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code line} (Ansible's {@code lineinfile}; {@code insertafter}/{@code insertbefore}
 * are accepted as aliases).
 *
 * @param path the file to edit
 * @param line the full line to ensure (without newline)
 * @param regexp Java regex; the last matching line is replaced (present) or every one removed (absent)
 * @param insertAfter regex, {@code EOF} or {@code BOF}: where a missing line goes (after the last match)
 * @param insertBefore regex or {@code BOF}: where a missing line goes (before the last match)
 * @param state {@code present} (default) or {@code absent}
 * @param create create the file when missing (default false: a missing file fails the resource)
 * @param mode mode of a created file (default 0644)
 * @param owner owner of a created file
 * @param group group of a created file
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup copy an existing file to {@code PATH.converge-backup~} before it is changed
 */
public record LineParams(
        @JsonProperty("path") String path,
        @JsonProperty("line") String line,
        @JsonProperty("regexp") @JsonAlias("regex") String regexp,

        @JsonProperty("insert_after") @JsonAlias("insertafter")
        String insertAfter,

        @JsonProperty("insert_before") @JsonAlias("insertbefore")
        String insertBefore,

        @JsonProperty("state") String state,
        @JsonProperty("create") Boolean create,
        @JsonProperty("mode") String mode,
        @JsonProperty("owner") String owner,
        @JsonProperty("group") String group,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    /** {@code state}, defaulted. */
    public String stateOrDefault() {
        return state == null ? "present" : state;
    }

    /** {@code create}, defaulted. */
    public boolean createOrDefault() {
        return create != null && create;
    }

    /** Without {@code validate} and {@code backup}. */
    public LineParams(
            String path,
            String line,
            String regexp,
            String insertAfter,
            String insertBefore,
            String state,
            Boolean create,
            String mode,
            String owner,
            String group) {
        this(path, line, regexp, insertAfter, insertBefore, state, create, mode, owner, group, null, null);
    }
}
