package dev.converge.inventory;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import java.nio.file.Path;
import java.util.List;

/** Reads an inventory as Ansible does (see {@link InventorySources}). Every problem is collected; nothing is thrown. */
public final class InventoryLoader {
    private InventoryLoader() {}

    public static Inventory load(Path file, RunInputs inputs, Problems problems) {
        return InventorySources.load(List.of(file.toString()), inputs, problems);
    }

    public static Inventory load(List<String> sources, RunInputs inputs, Problems problems) {
        return InventorySources.load(sources, inputs, problems);
    }
}
