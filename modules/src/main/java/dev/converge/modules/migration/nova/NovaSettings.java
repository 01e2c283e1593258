package dev.converge.modules.migration.nova;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Keystone v3 and Compute API settings of the nova driver ({@code live_migration}'s {@code nova:}).
 * A type of this package, so the driver depends on nothing of {@code live_migration}'s own package
 * (no package cycle: that package depends on this one, never the reverse).
 */
public record NovaSettings(
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
        return "NovaSettings[" + authUrl + ", user " + username + ", project " + projectName
                + ", credentials ********]";
    }
}
