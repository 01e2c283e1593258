package dev.converge.modules.exports;

import com.fasterxml.jackson.annotation.JsonProperty;

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
 */
public record ExportsParams(
        @JsonProperty("path") String path,
        @JsonProperty("clients") Object clients,
        @JsonProperty("file") String file,
        @JsonProperty("state") String state) {

    public ExportsParams {
        file = file == null ? "/etc/exports" : file;
    }

    /** Whether the clients (or the entry) must be absent. */
    public boolean absent() {
        return "absent".equals(state);
    }
}
