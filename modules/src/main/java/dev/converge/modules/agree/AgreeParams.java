package dev.converge.modules.agree;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code agree}: one value, read on every host the resource is bound to.
 *
 * @param cmd a read-only command whose output (and exit code) must agree
 * @param file a file whose content must agree (exclusive with {@code cmd})
 * @param regexp only the first match's first group (or whole match) of the output or content
 * @param what a name for the value in messages, e.g. "nova's uid"
 */
public record AgreeParams(
        @JsonProperty("cmd") List<String> cmd,
        @JsonProperty("file") String file,
        @JsonProperty("regexp") String regexp,
        @JsonProperty("what") String what) {}
