package dev.converge.modules.service;

import dev.converge.spi.CommandOutput;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@link ServiceFacts#SCRIPT}.
 *
 * @param init the detected init system, empty when the script's word is not understood
 * @param initWord what the script printed as the init system
 * @param running whether the status command said the service runs (systemd, sysv)
 * @param enabled systemd's is-enabled word, or sysv's {@code 0} when an S link exists
 * @param upstartStatus the output of upstart's {@code status NAME}
 * @param installed whether the unit, job or init script exists (true when the probe did not say)
 */
record ServiceStatus(Optional<InitSystem> init, String initWord, boolean running, String enabled, String upstartStatus, boolean installed) {

    static ServiceStatus parse(CommandOutput output) {
        Map<String, String> values = new HashMap<>();
        output.stdout().lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        });
        String word = values.getOrDefault("init", "");
        return new ServiceStatus(InitSystem.of(word), word, "0".equals(values.get("running")),
                values.getOrDefault("enabled", ""), values.getOrDefault("status", ""), !"0".equals(values.get("installed")));
    }
}
