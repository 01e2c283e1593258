package dev.converge.modules.migration.nova;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the nova driver's helper process receives on standard input (never on its command line:
 * it holds the credentials).
 */
public record NovaRequest(
        @JsonProperty("instance") String instance,
        @JsonProperty("to") String to,
        @JsonProperty("timeout") long timeout,
        @JsonProperty("settings") NovaSettings settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static NovaRequest fromJson(String json) throws IOException {
        return JSON.readValue(json, NovaRequest.class);
    }

    @Override
    public String toString() {
        return "NovaRequest[" + instance + " to " + to + ", " + settings + "]";
    }
}
