package dev.converge.run;

import dev.converge.engine.RunSelection;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a playbook.
 *
 * @param inventory the inventory file, or null for an implicit {@code localhost} (local transport)
 * @param check plan and report only; touch nothing
 */
public record RunOptions(Path playbook, Path inventory, boolean check, RunSelection selection, int forks,
        Duration connectTimeout, Duration commandTimeout, HostKeyChecking hostKeyChecking) {

    public static RunOptions defaults(Path playbook, Path inventory) {
        return new RunOptions(playbook, inventory, false, RunSelection.everything(), 20, Duration.ofSeconds(10),
                Duration.ofMinutes(10), HostKeyChecking.STRICT);
    }
}
