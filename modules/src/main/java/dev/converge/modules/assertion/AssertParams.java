package dev.converge.modules.assertion;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code assert}: a command check ({@code cmd} with {@code rc} and/or one of
 * {@code stdout_matches} / {@code stdout_equals}) or a path check ({@code path} with {@code state}).
 *
 * @param cmd a read-only command, as an argument list (it also runs during {@code --check})
 * @param rc the expected exit code (default 0)
 * @param stdoutMatches a Java regex that must be found somewhere in the standard output
 * @param stdoutEquals the whole standard output, without its final newline
 * @param path an absolute path to check
 * @param state {@code exists} (default), {@code absent} or {@code directory}
 * @param what a name for the check in messages (default: the command or path)
 */
public record AssertParams(
        @JsonProperty("cmd") List<String> cmd,
        @JsonProperty("rc") Integer rc,
        @JsonProperty("stdout_matches") String stdoutMatches,
        @JsonProperty("stdout_equals") String stdoutEquals,
        @JsonProperty("path") String path,
        @JsonProperty("state") String state,
        @JsonProperty("what") String what) {

    public int rcOrDefault() {
        return rc == null ? 0 : rc;
    }

    public String stateOrDefault() {
        return state == null ? "exists" : state;
    }
}
