package dev.converge.modules.blockinfile;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code blockinfile} (Ansible's {@code blockinfile}; its spellings {@code dest},
 * {@code content}, {@code insertafter} and {@code insertbefore} are accepted as aliases).
 *
 * @param path the file to edit
 * @param block the text between the markers; empty (the default) removes the block
 * @param marker the marker line, {@code {mark}} replaced by {@code marker_begin}/{@code marker_end}
 * @param markerBegin what {@code {mark}} becomes in the first marker line (default BEGIN)
 * @param markerEnd what {@code {mark}} becomes in the last marker line (default END)
 * @param insertAfter regex or {@code EOF}: where a new block goes (after the last matching line)
 * @param insertBefore regex or {@code BOF}: where a new block goes (before the last matching line)
 * @param state {@code present} (default) or {@code absent}
 * @param create create the file when missing (default false: a missing file fails the resource)
 * @param mode mode of the file (created or existing)
 * @param owner owner of the file
 * @param group group of the file
 * @param validate a command (argument list, {@code %s} for the file) run on the new content before it
 *     replaces the file; a rejection leaves the file as it was
 * @param backup keep the old content beside the file when it is changed
 */
public record BlockParams(
        @JsonProperty("path") @JsonAlias({"dest", "destfile", "name"})
        String path,

        @JsonProperty("block") @JsonAlias("content") String block,
        @JsonProperty("marker") String marker,
        @JsonProperty("marker_begin") String markerBegin,
        @JsonProperty("marker_end") String markerEnd,

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

    /** Ansible's default marker. */
    public static final String DEFAULT_MARKER = "# {mark} ANSIBLE MANAGED BLOCK";

    /** A block with the default markers at the default place, no attributes, validation or backup. */
    public static BlockParams of(String path, String block, String state) {
        return new BlockParams(path, block, null, null, null, null, null, state, null, null, null, null, null, null);
    }

    /** {@code state}, defaulted. */
    public String stateOrDefault() {
        return state == null ? "present" : state;
    }

    /** The block to write: empty for {@code state: absent} (and for an empty or missing block). */
    public String wantedBlock() {
        return stateOrDefault().equals("absent") || block == null ? "" : block;
    }

    /** The BEGIN marker line, without newline. */
    public String beginLine() {
        return BlockInFile.Block.marker(
                marker == null ? DEFAULT_MARKER : marker, markerBegin == null ? "BEGIN" : markerBegin);
    }

    /** The END marker line, without newline. */
    public String endLine() {
        return BlockInFile.Block.marker(
                marker == null ? DEFAULT_MARKER : marker, markerEnd == null ? "END" : markerEnd);
    }
}
