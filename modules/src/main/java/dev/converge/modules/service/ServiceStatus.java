package dev.converge.modules.service;

import dev.converge.spi.CommandOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of a {@link ServiceFacts} variant ({@code key=value} lines).
 *
 * @param installed whether the unit, job or init script exists (true when the probe did not say)
 * @param running whether the status command said the service runs (systemd, sysv)
 * @param enabled systemd's is-enabled word, or sysv's {@code 0} when an S link exists
 * @param upstartStatus the output of upstart's {@code status NAME}
 * @param enabler sysv's boot-time tool ({@code update-rc.d}, {@code chkconfig}, {@code none}); empty elsewhere
 */
record ServiceStatus(boolean installed, boolean running, String enabled, String upstartStatus, String enabler) {

    static ServiceStatus parse(CommandOutput output) {
        Map<String, String> values = new LinkedHashMap<>();
        output.stdout().lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        });
        return new ServiceStatus(
                !"0".equals(values.get("installed")),
                "0".equals(values.get("running")),
                values.getOrDefault("enabled", ""),
                values.getOrDefault("status", ""),
                values.getOrDefault("enabler", ""));
    }

    /** What the probe prints for this status (the inverse of {@link #parse}): for predictions. */
    CommandOutput print() {
        StringBuilder out = new StringBuilder();
        if (!enabler.isEmpty()) {
            out.append("enabler=").append(enabler).append('\n');
        }
        out.append("installed=").append(installed ? 1 : 0).append('\n');
        if (!upstartStatus.isEmpty()) {
            out.append("status=").append(upstartStatus).append('\n');
        } else {
            out.append("running=")
                    .append(running ? 0 : 3)
                    .append('\n')
                    .append("enabled=")
                    .append(enabled)
                    .append('\n');
        }
        return new CommandOutput(0, out.toString(), "");
    }

    /** The init system of a host whose {@code init} host fact is {@code init}, with this status's sysv tool. */
    Optional<InitSystem> initOn(String init) {
        return switch (init) {
            case "systemd" -> Optional.of(InitSystem.SYSTEMD);
            case "upstart" -> Optional.of(InitSystem.UPSTART);
            case "sysv" ->
                Optional.of(
                        switch (enabler) {
                            case "update-rc.d" -> InitSystem.SYSV_DEBIAN;
                            case "chkconfig" -> InitSystem.SYSV_REDHAT;
                            default -> InitSystem.SYSV;
                        });
            default -> Optional.empty();
        };
    }

    ServiceStatus withRunning(boolean now, String upstartNow) {
        return new ServiceStatus(installed, now, enabled, upstartStatus.isEmpty() ? "" : upstartNow, enabler);
    }

    ServiceStatus withEnabled(String now) {
        return new ServiceStatus(installed, running, now, upstartStatus, enabler);
    }
}
