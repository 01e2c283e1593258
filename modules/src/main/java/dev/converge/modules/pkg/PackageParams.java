package dev.converge.modules.pkg;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code package}.
 *
 * @param name the packages, each {@code NAME} or {@code NAME=VERSION} (a pin; apt's syntax, written
 *     {@code NAME-VERSION} for dnf/yum by the module)
 * @param state {@code present} (default), {@code absent} or {@code latest} (the candidate of the
 *     host's package cache)
 * @param updateCache refresh the package index first when it is older than {@code cache_valid_time}
 *     (once per host and run: the first resource that refreshes it predicts it fresh)
 * @param cacheValidTime the age in seconds below which the index counts as fresh (default 3600)
 */
public record PackageParams(
        @JsonProperty("name") List<String> name,
        @JsonProperty("state") String state,
        @JsonProperty("update_cache") Boolean updateCache,
        @JsonProperty("cache_valid_time") Integer cacheValidTime) {

    static final int DEFAULT_CACHE_VALID_TIME = 3600;

    String effectiveState() {
        return state == null ? "present" : state;
    }

    boolean refreshes() {
        return Boolean.TRUE.equals(updateCache);
    }

    int validTime() {
        return cacheValidTime == null ? DEFAULT_CACHE_VALID_TIME : cacheValidTime;
    }
}
