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
        @JsonProperty("settings") Settings settings) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keystone v3 and endpoint settings. */
    public record Settings(
            @JsonProperty("auth_url") String authUrl,
            @JsonProperty("username") String username,
            @JsonProperty("password") String password,
            @JsonProperty("project_name") String projectName,
            @JsonProperty("user_domain_name") String userDomainName,
            @JsonProperty("project_domain_name") String projectDomainName,
            @JsonProperty("application_credential_id") String applicationCredentialId,
            @JsonProperty("application_credential_secret") String applicationCredentialSecret,
            @JsonProperty("region") String region,
            @JsonProperty("interface") String endpointInterface,
            @JsonProperty("block_migration") String blockMigration) {

        @Override
        public String toString() {
            return "Settings[" + authUrl + ", user " + username + ", project " + projectName + ", credentials ********]";
        }
    }

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
