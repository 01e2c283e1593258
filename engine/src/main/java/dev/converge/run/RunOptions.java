package dev.converge.run;

import dev.converge.bind.RunSelection;
import dev.converge.config.RunInputs;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to run a playbook.
 *
 * @param inventories the inventory sources, as {@code -i} takes them (files, directories, comma lists of hosts);
 *     empty for none: only the implicit {@code localhost} (local transport), which {@code all} does not match
 * @param check plan and report only; touch nothing
 * @param inputs this run's vault and record of the local files read (the loaders read through it); one per run
 */
public record RunOptions(
        Path playbook,
        List<String> inventories,
        boolean check,
        RunSelection selection,
        int forks,
        Duration connectTimeout,
        Duration commandTimeout,
        HostKeyChecking hostKeyChecking,
        RunInputs inputs) {

    public RunOptions {
        inventories = List.copyOf(inventories);
    }

    /** The defaults of a run of {@code playbook} on {@code inventory} (null: none), with inputs of its own and no vault password. */
    public static RunOptions defaults(Path playbook, Path inventory) {
        return new RunOptions(
                playbook,
                inventory == null ? List.of() : List.of(inventory.toString()),
                false,
                RunSelection.everything(),
                20,
                Duration.ofSeconds(10),
                Duration.ofMinutes(10),
                HostKeyChecking.STRICT,
                RunInputs.none());
    }
}
