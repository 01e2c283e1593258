package dev.converge.modules.waitfor;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Parameters of {@code wait_for}: a TCP {@code port} or a {@code path}.
 *
 * @param port a TCP port that must accept connections from the bound host
 * @param host where the port is (default: the host's own name, as {@code hostname} prints it there)
 * @param path an absolute path that must exist (exclusive with {@code port})
 * @param timeout seconds to wait at apply time (default 30)
 */
public record WaitForParams(
        @JsonProperty("port") Integer port,
        @JsonProperty("host") String host,
        @JsonProperty("path") String path,
        @JsonProperty("timeout") Integer timeout) {

    public int timeoutOrDefault() {
        return timeout == null ? 30 : timeout;
    }
}
