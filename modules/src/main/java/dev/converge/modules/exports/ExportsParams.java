package dev.converge.modules.exports;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code exports}.
 *
 * @param path the exported directory
 * @param clients a list of {@code {host: 10.77.0.0/24, options: [rw, sync]}}, or a map
 *     {@code host: [options]}; options may also be one comma-separated string
 * @param file the export table (default {@code /etc/exports}; {@code /etc/exports.d/NAME.exports}
 *     keeps the admin's file untouched)
 * @param state {@code present} (default) or {@code absent} (removes the listed clients, or the
 *     whole entry when no clients are given)
 * @param validate a command (argument list, {@code %s} for the file) run on the new export table before
 *     it replaces the file; a rejection leaves the file as it was
 * @param backup keep the old file beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is changed
 */
public record ExportsParams(
        @JsonProperty("path") String path,
        @JsonProperty("clients") Object clients,
        @JsonProperty("file") String file,
        @JsonProperty("state") String state,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    public ExportsParams {
        file = file == null ? "/etc/exports" : file;
    }

    /** Without {@code validate} and {@code backup}. */
    public ExportsParams(String path, Object clients, String file, String state) {
        this(path, clients, file, state, null, null);
    }

    /** Whether the clients (or the entry) must be absent. */
    public boolean absent() {
        return "absent".equals(state);
    }
}
