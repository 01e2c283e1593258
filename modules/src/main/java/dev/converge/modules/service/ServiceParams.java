package dev.converge.modules.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Parameters of {@code service}.
 *
 * @param name the service (systemd unit name without {@code .service}, init script or upstart job)
 * @param state {@code started}, {@code stopped}, {@code restarted} or {@code reloaded} (the last two
 *     act on every run: use them as handlers); omitted means "do not touch the running state"
 * @param enabled start at boot (omitted: leave as is)
 */
public record ServiceParams(
        @JsonProperty("name") String name,
        @JsonProperty("state") String state,
        @JsonProperty("enabled") Boolean enabled) {}
