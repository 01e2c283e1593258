package dev.converge.run;

import dev.converge.diag.SourceLocation;
import dev.converge.model.Host;
import dev.converge.inventory.Inventory;
import dev.converge.model.Var;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line's connection settings ({@code -u}, {@code -b}, {@code --become-user},
 * {@code --private-key}) as Ansible applies them: for each host that does not set the variable
 * (or its older alias) itself; {@code -e} still overrides both.
 */
final class ConnectionDefaults {
    private static final Map<String, List<String>> ALIASES = Map.of(
            "ansible_user", List.of("ansible_user", "ansible_ssh_user"),
            "ansible_ssh_private_key_file", List.of("ansible_ssh_private_key_file", "ansible_private_key_file"),
            "ansible_become", List.of("ansible_become"),
            "ansible_become_user", List.of("ansible_become_user"),
            "ansible_become_password", List.of("ansible_become_password", "ansible_become_pass"));

    private ConnectionDefaults() {}

    static Inventory apply(Inventory inventory, Map<String, Object> defaults) {
        if (defaults.isEmpty()) {
            return inventory;
        }
        SourceLocation at = SourceLocation.of(Path.of("<command line>"));
        Map<String, Host> hosts = new LinkedHashMap<>();
        inventory.hosts().forEach((name, host) -> {
            Map<String, Var> vars = new LinkedHashMap<>(host.vars());
            defaults.forEach((key, value) -> {
                if (ALIASES.getOrDefault(key, List.of(key)).stream().noneMatch(vars::containsKey)) {
                    vars.put(key, new Var(value, at));
                }
            });
            hosts.put(name, new Host(name, vars, host.groups(), host.at()));
        });
        return new Inventory(inventory.source(), hosts, inventory.groups(), inventory.tree(), inventory.warnings());
    }
}
